import { pool } from '@/lib/db/client';
import { notFound } from '@/lib/errors/app-error';
import { isPlausibleId } from '@/lib/ids';
import type { TAddress, TPlatform } from '@/lib/orders/canonical-order';

import { findLines } from '@/lib/orders/list-orders';
import type { TWebhookEventStatus } from '@/lib/events/webhook-event-status';
import { orderColumns, type TOrderLineRow, type TOrderRow } from '@/lib/orders/serialize-order';

export type TTimelineEntry =
  | { kind: 'audit'; at: Date; action: string; actor: string; before: unknown; after: unknown }
  | { kind: 'webhook'; at: Date; eventId: string; topic: string; status: string; attempts: number; lastError: string | null; processedAt: Date | null };

export type TOrderEvent = { id: string; topic: string; status: TWebhookEventStatus; receivedAt: Date; rawBody: string; headers: Record<string, string> };

export type TOrderDetail = {
  order: TOrderRow & {
    subtotal_price: string | null;
    customer_phone: string | null;
    shipping_address: TAddress | null;
    source_status: string;
    cancelled_at: Date | null;
    deleted_at: Date | null;
    created_at: Date;
    store_name: string;
  };
  lines: TOrderLineRow[];
  timeline: TTimelineEntry[];
  events: TOrderEvent[];
  /** Where this order came from when it arrived through another channel, if that order is here too. */
  originOrder: { id: string; number: string } | null;
};

/** Everything the order page shows. Another tenant's order, or a store the viewer may not see, is a 404. */
export async function getOrderDetail(tenantId: string, orderId: string, visibleStoreIds: string[] | null): Promise<TOrderDetail> {
  if (!isPlausibleId(orderId)) throw notFound('Order not found');
  const { rows } = await pool().query<TOrderDetail['order']>(
    `SELECT ${orderColumns}, o.subtotal_price::text AS subtotal_price, o.customer_phone, o.shipping_address, o.source_status,
            o.cancelled_at, o.deleted_at, o.created_at, s.name AS store_name
       FROM orders o JOIN stores s ON s.tenant_id = o.tenant_id AND s.id = o.store_id
      WHERE o.tenant_id = $1 AND o.id = $2 AND ($3::text[] IS NULL OR o.store_id = ANY($3::text[]))`,
    [tenantId, orderId, visibleStoreIds],
  );
  const order = rows[0];
  if (!order) throw notFound('Order not found');

  const [lines, audits, events, origin] = await Promise.all([
    findLines(tenantId, [orderId]),
    pool().query<{ action: string; actor_type: string; actor_id: string | null; before: unknown; after: unknown; created_at: Date }>(
      `SELECT action, actor_type, actor_id, before, after, created_at FROM audit_events
        WHERE tenant_id = $1 AND subject_type = 'order' AND subject_id = $2 ORDER BY created_at`,
      [tenantId, orderId],
    ),
    pool().query<{ id: string; topic: string; status: TWebhookEventStatus; attempts: number; last_error: string | null; received_at: Date; processed_at: Date | null; raw_body: string; headers: Record<string, string> }>(
      `SELECT id, topic, status, attempts, last_error, received_at, processed_at, raw_body, headers FROM webhook_events
        WHERE tenant_id = $1 AND order_id = $2 ORDER BY received_at`,
      [tenantId, orderId],
    ),
    order.origin_platform && order.origin_external_id
      ? pool().query<{ id: string; number: string }>(
          `SELECT id, number FROM orders WHERE tenant_id = $1 AND platform = $2::"Platform" AND external_id = $3
             AND ($4::text[] IS NULL OR store_id = ANY($4::text[])) LIMIT 1`,
          [tenantId, order.origin_platform as TPlatform, order.origin_external_id, visibleStoreIds],
        )
      : Promise.resolve({ rows: [] as Array<{ id: string; number: string }> }),
  ]);

  const timeline: TTimelineEntry[] = [
    ...audits.rows.map((row) => ({
      kind: 'audit' as const,
      at: row.created_at,
      action: row.action,
      actor: row.actor_id ? `${row.actor_type}:${row.actor_id}` : row.actor_type,
      before: row.before,
      after: row.after,
    })),
    ...events.rows.map((row) => ({
      kind: 'webhook' as const,
      at: row.received_at,
      eventId: row.id,
      topic: row.topic,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      processedAt: row.processed_at,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    order,
    lines: lines.get(orderId) ?? [],
    timeline,
    events: events.rows.map((row) => ({ id: row.id, topic: row.topic, status: row.status, receivedAt: row.received_at, rawBody: row.raw_body, headers: row.headers })),
    originOrder: origin.rows[0] ?? null,
  };
}

