import type { Job } from 'bullmq';
import { jobNames, ZPlaceSupplierOrderJob, type TPlaceSupplierOrderJob } from '@/lib/queue/job-definitions';
import { flagSupplierAttention, placeSupplierOrder } from '@/lib/suppliers/place-supplier-order';

export const placeSupplierOrderJob = {
  name: jobNames.placeSupplierOrder,
  schema: ZPlaceSupplierOrderJob,
  async handle(data: TPlaceSupplierOrderJob, job: Job): Promise<unknown> {
    try {
      // 'busy': another job holds the order's lock (a double click); that one places it.
      return await placeSupplierOrder(data.tenantId, data.orderId, { type: 'user', id: data.actorId });
    } catch (error) {
      // Out of retries (AliExpress unreachable for long): the attempt stays pending, so sending the
      // order again replays it; meanwhile the order waits in Needs attention with the reason.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await flagSupplierAttention(data.tenantId, data.orderId, `supplier_failed: ${(error as Error).message}`);
      }
      throw error;
    }
  },
};
