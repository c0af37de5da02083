import type { Job } from 'bullmq';
import { jobNames, ZStoreJob, type TStoreJob } from '@/lib/queue/job-definitions';
import { reconcileStore } from '@/lib/sync/reconcile-store';

export const reconcileStoreJob = {
  name: jobNames.reconcileStore,
  schema: ZStoreJob,
  async handle(data: TStoreJob, _job: Job): Promise<unknown> {
    return reconcileStore(data.tenantId, data.storeId);
  },
};
