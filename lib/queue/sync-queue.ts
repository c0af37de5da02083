import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { addJob } from '@/lib/queue/producer';
import { jobNames, queueNames, ZStoreJob, type TStoreJob } from '@/lib/queue/job-definitions';
import { withTenant } from '@/lib/db/tenant-scope';

const syncJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

/**
 * Starts (or resumes) a store's backfill. A second one for the same store finds the lock taken and
 * ends. A backfill that has not started shows as queued, so the Stores page follows it from the start.
 */
export async function enqueueBackfill(job: TStoreJob): Promise<void> {
  const data = ZStoreJob.parse(job);
  await withTenant(data.tenantId, () =>
    db().storeSync.updateMany({
      where: { tenantId: data.tenantId, storeId: data.storeId, backfillStatus: { in: ['pending', 'failed'] } },
      data: { backfillStatus: 'queued' },
    }),
  );
  await addJob(queueNames.sync, jobNames.backfillStore, data, { ...syncJobOptions, jobId: `backfill-${data.storeId}-${Date.now()}` });
}

/** One reconciliation per store per interval, whoever asks for it. */
export async function enqueueReconcile(job: TStoreJob): Promise<void> {
  const data = ZStoreJob.parse(job);
  const slot = Math.floor(Date.now() / env().RECONCILE_INTERVAL_MS);
  await addJob(queueNames.sync, jobNames.reconcileStore, data, { ...syncJobOptions, attempts: 2, jobId: `reconcile-${data.storeId}-${slot}` });
}
