import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { disconnectDatabase } from '@/lib/db/client';
import { createWorkerConnection } from '@/lib/queue/connection';
import { closeIngestQueue } from '@/lib/queue/ingest-queue';
import { queueNames } from '@/lib/queue/job-definitions';
import { sweepInbox } from '@/lib/ingest/sweep-inbox';
import { ingestWebhookJob } from '@/workers/jobs/ingest-webhook';

// The worker process: the ingest queue's consumer and the inbox sweeper. Never started inside
// the web process. SIGTERM lets active jobs finish before it exits.

const jobs = [ingestWebhookJob];
const jobsByName = new Map<string, (typeof jobs)[number]>(jobs.map((job) => [job.name, job]));

async function processJob(job: Job): Promise<unknown> {
  const definition = jobsByName.get(job.name);
  if (!definition) throw new UnrecoverableError(`Unknown job ${job.name}`);
  const data = definition.schema.safeParse(job.data);
  if (!data.success) throw new UnrecoverableError(`Invalid ${job.name} payload: ${data.error.message}`);
  return definition.handle(data.data, job);
}

const connection = createWorkerConnection();
connection.on('error', (error) => logger.debug({ err: error }, 'Redis worker connection error'));

const worker = new Worker(queueNames.ingest, processJob, {
  connection,
  prefix: env().QUEUE_PREFIX,
  concurrency: env().INGEST_CONCURRENCY,
  // A killed worker's jobs come back after ~10 s instead of BullMQ's default 30-60 s.
  lockDuration: 10_000,
  stalledInterval: 5_000,
});
worker.on('error', (error) => logger.warn({ err: error }, 'ingest worker error'));
worker.on('failed', (job, error) =>
  logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, reason: error.message }, 'ingest job failed'),
);

let sweeping = false;
const sweeper = setInterval(() => {
  if (sweeping) return;
  sweeping = true;
  sweepInbox({ queuedGraceMs: env().SWEEP_QUEUED_GRACE_MS })
    .catch((error) => logger.warn({ err: error }, 'inbox sweep failed'))
    .finally(() => {
      sweeping = false;
    });
}, env().SWEEP_INTERVAL_MS);

logger.info({ concurrency: env().INGEST_CONCURRENCY, prefix: env().QUEUE_PREFIX }, 'worker started');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping; letting active jobs finish');
  clearInterval(sweeper);
  await worker.close();
  connection.disconnect();
  await closeIngestQueue();
  await disconnectDatabase();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
