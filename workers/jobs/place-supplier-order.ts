import type { Job } from 'bullmq';
import { jobNames, ZPlaceSupplierOrderJob, type TPlaceSupplierOrderJob } from '@/lib/queue/job-definitions';
import { placeSupplierOrder } from '@/lib/suppliers/place-supplier-order';

export const placeSupplierOrderJob = {
  name: jobNames.placeSupplierOrder,
  schema: ZPlaceSupplierOrderJob,
  async handle(data: TPlaceSupplierOrderJob, _job: Job): Promise<unknown> {
    const outcome = await placeSupplierOrder(data.tenantId, data.orderId, { type: 'user', id: data.actorId });
    // Another job holds the order's lock (a double click): it will place it; this one may go.
    return outcome;
  },
};
