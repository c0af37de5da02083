import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { disconnectDatabase } from '@/lib/db/client';
import { createWorkerConnection } from '@/lib/queue/connection';
import { closeProducer, producerQueue } from '@/lib/queue/producer';
import { jobNames, queueNames } from '@/lib/queue/job-definitions';
import { sweepInbox } from '@/lib/ingest/sweep-inbox';
import { ingestWebhookJob } from '@/workers/jobs/ingest-webhook';
import { backfillStoreJob } from '@/workers/jobs/backfill-store';
import { reconcileStoreJob } from '@/workers/jobs/reconcile-store';
import { reconcileAllJob } from '@/workers/jobs/reconcile-all';
import { placeSupplierOrderJob } from '@/workers/jobs/place-supplier-order';
import { syncAllSuppliersJob, syncSupplierOrdersJob } from '@/workers/jobs/sync-supplier-orders';
import { beginShutdown } from '@/workers/shutdown';
import { withTenant } from '@/lib/db/tenant-scope';
import { warnWithoutAutovacuum } from '@/lib/db/warn-without-autovacuum';

// The worker process: the ingest and sync queues' consumers, the inbox sweeper and the
// reconciliation schedule. Never started inside the web process. SIGTERM lets active jobs finish.

type TJobDefinition = { name: string; schema: { safeParse: (data: unknown) => { success: true; data: unknown } | { success: false; error: Error } }; handle: (data: never, job: Job) => Promise<unknown> };

function processorFor(definitions: TJobDefinition[]) {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  return async (job: Job): Promise<unknown> => {
    const definition = byName.get(job.name);
    if (!definition) throw new UnrecoverableError(`Unknown job ${job.name}`);
    const data = definition.schema.safeParse(job.data);
    if (!data.success) throw new UnrecoverableError(`Invalid ${job.name} payload: ${data.error.message}`);
    // A job for one tenant runs inside that tenant (row-level security); the schedulers' jobs,
    // which carry none, look across tenants through the owner's connection.
    const tenantId = (data.data as { tenantId?: unknown }).tenantId;
    if (typeof tenantId === 'string') return withTenant(tenantId, () => definition.handle(data.data as never, job));
    return definition.handle(data.data as never, job);
  };
}

const connection = createWorkerConnection();
connection.on('error', (error) => logger.debug({ err: error }, 'Redis worker connection error'));

// A killed worker's jobs come back after ~10 s instead of BullMQ's default 30-60 s.
const stallOptions = { lockDuration: 10_000, stalledInterval: 5_000 };

const workers = [
  new Worker(queueNames.ingest, processorFor([ingestWebhookJob as TJobDefinition]), {
    connection,
    prefix: env().QUEUE_PREFIX,
    concurrency: env().INGEST_CONCURRENCY,
    ...stallOptions,
  }),
  new Worker(queueNames.sync, processorFor([backfillStoreJob, reconcileStoreJob, reconcileAllJob] as TJobDefinition[]), {
    connection,
    prefix: env().QUEUE_PREFIX,
    concurrency: 4,
    ...stallOptions,
  }),
  new Worker(queueNames.supplier, processorFor([placeSupplierOrderJob, syncSupplierOrdersJob, syncAllSuppliersJob] as TJobDefinition[]), {
    connection,
    prefix: env().QUEUE_PREFIX,
    concurrency: 4,
    ...stallOptions,
  }),
];
for (const worker of workers) {
  worker.on('error', (error) => logger.warn({ err: error, queue: worker.name }, 'worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ queue: worker.name, jobId: job?.id, attemptsMade: job?.attemptsMade, reason: error.message }, 'job failed'),
  );
}

producerQueue(queueNames.sync)
  .upsertJobScheduler('reconcile-all', { every: env().RECONCILE_INTERVAL_MS }, { name: jobNames.reconcileAll, data: {} })
  .catch((error) => logger.warn({ err: error }, 'could not schedule reconciliation'));
// Supplier tracking is polled every SUPPLIER_SYNC_INTERVAL_MS (5 minutes): tracking reaches the
// channel well within 15 minutes of the supplier publishing it.
producerQueue(queueNames.supplier)
  .upsertJobScheduler('sync-all-suppliers', { every: env().SUPPLIER_SYNC_INTERVAL_MS }, { name: jobNames.syncAllSuppliers, data: {} })
  .catch((error) => logger.warn({ err: error }, 'could not schedule supplier sync'));

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
void warnWithoutAutovacuum();

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  beginShutdown();
  logger.info({ signal }, 'worker stopping; letting active jobs finish');
  clearInterval(sweeper);
  await Promise.all(workers.map((worker) => worker.close()));
  connection.disconnect();
  await closeProducer();
  await disconnectDatabase();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
