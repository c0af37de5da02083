import { createHash } from 'node:crypto';
import type { TSql } from '@/lib/db/client';
import { createId } from '@/lib/ids';
import type { TCanonicalOrder, TPlatform } from '@/lib/orders/canonical-order';

// Two orders that may be one purchase (DESIGN §4). Certain: a Shopify order carries the id of a
// TikTok Shop order the tenant also received directly (the TikTok order is the original).
// Probable: another store's order with the same items and quantities, the same total and the same
// recipient, placed within two hours (the one placed first is the original). Either order may
// arrive first; whichever arrives second finds the first.

const probableWindowMs = 2 * 3600 * 1000;

type TNewOrder = { id: string; storeId: string; platform: TPlatform; order: TCanonicalOrder };

type TCandidate = { id: string; placed_at: Date; items: Array<{ sku: string | null; title: string; quantity: number }> | null };

function normalize(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The basket as a sorted list of "sku-or-title×quantity", comparable across channels. */
export function basketOf(lines: Array<{ sku: string | null; title: string; quantity: number }>): string[] {
  return lines.map((line) => `${normalize(line.sku) || normalize(line.title)}×${line.quantity}`).sort();
}

/**
 * Who receives the order (name, postal code, street; letters and digits, accents dropped), as a
 * SHA-256 digest stored with the order (orders.recipient_key): probable twins share it. A digest,
 * not the text: fixed length in its index whatever the address, and no second copy of it in clear.
 * Null for an order with no recipient or no lines, which is never compared.
 */
export function recipientKeyOf(order: Pick<TCanonicalOrder, 'customer' | 'shippingAddress' | 'lines'>): string | null {
  // Asked three times per order (its lock, its insert, its search): computed once.
  const known = recipientKeys.get(order);
  if (known !== undefined) return known;
  const key = digestRecipient(order);
  recipientKeys.set(order, key);
  return key;
}

const recipientKeys = new WeakMap<object, string | null>();

function digestRecipient(order: Pick<TCanonicalOrder, 'customer' | 'shippingAddress' | 'lines'>): string | null {
  const address = order.shippingAddress;
  const recipient = `${normalize(order.customer?.name ?? address?.name)}|${normalize(address?.postalCode)}|${normalize(address?.address1)}`;
  return order.lines.length && recipient !== '||' ? createHash('sha256').update(recipient).digest('hex') : null;
}

function link(sql: TSql, tenantId: string, originalOrderId: string, copyOrderId: string, confidence: 'certain' | 'probable'): Promise<void> {
  return sql.query(
    `INSERT INTO order_twins (tenant_id, id, original_order_id, copy_order_id, confidence)
     VALUES ($1, $2, $3, $4, $5::"TwinConfidence")
     ON CONFLICT (tenant_id, original_order_id, copy_order_id) DO NOTHING`,
    [tenantId, createId('twn'), originalOrderId, copyOrderId, confidence],
  ).then(() => undefined);
}

/**
 * Two copies processed at the same moment by two workers would not see each other's uncommitted
 * rows. recordOrder takes these transaction locks before anything else (with its own, in one
 * sorted statement, so no two transactions wait on each other crosswise): the TikTok order id a
 * certain twin shares, and for a probable twin the recipient and total. The second copy waits for
 * the first to commit, then finds it.
 */
export function twinLockKeys(tenantId: string, platform: TPlatform, order: TCanonicalOrder): string[] {
  const keys: string[] = [];
  const tiktokOrderId = platform === 'tiktok' ? order.externalId : order.origin?.platform === 'tiktok' ? order.origin.externalId : null;
  if (tiktokOrderId) keys.push(`twin:${tenantId}:tiktok:${tiktokOrderId}`);
  const recipient = recipientKeyOf(order);
  if (recipient) keys.push(`twin:${tenantId}:probable:${order.currency}:${Number(order.totalPrice).toFixed(2)}:${recipient}`);
  return keys;
}

export type TTwinLink = { originalOrderId: string; copyOrderId: string; confidence: 'certain' | 'probable' };

const noRows = Promise.resolve({ rows: [] as Array<{ id: string }> });

// Each search runs only while the order (store, external id) is not recorded yet.
const isNotRecorded = (store: string, externalId: string) =>
  `NOT EXISTS (SELECT 1 FROM orders recorded WHERE recorded.tenant_id = $1 AND recorded.store_id = ${store} AND recorded.external_id = ${externalId})`;

/**
 * Looks for the twins of an order about to be inserted, inside recordOrder's transaction (holding
 * twinLockKeys), before it is known whether the order is new: each statement finds nothing once
 * the order is recorded. Its statements are sent at once, without waiting for each other, so they
 * leave with the lock and the lookup in one round trip (sendTogether); linkTwins records what it
 * found, behind the insert.
 */
export async function searchTwins(sql: TSql, tenantId: string, created: TNewOrder): Promise<TTwinLink[]> {
  const { order } = created;
  const copiesOfTikTokOrder =
    order.origin?.platform === 'tiktok'
      ? sql.query<{ id: string }>({
          name: 'detect-twins/tiktok-original',
          text: `SELECT id FROM orders WHERE tenant_id = $1 AND platform = 'tiktok' AND external_id = $2 AND store_id <> $3 AND ${isNotRecorded('$3', '$4')}`,
          values: [tenantId, order.origin.externalId, created.storeId, order.externalId],
        })
      : noRows;
  const copiesOfThisOrder =
    created.platform === 'tiktok'
      ? sql.query<{ id: string }>({
          name: 'detect-twins/tiktok-copies',
          text: `SELECT id FROM orders WHERE tenant_id = $1 AND origin_platform = 'tiktok' AND origin_external_id = $2 AND store_id <> $3 AND ${isNotRecorded('$3', '$2')}`,
          values: [tenantId, order.externalId, created.storeId],
        })
      : noRows;
  // Same recipient, same total, another store, within two hours; the basket is compared here.
  const recipient = recipientKeyOf(order);
  const candidates = recipient
    ? sql.query<TCandidate>({
        // Named: each connection parses and plans it once, where planning it anew (row-level
        // security on two tables, a subquery) cost more than running it (bench/results).
        name: 'detect-twins/probable',
        text: `SELECT o.id, o.placed_at,
                (SELECT json_agg(json_build_object('sku', l.sku, 'title', l.title, 'quantity', l.quantity) ORDER BY l.position)
                   FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id) AS items
           FROM orders o
          WHERE o.tenant_id = $1 AND o.recipient_key = $2 AND o.placed_at BETWEEN $3 AND $4
            AND o.total_price = $5 AND o.currency = $6 AND o.store_id <> $7 AND o.stage <> 'archived' AND ${isNotRecorded('$7', '$8')}
          LIMIT 100`,
        values: [tenantId, recipient, new Date(order.placedAt.getTime() - probableWindowMs), new Date(order.placedAt.getTime() + probableWindowMs), order.totalPrice, order.currency, created.storeId, order.externalId],
      })
    : Promise.resolve({ rows: [] as TCandidate[] });
  const [originals, copies, probable] = await Promise.all([copiesOfTikTokOrder, copiesOfThisOrder, candidates]);
  const certain: TTwinLink[] = [
    ...originals.rows.map((row) => ({ originalOrderId: row.id, copyOrderId: created.id, confidence: 'certain' as const })),
    ...copies.rows.map((row) => ({ originalOrderId: created.id, copyOrderId: row.id, confidence: 'certain' as const })),
  ];
  if (certain.length) return certain;
  const basket = basketOf(order.lines).join(',');
  return probable.rows
    .filter((candidate) => basketOf(candidate.items ?? []).join(',') === basket)
    .map((candidate) =>
      // The one placed first is the original, the later one the copy (whichever arrived first).
      candidate.placed_at.getTime() <= order.placedAt.getTime()
        ? { originalOrderId: candidate.id, copyOrderId: created.id, confidence: 'probable' as const }
        : { originalOrderId: created.id, copyOrderId: candidate.id, confidence: 'probable' as const },
    );
}

/** Records the twins searchTwins found, in the same transaction: one insert each, sent at once (not async: see commitTogether). */
export function linkTwins(sql: TSql, tenantId: string, links: TTwinLink[]): Promise<void>[] {
  return links.map((twin) => link(sql, tenantId, twin.originalOrderId, twin.copyOrderId, twin.confidence));
}
