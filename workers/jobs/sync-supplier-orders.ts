import type { Job } from 'bullmq';
import { z } from 'zod';
import { jobNames, ZTenantJob, type TTenantJob } from '@/lib/queue/job-definitions';
import { syncSupplierOrders, unsafeListTenantsWithSupplier } from '@/lib/suppliers/sync-supplier-orders';
import { enqueueSupplierSync } from '@/lib/queue/supplier-queue';

export const syncSupplierOrdersJob = {
  name: jobNames.syncSupplierOrders,
  schema: ZTenantJob,
  async handle(data: TTenantJob, _job: Job): Promise<unknown> {
    return syncSupplierOrders(data.tenantId);
  },
};

/** The scheduler's tick: every tenant with an active supplier account gets its tracking polled. */
export const syncAllSuppliersJob = {
  name: jobNames.syncAllSuppliers,
  schema: z.object({}).passthrough(),
  async handle(_data: unknown, _job: Job): Promise<{ tenants: number }> {
    const tenants = await unsafeListTenantsWithSupplier();
    for (const tenantId of tenants) await enqueueSupplierSync({ tenantId });
    return { tenants: tenants.length };
  },
};
