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

/** Each order's twins (the other order of each pair) and supplier orders, for a page of orders. */
export async function findOrderExtras(tenantId: string, orderIds: string[]): Promise<Map<string, TOrderExtras>> {
  const extras = new Map<string, TOrderExtras>(orderIds.map((id) => [id, { twins: [], supplierOrders: [] }]));
  if (!orderIds.length) return extras;
  const [twins, supplierOrders] = await Promise.all([
    pool().query<{ self: string; other_id: string; other_number: string; confidence: TOrderTwinJson['confidence']; resolution: TOrderTwinJson['resolution'] }>(
      `SELECT self.id AS self, other.id AS other_id, other.number AS other_number, t.confidence, t.resolution
         FROM order_twins t
         JOIN orders self ON self.tenant_id = t.tenant_id AND self.id IN (t.original_order_id, t.copy_order_id)
         JOIN orders other ON other.tenant_id = t.tenant_id AND other.id IN (t.original_order_id, t.copy_order_id) AND other.id <> self.id
        WHERE t.tenant_id = $1 AND self.id = ANY($2::text[])
        ORDER BY t.created_at`,
      [tenantId, orderIds],
    ),
    pool().query<{ id: string; order_id: string; external_order_id: string; status: TSupplierOrderJson['status']; tracking_numbers: string[]; carrier: string | null; tracking_pushed_at: Date | null; account_id: string; account_status: TSupplierOrderJson['accountStatus'] }>(
      `SELECT s.id, s.order_id, s.external_order_id, s.status, s.tracking_numbers, s.carrier, s.tracking_pushed_at, s.account_id, a.status AS account_status
         FROM supplier_orders s JOIN supplier_accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
        WHERE s.tenant_id = $1 AND s.order_id = ANY($2::text[]) ORDER BY s.created_at`,
      [tenantId, orderIds],
    ),
  ]);
  for (const row of twins.rows) {
    extras.get(row.self)?.twins.push({ orderId: row.other_id, number: row.other_number, confidence: row.confidence, resolution: row.resolution });
  }
  for (const row of supplierOrders.rows) {
    extras.get(row.order_id)?.supplierOrders.push({
      id: row.id,
      provider: 'aliexpress',
      externalOrderId: row.external_order_id,
      status: row.status,
      trackingNumbers: row.tracking_numbers,
      carrier: row.carrier,
      trackingSentAt: row.tracking_pushed_at?.toISOString() ?? null,
      accountId: row.account_id,
      accountStatus: row.account_status,
    });
  }
  return extras;
}
