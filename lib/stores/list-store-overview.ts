import { pool } from '@/lib/db/client';
import type { TPlatform } from '@/lib/orders/canonical-order';

export type TStoreOverview = {
  id: string;
  name: string;
  platform: TPlatform;
  status: 'active' | 'disconnected' | 'needs_reconnection';
  address: string | null;
  lastWebhookAt: Date | null;
  orderCount: number;
  failedEventCount: number;
  sync: TStoreSyncStatus;
};

export type TStoreSyncStatus = {
  storeId: string;
  backfillStatus: string;
  backfillDone: number;
  backfillTotal: number | null;
  reconcileLastAt: string | null;
  reconcileLastRecovered: number;
  reconcileLastError: string | null;
};

/** The Stores page: each visible store with its last webhook, its orders and its failed events. */
export async function listStoreOverview(tenantId: string, visibleStoreIds: string[] | null): Promise<TStoreOverview[]> {
  const { rows } = await pool().query<{
    id: string;
    name: string;
    platform: TPlatform;
    status: TStoreOverview['status'];
    address: string | null;
    last_webhook_at: Date | null;
    order_count: number;
    failed_event_count: number;
    backfill_status: string | null;
    backfill_done: number | null;
    backfill_total: number | null;
    reconcile_last_at: Date | null;
    reconcile_last_recovered: number | null;
    reconcile_last_error: string | null;
  }>(
    `SELECT s.id, s.name, s.platform, s.status, COALESCE(s.shop_domain, s.site_url, s.shop_id) AS address,
            (SELECT max(received_at) FROM webhook_events e WHERE e.tenant_id = s.tenant_id AND e.store_id = s.id) AS last_webhook_at,
            (SELECT count(*)::int FROM orders o WHERE o.tenant_id = s.tenant_id AND o.store_id = s.id) AS order_count,
            (SELECT count(*)::int FROM webhook_events e WHERE e.tenant_id = s.tenant_id AND e.store_id = s.id AND e.status = 'FAILED') AS failed_event_count,
            y.backfill_status, y.backfill_done, y.backfill_total, y.reconcile_last_at, y.reconcile_last_recovered, y.reconcile_last_error
       FROM stores s
       LEFT JOIN store_syncs y ON y.tenant_id = s.tenant_id AND y.store_id = s.id
      WHERE s.tenant_id = $1 AND ($2::text[] IS NULL OR s.id = ANY($2::text[]))
      ORDER BY s.created_at`,
    [tenantId, visibleStoreIds],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    platform: row.platform,
    status: row.status,
    address: row.address,
    lastWebhookAt: row.last_webhook_at,
    orderCount: row.order_count,
    failedEventCount: row.failed_event_count,
    sync: {
      storeId: row.id,
      backfillStatus: row.backfill_status ?? 'pending',
      backfillDone: row.backfill_done ?? 0,
      backfillTotal: row.backfill_total,
      reconcileLastAt: row.reconcile_last_at?.toISOString() ?? null,
      reconcileLastRecovered: row.reconcile_last_recovered ?? 0,
      reconcileLastError: row.reconcile_last_error,
    },
  }));
}
