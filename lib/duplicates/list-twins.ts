import { pool } from '@/lib/db/client';
import { findLines } from '@/lib/orders/list-orders';
import { orderColumns, type TOrderLineRow, type TOrderRow } from '@/lib/orders/serialize-order';

export type TTwinPair = {
  id: string;
  confidence: 'certain' | 'probable';
  resolution: 'pending' | 'same_purchase' | 'different';
  createdAt: Date;
  original: TOrderRow & { lines: TOrderLineRow[] };
  copy: TOrderRow & { lines: TOrderLineRow[] };
};

/** The review queue: pairs waiting for the merchant, newest first, both orders with their lines. */
export async function listTwins(tenantId: string, visibleStoreIds: string[] | null, resolution: 'pending' | 'resolved' = 'pending'): Promise<TTwinPair[]> {
  const { rows: pairs } = await pool().query<{ id: string; confidence: TTwinPair['confidence']; resolution: TTwinPair['resolution']; created_at: Date; original_order_id: string; copy_order_id: string }>(
    `SELECT t.id, t.confidence, t.resolution, t.created_at, t.original_order_id, t.copy_order_id
       FROM order_twins t
       JOIN orders c ON c.tenant_id = t.tenant_id AND c.id = t.copy_order_id
       JOIN orders o ON o.tenant_id = t.tenant_id AND o.id = t.original_order_id
      WHERE t.tenant_id = $1 AND ${resolution === 'pending' ? "t.resolution = 'pending'" : "t.resolution <> 'pending'"}
        AND ($2::text[] IS NULL OR (c.store_id = ANY($2::text[]) AND o.store_id = ANY($2::text[])))
      ORDER BY coalesce(t.resolved_at, t.created_at) DESC LIMIT 100`,
    [tenantId, visibleStoreIds],
  );
  const ids = [...new Set(pairs.flatMap((pair) => [pair.original_order_id, pair.copy_order_id]))];
  if (!ids.length) return [];
  const { rows: orders } = await pool().query<TOrderRow>(`SELECT ${orderColumns} FROM orders o WHERE o.tenant_id = $1 AND o.id = ANY($2::text[])`, [tenantId, ids]);
  const lines = await findLines(tenantId, ids);
  const byId = new Map(orders.map((order) => [order.id, { ...order, lines: lines.get(order.id) ?? [] }]));
  return pairs.map((pair) => ({
    id: pair.id,
    confidence: pair.confidence,
    resolution: pair.resolution,
    createdAt: pair.created_at,
    original: byId.get(pair.original_order_id)!,
    copy: byId.get(pair.copy_order_id)!,
  }));
}

export async function countPendingTwins(tenantId: string, visibleStoreIds: string[] | null): Promise<number> {
  const { rows } = await pool().query<{ count: number }>(
    `SELECT count(*)::int AS count FROM order_twins t
       JOIN orders c ON c.tenant_id = t.tenant_id AND c.id = t.copy_order_id
       JOIN orders o ON o.tenant_id = t.tenant_id AND o.id = t.original_order_id
      WHERE t.tenant_id = $1 AND t.resolution = 'pending'
        AND ($2::text[] IS NULL OR (c.store_id = ANY($2::text[]) AND o.store_id = ANY($2::text[])))`,
    [tenantId, visibleStoreIds],
  );
  return rows[0]?.count ?? 0;
}

/** Which of these orders are one side of a pair still waiting for review. */
export async function findOrdersWithPendingTwins(tenantId: string, orderIds: string[]): Promise<Set<string>> {
  if (!orderIds.length) return new Set();
  const { rows } = await pool().query<{ id: string }>(
    `SELECT unnest(ARRAY[original_order_id, copy_order_id]) AS id FROM order_twins
      WHERE tenant_id = $1 AND resolution = 'pending' AND (original_order_id = ANY($2::text[]) OR copy_order_id = ANY($2::text[]))`,
    [tenantId, orderIds],
  );
  return new Set(rows.map((row) => row.id));
}
