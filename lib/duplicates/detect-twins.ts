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

type TCandidate = {
  id: string;
  placed_at: Date;
  customer_name: string | null;
  shipping_address: { postalCode?: string | null; address1?: string | null } | null;
  items: Array<{ sku: string | null; title: string; quantity: number }> | null;
};

function normalize(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The basket as a sorted list of "sku-or-title×quantity", comparable across channels. */
export function basketOf(lines: Array<{ sku: string | null; title: string; quantity: number }>): string[] {
  return lines.map((line) => `${normalize(line.sku) || normalize(line.title)}×${line.quantity}`).sort();
}

function recipientOf(name: string | null | undefined, address: { postalCode?: string | null; address1?: string | null } | null | undefined): string {
  return `${normalize(name)}|${normalize(address?.postalCode)}|${normalize(address?.address1)}`;
}

async function link(sql: TSql, tenantId: string, originalOrderId: string, copyOrderId: string, confidence: 'certain' | 'probable'): Promise<void> {
  await sql.query(
    `INSERT INTO order_twins (tenant_id, id, original_order_id, copy_order_id, confidence)
     VALUES ($1, $2, $3, $4, $5::"TwinConfidence")
     ON CONFLICT (tenant_id, original_order_id, copy_order_id) DO NOTHING`,
    [tenantId, createId('twn'), originalOrderId, copyOrderId, confidence],
  );
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
  const recipient = recipientOf(order.customer?.name ?? order.shippingAddress?.name, order.shippingAddress);
  if (recipient !== '||') keys.push(`twin:${tenantId}:probable:${order.currency}:${Number(order.totalPrice).toFixed(2)}:${recipient}`);
  return keys;
}

/** Runs inside recordOrder's transaction (holding twinLockKeys), right after a new order is inserted. */
export async function detectTwins(sql: TSql, tenantId: string, created: TNewOrder): Promise<number> {
  let found = 0;
  const { order } = created;
  if (order.origin?.platform === 'tiktok') {
    const { rows } = await sql.query<{ id: string }>(
      `SELECT id FROM orders WHERE tenant_id = $1 AND platform = 'tiktok' AND external_id = $2 AND store_id <> $3`,
      [tenantId, order.origin.externalId, created.storeId],
    );
    for (const row of rows) {
      await link(sql, tenantId, row.id, created.id, 'certain');
      found++;
    }
  }
  if (created.platform === 'tiktok') {
    const { rows } = await sql.query<{ id: string }>(
      `SELECT id FROM orders WHERE tenant_id = $1 AND origin_platform = 'tiktok' AND origin_external_id = $2 AND store_id <> $3`,
      [tenantId, order.externalId, created.storeId],
    );
    for (const row of rows) {
      await link(sql, tenantId, created.id, row.id, 'certain');
      found++;
    }
  }
  if (found) return found;

  const { rows } = await sql.query<TCandidate>(
    `SELECT o.id, o.placed_at, o.customer_name, o.shipping_address,
            (SELECT json_agg(json_build_object('sku', l.sku, 'title', l.title, 'quantity', l.quantity) ORDER BY l.position)
               FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id) AS items
       FROM orders o
      WHERE o.tenant_id = $1 AND o.store_id <> $2 AND o.id <> $3
        AND o.placed_at BETWEEN $4 AND $5 AND o.total_price = $6 AND o.currency = $7 AND o.stage <> 'archived'
      LIMIT 20`,
    [tenantId, created.storeId, created.id, new Date(order.placedAt.getTime() - probableWindowMs), new Date(order.placedAt.getTime() + probableWindowMs), order.totalPrice, order.currency],
  );
  const basket = basketOf(order.lines).join(',');
  const recipient = recipientOf(order.customer?.name ?? order.shippingAddress?.name, order.shippingAddress);
  if (!order.lines.length || recipient === '||') return 0;
  for (const candidate of rows) {
    if (basketOf(candidate.items ?? []).join(',') !== basket) continue;
    if (recipientOf(candidate.customer_name, candidate.shipping_address) !== recipient) continue;
    // The one placed first is the original, the later one the copy (whichever arrived first).
    if (candidate.placed_at.getTime() <= order.placedAt.getTime()) await link(sql, tenantId, candidate.id, created.id, 'probable');
    else await link(sql, tenantId, created.id, candidate.id, 'probable');
    found++;
  }
  return found;
}
