import type { TestProject } from 'vitest/node';
import { startFakeTikTokShop } from '@/tests/fakes/tiktok-shop';
import { startWorkerProcess } from '@/tests/support/processes';

declare module 'vitest' {
  export interface ProvidedContext {
    tiktokApiBase: string;
  }
}

// Integration tests run against real Postgres and Redis (prepared by `npm test`) and two real
// worker processes, each at concurrency 8, fed through a fake TikTok Shop API.
export default async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL?.includes('_test')) {
    throw new Error('Run the integration tests through `npm test`, which prepares a fresh <name>_test database.');
  }
  const tiktok = await startFakeTikTokShop({ appKey: process.env.TIKTOK_APP_KEY!, appSecret: process.env.TIKTOK_APP_SECRET! });
  project.provide('tiktokApiBase', tiktok.url);
  const workerEnv = {
    TIKTOK_API_BASE: tiktok.url,
    INGEST_CONCURRENCY: '8',
  };
  const workers = await Promise.all([startWorkerProcess('worker-a', workerEnv), startWorkerProcess('worker-b', workerEnv)]);
  return async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await tiktok.close();
  };
}
