import { pool } from '@/lib/db/client';
import { notFound } from '@/lib/errors/app-error';
import { isPlausibleId } from '@/lib/ids';
import { findLines } from '@/lib/orders/list-orders';
import { findOrderExtras } from '@/lib/orders/find-order-extras';
import { orderColumns, serializeOrder, type TOrderJson, type TOrderRow } from '@/lib/orders/serialize-order';

/** One order of the tenant; another tenant's id is simply not found. */
export async function getOrder(tenantId: string, orderId: string): Promise<TOrderJson> {
  if (!isPlausibleId(orderId)) throw notFound('Order not found');
  const { rows } = await pool().query<TOrderRow>(`SELECT ${orderColumns} FROM orders o WHERE o.tenant_id = $1 AND o.id = $2`, [
    tenantId,
    orderId,
  ]);
  const row = rows[0];
  if (!row) throw notFound('Order not found');
  const [lines, extras] = await Promise.all([findLines(tenantId, [row.id]), findOrderExtras(tenantId, [row.id])]);
  return serializeOrder(row, lines.get(row.id) ?? [], extras.get(row.id));
}
