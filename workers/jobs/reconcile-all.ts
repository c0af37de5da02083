import type { Job } from 'bullmq';
import { z } from 'zod';
import { jobNames } from '@/lib/queue/job-definitions';
import { enqueueBackfill, enqueueReconcile } from '@/lib/queue/sync-queue';
import { unsafeListStoresToSync } from '@/lib/sync/reconcile-store';

/** The scheduler's tick: reconcile every connected store, and resume backfills whose job was lost. */
export const reconcileAllJob = {
  name: jobNames.reconcileAll,
  schema: z.object({}).passthrough(),
  async handle(_data: unknown, _job: Job): Promise<{ stores: number }> {
    const stores = await unsafeListStoresToSync();
    for (const store of stores) {
      await enqueueReconcile(store);
      if (store.backfillStatus === 'running') await enqueueBackfill(store);
    }
    return { stores: stores.length };
  },
};
