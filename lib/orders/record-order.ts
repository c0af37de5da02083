import { commitTogether, sendTogether, withTransaction, type TSql } from '@/lib/db/client';
import { createId } from '@/lib/ids';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import { numberFromCounter, takeNumberCounter, type TNumberCounter } from '@/lib/numbering/allocate-number';
import { insertNewOrder, lineValues, orderDetailValues } from '@/lib/orders/insert-new-order';
import { markEventProcessed } from '@/lib/ingest/webhook-event-status';
import type { TCanonicalOrder, TPlatform } from '@/lib/orders/canonical-order';
import { channelStage, nextStage } from '@/lib/orders/order-stage';
import { linkTwins, recipientKeyOf, searchTwins, twinLockKeys, type TTwinLink } from '@/lib/duplicates/detect-twins';
import type { TOrderStage } from '@/lib/orders/order-filters';

export type TRecordOrderInput = {
  tenantId: string;
  storeId: string;
  platform: TPlatform;
  order: TCanonicalOrder;
  /** The inbox event this order came from; marked PROCESSED in the same transaction. */
  eventId?: string;
  actor: TAuditActor;
};

/** `unchanged`: the same state as stored (applied again, harmlessly); `stale`: older, dropped. */
export type TRecordOrderResult = { orderId: string; number: string; outcome: 'created' | 'updated' | 'unchanged' | 'stale' };

/**
 * Records one order from any channel in ONE transaction: upsert by (tenant, store, external id),
 * drop updates older than what is stored, allocate the Order Center number for a new order,
 * replace the lines, write the audit trail and mark the inbox event processed. An update, and a
 * new order whose number is free, take two round trips: BEGIN, the locks, the lookup, the counter
 * and the twin search together; then what it writes, with COMMIT (sendTogether, commitTogether:
 * lib/db/client.ts). A number that joins a group takes a few more (numberFromCounter).
 */
export async function recordOrder(input: TRecordOrderInput): Promise<TRecordOrderResult> {
  // Checked already: only ZCanonicalOrder (the adapters' last step) makes a TCanonicalOrder.
  const { tenantId, storeId, order } = input;
  return withTransaction(async (sql) => {
    // Two events of one order (orders/create and orders/updated at once) must not both insert it;
    // two copies of one purchase must not miss each other (detect-twins). All locks at once, sorted.
    // The lookup, the counter and the twin search run behind the locks: each sees what the previous
    // holder committed. The counter and the search act only if the order is not recorded yet.
    const keys = [`${tenantId}/${storeId}/${order.externalId}`, ...twinLockKeys(tenantId, input.platform, order)].sort();
    const orderId = createId('ord');
    const [, found, counter, twins] = await sendTogether(sql, () => [
      sql.query({
        name: 'record-order/lock',
        text: 'SELECT count(pg_advisory_xact_lock(hashtextextended(key, 0))) FROM unnest($1::text[]) AS key',
        values: [keys],
      }),
      sql.query<TStoredOrder>({ ...findStoredOrder, values: [tenantId, storeId, order.externalId] }),
      takeNumberCounter(sql, tenantId, order.sourceNumber, { storeId, externalId: order.externalId }),
      searchTwins(sql, tenantId, { id: orderId, storeId, platform: input.platform, order }),
    ] as const);
    const existing = found.rows[0];
    // The lookup, the counter and the search see the same rows behind the same lock. Should they
    // disagree (a writer that took no lock), the transaction rolls back rather than a number going wrong.
    const disagreement = () => new Error('The order lookup disagrees with the number counter or the twin search; the job retries');
    if (!existing) {
      if (!counter) throw disagreement();
      return insertOrder(sql, input, order, orderId, counter, twins);
    }
    if (counter || twins.length) throw disagreement();
    if (order.sourceUpdatedAt < existing.source_updated_at) {
      // Webhooks arrive late and out of order; an older state never overwrites a newer one.
      const { eventId } = input;
      if (eventId) await commitTogether(sql, () => [markEventProcessed(sql, tenantId, eventId, existing.id)] as const);
      return { orderId: existing.id, number: existing.number, outcome: 'stale' };
    }
    return changeOrder(sql, input, order, existing);
  });
}

type TStoredOrder = { id: string; number: string; source_updated_at: Date; status: string; stage: TOrderStage };

/** The look-up of a recorded order by tenant, store and channel id: $1, $2, $3. */
export const findStoredOrder = {
  name: 'record-order/find-existing',
  text: 'SELECT id, number, source_updated_at, status, stage FROM orders WHERE tenant_id = $1 AND store_id = $2 AND external_id = $3',
} as const;

async function insertOrder(
  sql: TSql,
  input: TRecordOrderInput,
  order: TCanonicalOrder,
  orderId: string,
  counter: TNumberCounter,
  twins: TTwinLink[],
): Promise<TRecordOrderResult> {
  const { tenantId } = input;
  const { number, renumbered } = await numberFromCounter(sql, tenantId, order.sourceNumber, counter);
  // The insert also marks the inbox event processed; the twins' links follow it (they point at it).
  await commitTogether(sql, () => [
    insertNewOrder(sql, { ...input, order, orderId, number, stage: channelStage(order) }),
    ...linkTwins(sql, tenantId, twins),
    renumbered
      ? recordAuditEvent(sql, {
          tenantId,
          actor: input.actor,
          action: 'order.renumbered',
          subjectType: 'order',
          subjectId: renumbered.orderId,
          before: { number: renumbered.from },
          after: { number: renumbered.to, causedBy: orderId },
        })
      : Promise.resolve(),
  ]);
  return { orderId, number, outcome: 'created' };
}

/**
 * A newer (or the same) state of a stored order: its fields, lines, audit and event, sent together
 * with COMMIT. Their senders are not async, so one that cannot build its statement throws before
 * COMMIT goes out (commitTogether).
 */
async function changeOrder(sql: TSql, input: TRecordOrderInput, order: TCanonicalOrder, existing: TStoredOrder): Promise<TRecordOrderResult> {
  const { tenantId } = input;
  const isStatusChanged = existing.status !== order.status;
  await commitTogether(sql, () => [
    updateOrder(sql, tenantId, existing.id, order, nextStage(existing.stage, channelStage(order))),
    upsertLines(sql, tenantId, existing.id, order),
    isStatusChanged
      ? recordAuditEvent(sql, {
          tenantId,
          actor: input.actor,
          action: 'order.status_changed',
          subjectType: 'order',
          subjectId: existing.id,
          before: { status: existing.status },
          after: { status: order.status },
        })
      : Promise.resolve(),
    input.eventId ? markEventProcessed(sql, tenantId, input.eventId, existing.id) : Promise.resolve(),
  ] as const);
  const isSameState = order.sourceUpdatedAt.getTime() === existing.source_updated_at.getTime();
  return { orderId: existing.id, number: existing.number, outcome: isSameState ? 'unchanged' : 'updated' };
}

function updateOrder(sql: TSql, tenantId: string, orderId: string, order: TCanonicalOrder, stage: TOrderStage): Promise<void> {
  // The number and the channel number stay: an update never moves an order between groups.
  return sql.query(
    `UPDATE orders
        SET status = $3, source_status = $4, currency = $5, total_price = $6, subtotal_price = $7,
            customer_name = $8, customer_email = $9, customer_phone = $10, shipping_address = $11,
            origin_platform = COALESCE($12, origin_platform), origin_external_id = COALESCE($13, origin_external_id),
            source_updated_at = $14, cancelled_at = $15, updated_at = now(),
            deleted_at = CASE WHEN $4 = 'trash' THEN COALESCE(deleted_at, now()) ELSE NULL END,
            stage = $16, recipient_key = $17,
            -- a sync that works again clears the flag a failed one raised
            attention_reason = CASE WHEN attention_reason = 'sync_failed' THEN NULL ELSE attention_reason END
      WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      orderId,
      ...orderDetailValues(order),
      order.sourceUpdatedAt,
      order.cancelledAt,
      stage,
      recipientKeyOf(order),
    ],
  ).then(() => undefined);
}

/**
 * Lines keep their ids across updates (keyed by position), so later records can point at them.
 * A new line takes the placing time the order was recorded with. Both statements are sent at once.
 */
function upsertLines(sql: TSql, tenantId: string, orderId: string, order: TCanonicalOrder): Promise<void> {
  const upserted = order.lines.length
    ? sql.query(
        `WITH catalogued AS (
           INSERT INTO order_skus (tenant_id, sku)
           SELECT DISTINCT $1, line.sku FROM unnest($6::text[]) AS line(sku) WHERE line.sku IS NOT NULL ORDER BY 2
           ON CONFLICT DO NOTHING
         )
         INSERT INTO order_lines (tenant_id, id, order_id, position, external_line_id, sku, title, quantity, unit_price, placed_at)
         SELECT $1, line.id, $2, line.position, line.external_line_id, line.sku, line.title, line.quantity, line.unit_price,
                (SELECT placed_at FROM orders WHERE tenant_id = $1 AND id = $2)
           FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[], $9::numeric[])
                AS line(id, position, external_line_id, sku, title, quantity, unit_price)
         ON CONFLICT (tenant_id, order_id, position) DO UPDATE
            SET external_line_id = EXCLUDED.external_line_id, sku = EXCLUDED.sku, title = EXCLUDED.title,
                quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price`,
        [tenantId, orderId, ...lineValues(order)],
      )
    : Promise.resolve();
  const removed = sql.query(`DELETE FROM order_lines WHERE tenant_id = $1 AND order_id = $2 AND position >= $3`, [tenantId, orderId, order.lines.length]);
  return Promise.all([upserted, removed]).then(() => undefined);
}

/** A WooCommerce order moved to the trash: kept, marked deleted and cancelled, never renumbered. */
export async function recordOrderDeleted(input: {
  tenantId: string;
  storeId: string;
  externalId: string;
  eventId: string;
  actor: TAuditActor;
}): Promise<{ orderId: string | null }> {
  return withTransaction(async (sql) => {
    const { rows } = await sql.query<{ id: string; status: string }>(
      `UPDATE orders o SET deleted_at = now(), status = 'cancelled', stage = 'cancelled', source_status = 'trash', updated_at = now()
         FROM (SELECT id, status FROM orders WHERE tenant_id = $1 AND store_id = $2 AND external_id = $3 FOR UPDATE) previous
        WHERE o.tenant_id = $1 AND o.id = previous.id
        RETURNING o.id, previous.status`,
      [input.tenantId, input.storeId, input.externalId],
    );
    const deleted = rows[0];
    if (deleted) {
      await recordAuditEvent(sql, {
        tenantId: input.tenantId,
        actor: input.actor,
        action: 'order.deleted',
        subjectType: 'order',
        subjectId: deleted.id,
        before: { status: deleted.status },
        after: { status: 'cancelled' },
      });
    }
    await markEventProcessed(sql, input.tenantId, input.eventId, deleted?.id ?? null);
    return { orderId: deleted?.id ?? null };
  });
}
