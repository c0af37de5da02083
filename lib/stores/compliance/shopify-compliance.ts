import { z } from 'zod';
import { pool, withTransaction } from '@/lib/db/client';
import { createId } from '@/lib/ids';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { markEventProcessed } from '@/lib/ingest/webhook-event-status';
import { findLines } from '@/lib/orders/list-orders';
import { orderColumns, serializeOrder, type TOrderRow } from '@/lib/orders/serialize-order';
import { ZExternalId } from '@/lib/platforms/fields';

// Shopify's mandatory compliance webhooks (platforms.md A8).

const ZCustomer = z.object({ email: z.string().nullish(), phone: z.string().nullish() }).nullish();
const ZDataRequest = z.object({ customer: ZCustomer, orders_requested: z.array(ZExternalId).nullish() });
const ZCustomerRedact = z.object({ customer: ZCustomer, orders_to_redact: z.array(ZExternalId).nullish() });

const platformActor = { type: 'platform' as const, id: 'shopify:compliance' };

function parse<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw PayloadValidationError.fromZod(what, parsed.error);
  return parsed.data;
}

/** The customer's orders in this store: by the ids Shopify lists, or by their email. */
const customerOrdersWhere = `o.tenant_id = $1 AND o.store_id = $2 AND (o.external_id = ANY($3::text[]) OR ($4::text IS NOT NULL AND lower(o.customer_email) = lower($4)))`;

/** customers/data_request: the customer's orders, exported as JSON for the merchant to send on. */
export async function exportCustomerData(tenantId: string, storeId: string, eventId: string, payload: unknown): Promise<void> {
  const request = parse(ZDataRequest, payload, 'customers/data_request');
  const email = request.customer?.email ?? null;
  const { rows } = await pool().query<TOrderRow & { customer_phone: string | null; shipping_address: unknown }>(
    `SELECT ${orderColumns}, o.customer_phone, o.shipping_address FROM orders o WHERE ${customerOrdersWhere} ORDER BY o.placed_at`,
    [tenantId, storeId, request.orders_requested ?? [], email],
  );
  const lines = await findLines(tenantId, rows.map((row) => row.id));
  const exported = {
    generatedAt: new Date().toISOString(),
    customer: { email, phone: request.customer?.phone ?? null },
    orders: rows.map((row) => ({ ...serializeOrder(row, lines.get(row.id) ?? []), customerPhone: row.customer_phone, shippingAddress: row.shipping_address })),
  };
  await withTransaction(async (sql) => {
    const id = createId('drq');
    await sql.query(`INSERT INTO data_requests (tenant_id, id, store_id, customer_email, export) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      tenantId,
      id,
      storeId,
      email,
      JSON.stringify(exported),
    ]);
    await recordAuditEvent(sql, { tenantId, actor: platformActor, action: 'compliance.data_request', subjectType: 'store', subjectId: storeId, after: { dataRequestId: id, orders: rows.length } });
    await markEventProcessed(sql, tenantId, eventId, null);
  });
}

/** customers/redact: the customer's personal data leaves their orders, their payloads and exports. */
export async function redactCustomer(tenantId: string, storeId: string, eventId: string, payload: unknown): Promise<void> {
  const request = parse(ZCustomerRedact, payload, 'customers/redact');
  const email = request.customer?.email ?? null;
  await withTransaction(async (sql) => {
    const { rows } = await sql.query<{ id: string }>(
      `UPDATE orders o SET customer_name = NULL, customer_email = NULL, customer_phone = NULL, shipping_address = NULL, recipient_key = NULL, updated_at = now()
        WHERE ${customerOrdersWhere} RETURNING o.id`,
      [tenantId, storeId, request.orders_to_redact ?? [], email],
    );
    const orderIds = rows.map((row) => row.id);
    await sql.query(`UPDATE webhook_events SET raw_body = '{"redacted":true}', headers = '{}' WHERE tenant_id = $1 AND order_id = ANY($2::text[])`, [tenantId, orderIds]);
    if (email) await sql.query(`DELETE FROM data_requests WHERE tenant_id = $1 AND store_id = $2 AND lower(customer_email) = lower($3)`, [tenantId, storeId, email]);
    // The request itself names the customer: keep only the order ids.
    await sql.query(`UPDATE webhook_events SET raw_body = $3 WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      eventId,
      JSON.stringify({ redacted: true, orders_to_redact: request.orders_to_redact ?? [] }),
    ]);
    await recordAuditEvent(sql, { tenantId, actor: platformActor, action: 'compliance.customer_redacted', subjectType: 'store', subjectId: storeId, after: { orders: orderIds.length } });
    await markEventProcessed(sql, tenantId, eventId, null);
  });
}

/** shop/redact: the store and everything of it goes. Its numbers are never handed out again. */
export async function redactShop(tenantId: string, storeId: string): Promise<void> {
  await withTransaction(async (sql) => {
    const { rows } = await sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM orders WHERE tenant_id = $1 AND store_id = $2`, [tenantId, storeId]);
    await recordAuditEvent(sql, { tenantId, actor: platformActor, action: 'compliance.shop_redacted', subjectType: 'store', subjectId: storeId, after: { orders: rows[0]?.count ?? 0 } });
    await sql.query(`DELETE FROM store_routes WHERE tenant_id = $1 AND store_id = $2`, [tenantId, storeId]);
    await sql.query(`DELETE FROM stores WHERE tenant_id = $1 AND id = $2`, [tenantId, storeId]);
  });
}
