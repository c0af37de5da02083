import { describe, expect, it } from 'vitest';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { wooOrderBody } from '@/tests/fixtures/woocommerce';
import { addShopifyStore, addWooStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify, sendWoo } from '@/tests/support/webhooks';
import { settledOrders } from '@/tests/support/orders';
import { pool } from '@/lib/db/client';
import { GET as listOrdersRoute } from '@/app/api/v1/orders/route';
import { GET as getOrderRoute } from '@/app/api/v1/orders/[id]/route';
import { GET as listStoresRoute } from '@/app/api/v1/stores/route';

function get(path: string, apiKey?: string) {
  return new Request(`http://localhost${path}`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
}

async function listOrders(path: string, apiKey: string) {
  const response = await listOrdersRoute(get(path, apiKey), { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as { data: Array<Record<string, unknown>>; nextCursor: string | null } };
}

async function seededTenant() {
  const tenant = await createTestTenant();
  const shopify = await addShopifyStore(tenant.tenantId);
  const woo = await addWooStore(tenant.tenantId);
  for (let index = 0; index < 5; index++) {
    await sendShopify({
      shopDomain: shopify.shopDomain,
      body: shopifyOrderBody({
        id: String(9_100_000_000_000 + index),
        number: 2100 + index,
        createdAt: `2026-11-0${index + 1}T10:00:00Z`,
        customer: { firstName: 'Rita', lastName: `Customer${index}`, email: `rita${index}@shop.example` },
        lines: [{ sku: `SKU-${index}`, title: `Item ${index}`, quantity: 1, price: '10.00' }],
      }),
    });
  }
  // The Shopify #2100 is recorded first, so the WooCommerce #2100 is the one suffixed -2.
  await settledOrders(tenant.tenantId, 5);
  await sendWoo({ ...woo, secret: woo.webhookSecret, body: wooOrderBody({ id: 77, number: '2100', createdGmt: '2026-11-10T10:00:00', status: 'completed' }) });
  await settledOrders(tenant.tenantId, 6);
  return { ...tenant, shopify, woo };
}

describe('REST API v1', () => {
  it('requires a valid API key', async () => {
    for (const apiKey of [undefined, 'ohk_not-a-real-key', 'garbage']) {
      const response = await listOrdersRoute(get('/api/v1/orders', apiKey), { params: Promise.resolve({}) });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('lists orders newest first with the documented Order shape and keyset pages', async () => {
    const tenant = await seededTenant();
    const first = await listOrders('/api/v1/orders?limit=4&q=&store=&platform=&status=', tenant.apiKey);
    expect(first.status).toBe(200);
    expect(first.body.data.map((order) => order.number)).toEqual(['#2100-2', '#2104', '#2103', '#2102']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await listOrders(`/api/v1/orders?limit=4&cursor=${first.body.nextCursor}`, tenant.apiKey);
    expect(second.body.data.map((order) => order.number)).toEqual(['#2101', '#2100-1']);
    expect(second.body.nextCursor).toBeNull();

    const shopifyOrder = first.body.data[1]!;
    expect(shopifyOrder).toEqual({
      id: expect.stringMatching(/^ord_/),
      number: '#2104',
      sourceNumber: '2104',
      formerNumbers: [],
      storeId: tenant.shopify.storeId,
      platform: 'shopify',
      externalId: '9100000000004',
      status: 'paid',
      currency: 'USD',
      totalPrice: '10.00',
      createdAt: '2026-11-05T10:00:00.000Z',
      customer: { name: 'Rita Customer4', email: 'rita4@shop.example' },
      lines: [{ sku: 'SKU-4', title: 'Item 4', quantity: 1, unitPrice: '10.00' }],
      origin: null,
      twins: [],
      supplierOrders: [],
    });
    expect(second.body.data[1]).toMatchObject({ number: '#2100-1', formerNumbers: ['#2100'] });
  });

  it('filters by store, platform and status and searches by email, name and SKU', async () => {
    const tenant = await seededTenant();
    const numbers = async (query: string) => (await listOrders(`/api/v1/orders?${query}`, tenant.apiKey)).body.data.map((order) => order.number);
    expect(await numbers(`store=${tenant.woo.storeId}`)).toEqual(['#2100-2']);
    expect(await numbers('platform=shopify&limit=2')).toEqual(['#2104', '#2103']);
    expect(await numbers('status=fulfilled')).toEqual(['#2100-2']);
    expect(await numbers('q=rita3%40shop')).toEqual(['#2103']);
    expect(await numbers('q=customer1')).toEqual(['#2101']);
    // One index holds email and name side by side; a match must lie within one of them.
    expect(await numbers('q=example%20rita')).toEqual([]);
    expect(await numbers('q=SKU-2')).toEqual(['#2102']);
    expect(await numbers('q=%232100-2')).toEqual(['#2100-2']);
    expect(await numbers('q=100%25')).toEqual([]);
  });

  it('pages a search by cursor, with filters, and finds a SKU that only an update brought', async () => {
    const tenant = await seededTenant();
    const page = async (query: string) => (await listOrders(`/api/v1/orders?${query}`, tenant.apiKey)).body;
    // Who got #2100-1 depends on which worker finished first: compare by customer, not number.
    const emails = (body: Awaited<ReturnType<typeof page>>) => body.data.map((order) => (order.customer as { email: string }).email);
    const first = await page('q=rita&limit=2');
    expect(emails(first)).toEqual(['rita4@shop.example', 'rita3@shop.example']);
    const second = await page(`q=rita&limit=2&cursor=${first.nextCursor}`);
    expect(emails(second)).toEqual(['rita2@shop.example', 'rita1@shop.example']);
    const third = await page(`q=rita&limit=2&cursor=${second.nextCursor}`);
    expect(emails(third)).toEqual(['rita0@shop.example']);
    expect(third.nextCursor).toBeNull();
    expect((await page(`q=sku-&store=${tenant.shopify.storeId}&limit=3`)).data.map((order) => order.number)).toEqual(['#2104', '#2103', '#2102']);
    expect((await page(`q=sku-&store=${tenant.woo.storeId}`)).data).toEqual([]);
    // A SKU search across the tenant sorts its matches by the placing time their lines carry.
    const bySku = await page('q=sku-&limit=2');
    expect(emails(bySku)).toEqual(['rita4@shop.example', 'rita3@shop.example']);
    const bySkuNext = await page(`q=sku-&limit=2&cursor=${bySku.nextCursor}`);
    expect(emails(bySkuNext)).toEqual(['rita2@shop.example', 'rita1@shop.example']);
    const bySkuLast = await page(`q=sku-&limit=2&cursor=${bySkuNext.nextCursor}`);
    expect(emails(bySkuLast)).toEqual(['rita0@shop.example']);
    expect(bySkuLast.nextCursor).toBeNull();

    await sendShopify({
      shopDomain: tenant.shopify.shopDomain,
      topic: 'orders/updated',
      body: shopifyOrderBody({
        id: '9100000000001',
        number: 2101,
        createdAt: '2026-11-02T10:00:00Z',
        updatedAt: '2026-11-20T10:00:00Z',
        customer: { firstName: 'Rita', lastName: 'Customer1', email: 'rita1@shop.example' },
        lines: [
          { sku: 'REPLACED-77', title: 'Other item', quantity: 1, price: '10.00' },
          { sku: 'ADDED-88', title: 'Added item', quantity: 1, price: '5.00' },
        ],
      }),
    });
    await settledOrders(tenant.tenantId, 7);
    expect((await page('q=replaced-7')).data.map((order) => order.number)).toEqual(['#2101']);
    // A line the update added carries the placing time the order was recorded with.
    expect((await page('q=added-8')).data.map((order) => order.number)).toEqual(['#2101']);
    expect(emails(await page('q=d-&limit=3'))).toEqual(['rita1@shop.example']);
    // Every line carries the placing time of its order, the new line of the update included.
    const { rows: lines } = await pool().query<{ lines: number; wrong: number }>(
      `SELECT count(*)::int AS lines, count(*) FILTER (WHERE l.placed_at IS DISTINCT FROM o.placed_at)::int AS wrong
         FROM order_lines l JOIN orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id WHERE l.tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(lines[0]).toEqual({ lines: 7, wrong: 0 });
    expect((await page('q=SKU-1')).data).toEqual([]);
  });

  it('answers 422 for bad filters and 400 for a bad cursor', async () => {
    const tenant = await createTestTenant();
    expect((await listOrders('/api/v1/orders?status=shipped', tenant.apiKey)).status).toBe(422);
    expect((await listOrders('/api/v1/orders?limit=500', tenant.apiKey)).status).toBe(422);
    expect((await listOrders('/api/v1/orders?cursor=nonsense', tenant.apiKey)).status).toBe(400);
  });

  it("answers 404 for another tenant's order, and returns one's own", async () => {
    const owner = await seededTenant();
    const stranger = await createTestTenant();
    const [order] = (await listOrders('/api/v1/orders?limit=1', owner.apiKey)).body.data;
    const mine = await getOrderRoute(get(`/api/v1/orders/${order!.id}`, owner.apiKey), { params: Promise.resolve({ id: String(order!.id) }) });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual(order);
    const theirs = await getOrderRoute(get(`/api/v1/orders/${order!.id}`, stranger.apiKey), { params: Promise.resolve({ id: String(order!.id) }) });
    expect(theirs.status).toBe(404);
    // Nor does a filter by another tenant's store answer anything but 404.
    const filtered = await listOrders(`/api/v1/orders?store=${owner.shopify.storeId}`, stranger.apiKey);
    expect(filtered.status).toBe(404);
    expect(filtered.body).not.toHaveProperty('data');
  });

  it('lists stores without their credentials', async () => {
    const tenant = await seededTenant();
    const response = await listStoresRoute(get('/api/v1/stores', tenant.apiKey), { params: Promise.resolve({}) });
    const body = (await response.json()) as { data: Array<Record<string, unknown>> };
    expect(body.data.map((store) => store.platform)).toEqual(['shopify', 'woocommerce']);
    expect(JSON.stringify(body)).not.toContain(tenant.woo.webhookSecret);
    expect(body.data[0]).toMatchObject({ id: tenant.shopify.storeId, shopDomain: tenant.shopify.shopDomain, status: 'active' });
    expect(body.data[0]).not.toHaveProperty('credentials');
  });
});
