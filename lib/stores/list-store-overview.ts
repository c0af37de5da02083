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
  }>(
    `SELECT s.id, s.name, s.platform, s.status, COALESCE(s.shop_domain, s.site_url, s.shop_id) AS address,
            (SELECT max(received_at) FROM webhook_events e WHERE e.tenant_id = s.tenant_id AND e.store_id = s.id) AS last_webhook_at,
            (SELECT count(*)::int FROM orders o WHERE o.tenant_id = s.tenant_id AND o.store_id = s.id) AS order_count,
            (SELECT count(*)::int FROM webhook_events e WHERE e.tenant_id = s.tenant_id AND e.store_id = s.id AND e.status = 'FAILED') AS failed_event_count
       FROM stores s
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
  }));
}
