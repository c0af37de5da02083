import type { Job } from 'bullmq';
import { jobNames, ZStoreJob, type TStoreJob } from '@/lib/queue/job-definitions';
import { backfillStore } from '@/lib/sync/backfill-store';
import { enqueueBackfill } from '@/lib/queue/sync-queue';
import { isShuttingDown } from '@/workers/shutdown';

export const backfillStoreJob = {
  name: jobNames.backfillStore,
  schema: ZStoreJob,
  async handle(data: TStoreJob, _job: Job): Promise<string> {
    const outcome = await backfillStore(data.tenantId, data.storeId, isShuttingDown);
    // A worker that stops mid-backfill leaves the cursor saved and the rest to the next worker.
    if (outcome === 'paused') await enqueueBackfill(data);
    return outcome;
  },
};
