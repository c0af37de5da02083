import { pool } from '@/lib/db/client';
import type { TPlatform } from '@/lib/orders/canonical-order';

export type TFailedEvent = {
  id: string;
  storeId: string;
  storeName: string;
  platform: TPlatform;
  topic: string;
  reason: string | null;
  attempts: number;
  receivedAt: Date;
  orderId: string | null;
};

/** Webhook events that ended FAILED, newest first, in the stores the viewer may see. */
export async function listFailedEvents(tenantId: string, visibleStoreIds: string[] | null, limit = 100): Promise<TFailedEvent[]> {
  const { rows } = await pool().query<{
    id: string;
    store_id: string;
    store_name: string;
    platform: TPlatform;
    topic: string;
    last_error: string | null;
    attempts: number;
    received_at: Date;
    order_id: string | null;
  }>(
    `SELECT e.id, e.store_id, s.name AS store_name, e.platform, e.topic, e.last_error, e.attempts, e.received_at, e.order_id
       FROM webhook_events e JOIN stores s ON s.tenant_id = e.tenant_id AND s.id = e.store_id
      WHERE e.tenant_id = $1 AND e.status = 'FAILED' AND ($2::text[] IS NULL OR e.store_id = ANY($2::text[]))
      ORDER BY e.received_at DESC LIMIT $3`,
    [tenantId, visibleStoreIds, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    storeId: row.store_id,
    storeName: row.store_name,
    platform: row.platform,
    topic: row.topic,
    reason: row.last_error,
    attempts: row.attempts,
    receivedAt: row.received_at,
    orderId: row.order_id,
  }));
}
