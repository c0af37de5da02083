import { commitTogether, planForAnyTenant, sendTogether, withTransaction, type TSql } from '@/lib/db/client';
import { createId } from '@/lib/ids';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import { numberFromCounter, takeNumberCounter, type TNumberCounter, type TRenumbering } from '@/lib/numbering/allocate-number';
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
  const [result] = await recordOrders([input]);
  return result!;
}

/**
 * The keys that two orders recorded in one transaction must not share (recordOrders): the order
 * itself (a second event of it), its twin lock keys (one would not see the other) and its channel
 * number (the second of a group renumbers the first, which must be there), counted without a
 * suffix of its own: "1001-1" may hold the number a suffix of group 1001 would take.
 */
export function recordOrderKeys(input: TRecordOrderInput): string[] {
  const { tenantId, order } = input;
  return [orderKey(input), ...twinLockKeys(tenantId, input.platform, order), `number:${tenantId}:${order.sourceNumber.replace(/-\d+$/, '')}`];
}

function orderKey({ tenantId, storeId, order }: TRecordOrderInput): string {
  return `${tenantId}/${storeId}/${order.externalId}`;
}

/**
 * Records orders of ONE tenant in one transaction, each as recordOrder would, in the same two
 * round trips as one order: the locks of all, then each one's lookup, counter and twin search,
 * together; then everything they write, with COMMIT. The orders must not share a key
 * (recordOrderKeys): each one's reads are sent before any of them writes. Counters are taken in
 * the order of their numbers, as another transaction recording orders of the same numbers takes
 * them, so the two queue rather than wait on each other crosswise. Its statements are planned for
 * any tenant (planForAnyTenant). Should any statement fail, nothing is recorded and the first
 * failure is thrown.
 */
export async function recordOrders(inputs: TRecordOrderInput[]): Promise<TRecordOrderResult[]> {
  const tenantId = inputs[0]?.tenantId;
  if (!tenantId) return [];
  if (inputs.some((input) => input.tenantId !== tenantId)) throw new Error('recordOrders records the orders of one tenant');
  const allKeys = inputs.flatMap(recordOrderKeys);
  if (new Set(allKeys).size !== allKeys.length) throw new Error('recordOrders records orders that share no key (recordOrderKeys)');
  const members = inputs
    .map((input, index) => ({ input, index, orderId: createId('ord') }))
    .sort((a, b) => (a.input.order.sourceNumber < b.input.order.sourceNumber ? -1 : a.input.order.sourceNumber > b.input.order.sourceNumber ? 1 : 0));
  return withTransaction(async (sql) => {
    // Two events of one order (orders/create and orders/updated at once) must not both insert it;
    // two copies of one purchase must not miss each other (detect-twins). All locks at once, sorted.
    // The lookup, the counter and the twin search run behind the locks: each sees what the previous
    // holder committed. The counter and the search act only if the order is not recorded yet.
    const keys = [...new Set(members.flatMap(({ input }) => [orderKey(input), ...twinLockKeys(tenantId, input.platform, input.order)]))].sort();
    const [, , ...reads] = await sendTogether(sql, () => [
      planForAnyTenant(sql),
      sql.query({
        name: 'record-order/lock',
        text: 'SELECT count(pg_advisory_xact_lock(hashtextextended(key, 0))) FROM unnest($1::text[]) AS key',
        values: [keys],
      }),
      ...members.map(({ input, orderId }) => readState(sql, input, orderId)),
    ]);
    const outcomes: Array<TDecision & { index: number }> = [];
    for (const [position, member] of members.entries()) {
      outcomes.push({ index: member.index, ...(await decide(sql, member.input, member.orderId, reads[position] as TReadState)) });
    }
    await commitTogether(sql, () => {
      // Not async, every one of them: one that cannot build its statement throws before COMMIT
      // goes out; what was sent before it is rolled back, its answers awaited by no one.
      const sent: Promise<unknown>[] = [];
      try {
        // Each order's insert adds its new SKUs to the catalogue in sorted order; several orders
        // add all of theirs first, in one sorted statement, as another transaction does.
        const skus = outcomes.length > 1 ? outcomes.flatMap((outcome) => outcome.skus) : [];
        if (skus.length) sent.push(catalogueSkus(sql, tenantId, skus));
        for (const outcome of outcomes) sent.push(...outcome.writes(sql));
      } catch (error) {
        for (const statement of sent) statement.catch(() => undefined);
        throw error;
      }
      return sent;
    });
    const results: TRecordOrderResult[] = [];
    for (const outcome of outcomes) results[outcome.index] = outcome.result;
    return results;
  });
}

type TStoredOrder = { id: string; number: string; source_updated_at: Date; status: string; stage: TOrderStage };

/** The look-up of a recorded order by tenant, store and channel id: $1, $2, $3. */
export const findStoredOrder = {
  name: 'record-order/find-existing',
  text: 'SELECT id, number, source_updated_at, status, stage FROM orders WHERE tenant_id = $1 AND store_id = $2 AND external_id = $3',
} as const;

type TReadState = readonly [{ rows: TStoredOrder[] }, TNumberCounter | null, TTwinLink[]];

/** One order's reads behind the locks; its statements are sent at once (sendTogether). */
function readState(sql: TSql, input: TRecordOrderInput, orderId: string): Promise<TReadState> {
  const { tenantId, storeId, order } = input;
  return Promise.all([
    sql.query<TStoredOrder>({ ...findStoredOrder, values: [tenantId, storeId, order.externalId] }),
    takeNumberCounter(sql, tenantId, order.sourceNumber, { storeId, externalId: order.externalId }),
    searchTwins(sql, tenantId, { id: orderId, storeId, platform: input.platform, order }),
  ] as const);
}

/** What one order's reads call for: its result, the statements it writes (sent with COMMIT) and the SKUs they catalogue. */
type TDecision = { result: TRecordOrderResult; writes: (sql: TSql) => Promise<unknown>[]; skus: string[] };

function catalogueSkus(sql: TSql, tenantId: string, skus: string[]): Promise<unknown> {
  return sql.query(
    `INSERT INTO order_skus (tenant_id, sku) SELECT DISTINCT $1, line.sku FROM unnest($2::text[]) AS line(sku) ORDER BY 2 ON CONFLICT DO NOTHING`,
    [tenantId, skus],
  );
}

async function decide(sql: TSql, input: TRecordOrderInput, orderId: string, [found, counter, twins]: TReadState): Promise<TDecision> {
  const { tenantId, order } = input;
  const existing = found.rows[0];
  // The lookup, the counter and the search see the same rows behind the same lock. Should they
  // disagree (a writer that took no lock), the transaction rolls back rather than a number going wrong.
  const disagreement = () => new Error('The order lookup disagrees with the number counter or the twin search; the job retries');
  if (!existing) {
    if (!counter) throw disagreement();
    const { number, renumbered } = await numberFromCounter(sql, tenantId, order.sourceNumber, counter);
    return { result: { orderId, number, outcome: 'created' }, writes: (tx) => insertWrites(tx, input, orderId, number, renumbered, twins), skus: skusOf(order) };
  }
  if (counter || twins.length) throw disagreement();
  if (order.sourceUpdatedAt < existing.source_updated_at) {
    // Webhooks arrive late and out of order; an older state never overwrites a newer one.
    const { eventId } = input;
    return {
      result: { orderId: existing.id, number: existing.number, outcome: 'stale' },
      writes: (tx) => (eventId ? [markEventProcessed(tx, tenantId, eventId, existing.id)] : []),
      skus: [],
    };
  }
  const isSameState = order.sourceUpdatedAt.getTime() === existing.source_updated_at.getTime();
  return {
    result: { orderId: existing.id, number: existing.number, outcome: isSameState ? 'unchanged' : 'updated' },
    writes: (tx) => changeWrites(tx, input, existing),
    skus: skusOf(order),
  };
}

function skusOf(order: TCanonicalOrder): string[] {
  return order.lines.flatMap((line) => (line.sku === null ? [] : [line.sku]));
}

/** A new order: the insert also marks the inbox event processed; the twins' links follow it (they point at it). */
function insertWrites(
  sql: TSql,
  input: TRecordOrderInput,
  orderId: string,
  number: string,
  renumbered: TRenumbering | null,
  twins: TTwinLink[],
): Promise<unknown>[] {
  const { tenantId, order } = input;
  return [
    insertNewOrder(sql, { ...input, order, orderId, number, stage: channelStage(order) }),
    ...linkTwins(sql, tenantId, twins),
    ...(renumbered
      ? [
          recordAuditEvent(sql, {
            tenantId,
            actor: input.actor,
            action: 'order.renumbered',
            subjectType: 'order',
            subjectId: renumbered.orderId,
            before: { number: renumbered.from },
            after: { number: renumbered.to, causedBy: orderId },
          }),
        ]
      : []),
  ];
}

/**
 * A newer (or the same) state of a stored order: its fields, lines, audit and event. Their
 * senders are not async, so one that cannot build its statement throws before COMMIT goes out
 * (commitTogether).
 */
function changeWrites(sql: TSql, input: TRecordOrderInput, existing: TStoredOrder): Promise<unknown>[] {
  const { tenantId, order } = input;
  const isStatusChanged = existing.status !== order.status;
  return [
    updateOrder(sql, tenantId, existing.id, order, nextStage(existing.stage, channelStage(order))),
    upsertLines(sql, tenantId, existing.id, order),
    ...(isStatusChanged
      ? [
          recordAuditEvent(sql, {
            tenantId,
            actor: input.actor,
            action: 'order.status_changed',
            subjectType: 'order',
            subjectId: existing.id,
            before: { status: existing.status },
            after: { status: order.status },
          }),
        ]
      : []),
    ...(input.eventId ? [markEventProcessed(sql, tenantId, input.eventId, existing.id)] : []),
  ];
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
