import { startAllFakes } from '@/tests/fakes/serve-fakes';
import { startWorkerProcess } from '@/tests/support/processes';

// Integration tests run against real Postgres and Redis (prepared by `npm test`), two real worker
// processes at concurrency 8 each, and the platform fakes on the ports `npm test` chose.
export default async function setup() {
  if (!process.env.DATABASE_URL?.includes('_test') || !process.env.FAKES_PORT) {
    throw new Error('Run the integration tests through `npm test`, which prepares a fresh <name>_test database and the fakes.');
  }
  const fakes = await startAllFakes(Number(process.env.FAKES_PORT));
  const workerEnv = { INGEST_CONCURRENCY: '8' };
  const workers = await Promise.all([startWorkerProcess('worker-a', workerEnv), startWorkerProcess('worker-b', workerEnv)]);
  return async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await fakes.close();
  };
}
