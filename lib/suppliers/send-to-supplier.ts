import { pool } from '@/lib/db/client';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { TAuditActor } from '@/lib/audit/record-audit-event';
import type { TAddress } from '@/lib/orders/canonical-order';
import type { TOrderStage } from '@/lib/orders/order-filters';
import { enqueuePlaceSupplierOrder } from '@/lib/queue/supplier-queue';
import { refusalFor } from '@/lib/suppliers/place-supplier-order';
import { withTenant } from '@/lib/db/tenant-scope';

export const maxOrdersPerSend = 100;

export type TSendRefusal = {
  orderId: string;
  number: string;
  reason: 'twin_pending' | 'archived' | 'cancelled' | 'address_missing' | 'already_placed' | 'mapping_missing';
  detail?: string;
};
export type TSendResult = { queued: Array<{ orderId: string; number: string }>; refused: TSendRefusal[] };

type TOrderRow = { id: string; number: string; stage: TOrderStage; status: string; shipping_address: TAddress | null; customer_phone: string | null; placed: boolean; unmapped: string[] };

/**
 * The Order Center's "Send to AliExpress", for one order or many. What can be told now is told now
 * (a pending twin, a missing mapping, an order already sent); the rest goes to the supplier queue,
 * where each order is placed exactly once. Orders the member may not see do not exist for them.
 */
export async function sendOrdersToSupplier(tenantId: string, visibleStoreIds: string[] | null, orderIds: string[], actor: TAuditActor): Promise<TSendResult> {
  return withTenant(tenantId, async () => {
    const ids = [...new Set(orderIds)];
    if (!ids.length) throw new AppError('bad_request', 'Select at least one order');
    if (ids.length > maxOrdersPerSend) throw new AppError('payload_too_large', `Send at most ${maxOrdersPerSend} orders at a time`);
    const account = await db().supplierAccount.findFirst({ where: { tenantId, status: 'active' }, select: { id: true } });
    if (!account) throw new AppError('conflict', 'Link an AliExpress account first');

    const { rows } = await pool().query<TOrderRow>(
      `SELECT o.id, o.number, o.stage, o.status, o.shipping_address, o.customer_phone,
              EXISTS (SELECT 1 FROM supplier_order_attempts a WHERE a.tenant_id = o.tenant_id AND a.order_id = o.id AND a.status = 'placed') AS placed,
              ARRAY(SELECT DISTINCT coalesce(l.sku, l.title) FROM order_lines l
                     WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id AND l.quantity > 0
                       AND NOT EXISTS (SELECT 1 FROM supplier_product_mappings m WHERE m.tenant_id = l.tenant_id AND m.sku = l.sku)) AS unmapped
         FROM orders o
        WHERE o.tenant_id = $1 AND o.id = ANY($2::text[]) AND ($3::text[] IS NULL OR o.store_id = ANY($3::text[]))
        ORDER BY o.placed_at, o.id`,
      [tenantId, ids, visibleStoreIds],
    );
    const result: TSendResult = { queued: [], refused: [] };
    for (const order of rows) {
      if (order.placed) {
        result.refused.push({ orderId: order.id, number: order.number, reason: 'already_placed' });
        continue;
      }
      const refusal = await refusalFor(tenantId, order.id, order);
      if (refusal) {
        result.refused.push({ orderId: order.id, number: order.number, reason: refusal.reason as TSendRefusal['reason'], detail: refusal.detail });
        continue;
      }
      if (order.unmapped.length) {
        result.refused.push({ orderId: order.id, number: order.number, reason: 'mapping_missing', detail: order.unmapped.join(', ') });
        continue;
      }
      await enqueuePlaceSupplierOrder({ tenantId, orderId: order.id, actorId: actor.id ?? 'unknown' });
      result.queued.push({ orderId: order.id, number: order.number });
    }
    return result;
  });
}
