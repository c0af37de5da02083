import { pool } from '@/lib/db/client';

export type TOrderTwinJson = { orderId: string; number: string; confidence: 'certain' | 'probable'; resolution: 'pending' | 'same_purchase' | 'different' };
export type TSupplierOrderJson = {
  id: string;
  provider: 'aliexpress';
  externalOrderId: string;
  status: 'awaiting_payment' | 'awaiting_shipment' | 'shipped' | 'delivered' | 'cancelled' | 'unknown';
  trackingNumbers: string[];
  carrier: string | null;
  trackingSentAt: string | null;
  accountId: string;
  accountStatus: 'active' | 'switched_out' | 'needs_reconnection';
};
export type TOrderExtras = { twins: TOrderTwinJson[]; supplierOrders: TSupplierOrderJson[] };

type TSupplierOrderColumn = Omit<TSupplierOrderJson, 'trackingSentAt'> & { trackingSentAt: string | null };
/** An order's twins and supplier orders as the JSON columns `twins` and `supplier_orders` (see orderExtrasColumns). */
export type TOrderExtrasColumns = { twins: TOrderTwinJson[]; supplier_orders: TSupplierOrderColumn[] };

/**
 * The twins (the other order of each pair) and supplier orders of the order `o`, as two JSON
 * columns of the statement that reads it: a page of orders comes with its extras in one round trip.
 */
export const orderExtrasColumns = `
  (SELECT coalesce(json_agg(json_build_object('orderId', other.id, 'number', other.number, 'confidence', t.confidence, 'resolution', t.resolution) ORDER BY t.created_at), '[]')
     FROM order_twins t
     JOIN orders other ON other.tenant_id = t.tenant_id AND other.id = CASE WHEN t.original_order_id = o.id THEN t.copy_order_id ELSE t.original_order_id END
      AND other.id <> o.id
    WHERE t.tenant_id = o.tenant_id AND o.id IN (t.original_order_id, t.copy_order_id)) AS twins,
  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'provider', 'aliexpress', 'externalOrderId', s.external_order_id, 'status', s.status,
            'trackingNumbers', s.tracking_numbers, 'carrier', s.carrier, 'trackingSentAt', s.tracking_pushed_at, 'accountId', s.account_id, 'accountStatus', a.status) ORDER BY s.created_at), '[]')
     FROM supplier_orders s JOIN supplier_accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
    WHERE s.tenant_id = o.tenant_id AND s.order_id = o.id) AS supplier_orders`;

export function orderExtrasOf(row: TOrderExtrasColumns): TOrderExtras {
  return {
    twins: row.twins,
    supplierOrders: row.supplier_orders.map((order) => ({ ...order, trackingSentAt: order.trackingSentAt && new Date(order.trackingSentAt).toISOString() })),
  };
}

/** Each order's twins and supplier orders (none for an id not found), for orders already read. */
export async function findOrderExtras(tenantId: string, orderIds: string[]): Promise<Map<string, TOrderExtras>> {
  const extras = new Map<string, TOrderExtras>(orderIds.map((id) => [id, { twins: [], supplierOrders: [] }]));
  if (!orderIds.length) return extras;
  const { rows } = await pool().query<TOrderExtrasColumns & { id: string }>(
    `SELECT o.id, ${orderExtrasColumns} FROM orders o WHERE o.tenant_id = $1 AND o.id = ANY($2::text[])`,
    [tenantId, orderIds],
  );
  for (const row of rows) extras.set(row.id, orderExtrasOf(row));
  return extras;
}
