import { env } from '@/lib/env';
import { addJob } from '@/lib/queue/producer';
import { jobNames, queueNames, ZPlaceSupplierOrderJob, ZTenantJob, type TPlaceSupplierOrderJob, type TTenantJob } from '@/lib/queue/job-definitions';

/**
 * A placement job. Two jobs for one order (a double click) meet at the order's lock, and a retry
 * after a timeout replays the pending attempt: either way AliExpress gets one order.
 */
export async function enqueuePlaceSupplierOrder(job: TPlaceSupplierOrderJob): Promise<void> {
  const data = ZPlaceSupplierOrderJob.parse(job);
  await addJob(queueNames.supplier, jobNames.placeSupplierOrder, data, {
    jobId: `place-${data.orderId}-${Date.now()}`,
    attempts: 6,
    backoff: { type: 'exponential', delay: Number(process.env.SUPPLIER_BACKOFF_MS ?? 5_000) },
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
  });
}

export async function enqueueSupplierSync(job: TTenantJob): Promise<void> {
  const data = ZTenantJob.parse(job);
  const slot = Math.floor(Date.now() / env().SUPPLIER_SYNC_INTERVAL_MS);
  await addJob(queueNames.supplier, jobNames.syncSupplierOrders, data, {
    jobId: `supplier-sync-${data.tenantId}-${slot}`,
    attempts: 2,
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
  });
}
