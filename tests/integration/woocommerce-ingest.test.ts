import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { wooOrderBody } from '@/tests/fixtures/woocommerce';
import { addWooStore, createTestTenant } from '@/tests/support/tenants';
import { sendWoo } from '@/tests/support/webhooks';
import { findEvents, findLinesOf, findOrders, settledOrders } from '@/tests/support/orders';
import { POST as postWooRoute } from '@/app/api/webhooks/woocommerce/[storeId]/route';

describe('WooCommerce webhooks into the Order Center', () => {
  it('records an order sent with PHP escaping, float line prices and a deleted product', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const body = wooOrderBody({
      id: 4471,
      number: 'W-4471',
      lines: [
        { sku: 'MUG-WHT', title: 'White mug – 11 oz', quantity: 3, price: '9.99' },
        { sku: null, title: 'Discontinued poster', quantity: 1, price: '5.00' },
      ],
      customer: { firstName: 'Zoë', lastName: 'Ångström', email: 'zoe@example.com' },
      siteUrl: store.siteUrl,
    });
    expect(body).toContain('https:\\/\\/');
    expect(body).toContain('\\u00eb');

    expect((await sendWoo({ ...store, secret: store.webhookSecret, body })).status).toBe(200);
    const [order] = await settledOrders(tenantId, 1);
    expect(order).toMatchObject({ number: '#W-4471', source_number: 'W-4471', external_id: '4471', status: 'paid', total_price: '34.9700', customer_name: 'Zoë Ångström' });
    expect(await findLinesOf(tenantId, order!.id)).toEqual([
      { sku: 'MUG-WHT', title: 'White mug – 11 oz', quantity: 3, unit_price: '9.9900' },
      { sku: null, title: 'Discontinued poster', quantity: 1, unit_price: '5.0000' },
    ]);
  });

  it('answers the creation ping with exactly 200 and stores nothing', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const response = await postWooRoute(
      new Request(`http://localhost/api/webhooks/woocommerce/${store.storeId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WooCommerce/9.4.0 Hookshot (WordPress/6.7)' },
        body: 'webhook_id=42',
      }),
      { params: Promise.resolve({ storeId: store.storeId }) },
    );
    expect(response.status).toBe(200);
    expect(await findEvents(tenantId)).toEqual([]);
  });

  it('ignores checkout drafts', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const response = await sendWoo({ ...store, secret: store.webhookSecret, topic: 'order.updated', body: wooOrderBody({ id: 90, status: 'checkout-draft' }) });
    expect(response.status).toBe(200);
    expect(await findEvents(tenantId)).toMatchObject([{ status: 'IGNORED', last_error: 'Checkout draft, not an order yet' }]);
    expect(await findOrders(tenantId)).toEqual([]);
  });

  it('dedups on (source, order id, date_modified_gmt) although every delivery id differs', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const body = wooOrderBody({ id: 91, modifiedGmt: '2026-11-21T08:00:00' });
    await sendWoo({ ...store, secret: store.webhookSecret, body });
    const repeat = await sendWoo({ ...store, secret: store.webhookSecret, topic: 'order.updated', body });
    expect(await repeat.json()).toMatchObject({ duplicate: true });
    await sendWoo({ ...store, secret: store.webhookSecret, topic: 'order.updated', body: wooOrderBody({ id: 91, status: 'completed', modifiedGmt: '2026-11-22T08:00:00' }) });
    const orders = await settledOrders(tenantId, 2);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.status).toBe('fulfilled');
    expect(await findEvents(tenantId)).toHaveLength(2);
  });

  it('keeps a trashed order, marked deleted, and brings it back on restore', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    await sendWoo({ ...store, secret: store.webhookSecret, body: wooOrderBody({ id: 92, modifiedGmt: '2026-11-21T08:00:00' }) });
    await settledOrders(tenantId, 1);
    await sendWoo({ ...store, secret: store.webhookSecret, topic: 'order.deleted', body: JSON.stringify({ id: 92 }) });
    let [order] = await settledOrders(tenantId, 2);
    expect(order).toMatchObject({ number: '#92', status: 'cancelled' });
    expect(order!.deleted_at).not.toBeNull();
    await sendWoo({ ...store, secret: store.webhookSecret, topic: 'order.restored', body: wooOrderBody({ id: 92, modifiedGmt: '2026-11-22T08:00:00' }) });
    [order] = await settledOrders(tenantId, 3);
    expect(order).toMatchObject({ number: '#92', status: 'paid', deleted_at: null });
    const { rows } = await pool().query(`SELECT action FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY created_at`, [tenantId, order!.id]);
    expect(rows.map((row) => row.action)).toEqual(['order.created', 'order.deleted', 'order.status_changed']);
  });

  it('refuses a forged signature and a store of another secret', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const forged = await sendWoo({ ...store, secret: 'not-the-secret', body: wooOrderBody({ id: 93 }) });
    expect(forged.status).toBe(401);
    expect(await findEvents(tenantId)).toEqual([]);
  });
});
