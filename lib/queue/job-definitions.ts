import { z } from 'zod';

// Job payloads are checked when enqueued and again when processed. The handlers live in
// workers/jobs; the web process only needs the names and schemas to enqueue.

export const queueNames = { ingest: 'ingest', sync: 'sync', supplier: 'supplier' } as const;

export const ZIngestWebhookJob = z.object({
  tenantId: z.string().min(1),
  eventId: z.string().min(1),
});
export type TIngestWebhookJob = z.infer<typeof ZIngestWebhookJob>;

export const ZStoreJob = z.object({ tenantId: z.string().min(1), storeId: z.string().min(1) });
export type TStoreJob = z.infer<typeof ZStoreJob>;

export const jobNames = {
  ingestWebhook: 'ingest-webhook',
  backfillStore: 'backfill-store',
  reconcileStore: 'reconcile-store',
  reconcileAll: 'reconcile-all',
  placeSupplierOrder: 'place-supplier-order',
  syncSupplierOrders: 'sync-supplier-orders',
  syncAllSuppliers: 'sync-all-suppliers',
} as const;

export const ZPlaceSupplierOrderJob = z.object({ tenantId: z.string().min(1), orderId: z.string().min(1), actorId: z.string().nullable() });
export type TPlaceSupplierOrderJob = z.infer<typeof ZPlaceSupplierOrderJob>;

export const ZTenantJob = z.object({ tenantId: z.string().min(1) });
export type TTenantJob = z.infer<typeof ZTenantJob>;
