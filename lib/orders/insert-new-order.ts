import type { TSql } from '@/lib/db/client';
import { createId } from '@/lib/ids';
import type { TAuditActor } from '@/lib/audit/record-audit-event';
import type { TCanonicalOrder, TPlatform } from '@/lib/orders/canonical-order';
import type { TOrderStage } from '@/lib/orders/order-filters';
import { recipientKeyOf } from '@/lib/duplicates/detect-twins';

export type TNewOrder = {
  tenantId: string;
  storeId: string;
  platform: TPlatform;
  order: TCanonicalOrder;
  orderId: string;
  number: string;
  stage: TOrderStage;
  actor: TAuditActor;
  /** The inbox event this order came from: marked PROCESSED by the same statement. */
  eventId?: string;
};

/**
 * The values of the order columns a channel change may touch, in the order both the insert of a
 * new order and the update of a known one name them: status, source status, currency, total,
 * subtotal, customer name, email, phone, shipping address, origin platform and origin id.
 */
export function orderDetailValues(order: TCanonicalOrder): unknown[] {
  return [
    order.status,
    order.sourceStatus,
    order.currency,
    order.totalPrice,
    order.subtotalPrice,
    order.customer?.name ?? null,
    order.customer?.email ?? null,
    order.customer?.phone ?? null,
    order.shippingAddress ? JSON.stringify(order.shippingAddress) : null,
    order.origin?.platform ?? null,
    order.origin?.externalId ?? null,
  ];
}

/**
 * The lines as arrays for unnest(), in the order both the insert of a new order and the upsert of a
 * known one name them: new line id, position, channel line id, SKU, title, quantity, unit price.
 */
export function lineValues(order: TCanonicalOrder): unknown[] {
  return [
    order.lines.map(() => createId('lin')),
    order.lines.map((_, index) => index),
    order.lines.map((line) => line.externalLineId),
    order.lines.map((line) => line.sku),
    order.lines.map((line) => line.title),
    order.lines.map((line) => line.quantity),
    order.lines.map((line) => line.unitPrice),
  ];
}

/**
 * Inserts a new order, its lines (and their SKUs into the tenant's order_skus, in sorted order so
 * two orders never wait on each other crosswise), its `order.created` audit event and marks its
 * inbox event PROCESSED, in ONE statement. Every statement is a round trip, and at a few hundred orders a
 * second the worker spent a third of its CPU in socket writes (bench/results); the foreign key
 * of the lines is checked at the end of the statement, when the order is there. Not async: it
 * goes out with COMMIT (commitTogether, lib/db/client.ts), and a value it cannot build throws at once.
 */
export function insertNewOrder(sql: TSql, input: TNewOrder): Promise<void> {
  const { order } = input;
  const values: unknown[] = [
    input.tenantId,
    input.orderId,
    input.storeId,
    input.platform,
    order.externalId,
    order.sourceNumber,
    input.number,
    ...orderDetailValues(order),
    order.placedAt,
    order.sourceUpdatedAt,
    order.cancelledAt,
    // $22-$28: the lines
    ...lineValues(order),
    // $29-$32: the audit event; $33: the inbox event; $34: the stage; $35: the recipient key
    createId('aud'),
    input.actor.type,
    input.actor.id,
    JSON.stringify({ number: input.number, sourceNumber: order.sourceNumber, status: order.status, eventId: input.eventId ?? null }),
    input.eventId ?? null,
    input.stage,
    recipientKeyOf(order),
  ];
  return sql.query({
    name: 'insert-new-order',
    text: `WITH new_order AS (
       INSERT INTO orders (tenant_id, id, store_id, platform, external_id, source_number, number, status, source_status,
                           currency, total_price, subtotal_price, customer_name, customer_email, customer_phone,
                           shipping_address, origin_platform, origin_external_id, placed_at, source_updated_at, cancelled_at, stage, recipient_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $34::"OrderStage", $35)
       RETURNING id
     ), new_lines AS (
       INSERT INTO order_lines (tenant_id, id, order_id, position, external_line_id, sku, title, quantity, unit_price, placed_at)
       SELECT $1, line.id, $2, line.position, line.external_line_id, line.sku, line.title, line.quantity, line.unit_price, $19
         FROM unnest($22::text[], $23::int[], $24::text[], $25::text[], $26::text[], $27::int[], $28::numeric[])
              AS line(id, position, external_line_id, sku, title, quantity, unit_price)
     ), catalogued AS (
       INSERT INTO order_skus (tenant_id, sku)
       SELECT DISTINCT $1, line.sku FROM unnest($25::text[]) AS line(sku) WHERE line.sku IS NOT NULL ORDER BY 2
       ON CONFLICT DO NOTHING
     ), created AS (
       INSERT INTO audit_events (tenant_id, id, actor_type, actor_id, action, subject_type, subject_id, after)
       VALUES ($1, $29, $30::"ActorType", $31, 'order.created', 'order', $2, $32::jsonb)
     ), processed AS (
       UPDATE webhook_events
          SET status = 'PROCESSED', order_id = $2, attempts = attempts + 1, last_error = NULL, processed_at = now()
        WHERE tenant_id = $1 AND id = $33
     )
     SELECT id FROM new_order`,
    values,
  }).then(() => undefined);
}
