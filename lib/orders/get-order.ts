import { pool } from '@/lib/db/client';
import { notFound } from '@/lib/errors/app-error';
import { isPlausibleId } from '@/lib/ids';
import { orderExtrasColumns, orderExtrasOf, type TOrderExtrasColumns } from '@/lib/orders/find-order-extras';
import { orderColumns, orderLinesColumn, serializeOrder, type TOrderJson, type TOrderLinesColumn, type TOrderRow } from '@/lib/orders/serialize-order';

/** One order of the tenant, with its lines, twins and supplier orders; another tenant's id is simply not found. */
export async function getOrder(tenantId: string, orderId: string): Promise<TOrderJson> {
  if (!isPlausibleId(orderId)) throw notFound('Order not found');
  const { rows } = await pool().query<TOrderRow & TOrderLinesColumn & TOrderExtrasColumns>(
    `SELECT ${orderColumns}, ${orderLinesColumn}, ${orderExtrasColumns} FROM orders o WHERE o.tenant_id = $1 AND o.id = $2`,
    [tenantId, orderId],
  );
  const row = rows[0];
  if (!row) throw notFound('Order not found');
  return serializeOrder(row, row.lines, orderExtrasOf(row));
}
