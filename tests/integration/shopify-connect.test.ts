import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, pool } from '@/lib/db/client';
import { beginShopifyInstall, completeShopifyInstall } from '@/lib/stores/shopify/shopify-install';
import { reconcileStore } from '@/lib/sync/reconcile-store';
import { openStoreCredentials } from '@/lib/stores/store-credentials';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { fakeShopify } from '@/tests/support/fakes';
import { startAppServer } from '@/tests/support/app-server';
import { createTestTenant, uniqueSuffix } from '@/tests/support/tenants';
import { sendShopify } from '@/tests/support/webhooks';
import { findEvents, findOrders, settledOrders } from '@/tests/support/orders';
import { waitFor } from '@/tests/support/wait';

const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36' };

let app: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  app = await startAppServer();
  process.env.APP_URL = app.url;
});
afterAll(() => app.close());

/** Walks the authorization-code flow the way a browser would: begin, the grant screen, the callback. */
async function install(tenantId: string, userId: string, shop: string) {
  const begin = await beginShopifyInstall(new Request(`${app.url}/api/stores/shopify/install?shop=${shop}`, { headers: browser }), shop);
  expect(begin.status).toBe(302);
  const grantScreen = begin.headers.get('location')!;
  expect(grantScreen).toContain(`/shops/${shop}/admin/oauth/authorize?`);
  const stateCookie = begin.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const approved = await fetch(grantScreen, { redirect: 'manual' });
  const callback = approved.headers.get('location')!;
  expect(callback).toContain('/api/stores/shopify/callback?code=');
  return completeShopifyInstall(new Request(callback, { headers: { cookie: stateCookie, ...browser } }), tenantId, { type: 'user', id: userId });
}

async function syncOf(tenantId: string, storeId: string) {
  return db().storeSync.findUnique({ where: { tenantId_storeId: { tenantId, storeId } } });
}

describe('connecting a Shopify store', () => {
  it('installs with OAuth, keeps the token sealed, subscribes webhooks and backfills 60 days', async () => {
    const tenant = await createTestTenant();
    const shop = `oauth-${uniqueSuffix()}.myshopify.com`;
    await fakeShopify.addShop(shop);
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await fakeShopify.putOrders(shop, [
      ...Array.from({ length: 120 }, (_, index) => ({ id: String(7_000_000_000_000 + index), number: 1001 + index, createdAt: day(index % 50) })),
      { id: '7000000009999', number: 9999, createdAt: day(90) },
    ]);
    await fakeShopify.throttle(shop, { graphqlThrottles: 1, rateLimits: 1 });

    const { storeId } = await install(tenant.tenantId, tenant.userId, shop);
    const store = await db().store.findFirst({ where: { tenantId: tenant.tenantId, id: storeId } });
    const { accessToken } = await fakeShopify.state(shop);
    expect(store?.credentials).not.toContain(accessToken!);
    expect(openStoreCredentials(store!.credentials).accessToken).toBe(accessToken);
    expect((await fakeShopify.state(shop)).subscriptions).toEqual(
      ['ORDERS_CREATE', 'ORDERS_UPDATED', 'ORDERS_CANCELLED', 'APP_UNINSTALLED'].map((topic) => ({ topic, callbackUrl: `${app.url}/api/webhooks/shopify` })).map((subscription) => expect.objectContaining(subscription)),
    );

    const sync = await waitFor(async () => {
      const current = await syncOf(tenant.tenantId, storeId);
      return current?.backfillStatus === 'done' ? current : undefined;
    }, 'the backfill to finish', 60_000);
    expect(sync).toMatchObject({ backfillDone: 120, backfillTotal: 120 });
    const orders = await findOrders(tenant.tenantId);
    expect(orders).toHaveLength(120);
    expect(orders.some((order) => order.number === '#9999')).toBe(false);
  });

  it('refuses a forged or replayed callback', async () => {
    const tenant = await createTestTenant();
    const shop = `forged-${uniqueSuffix()}.myshopify.com`;
    await fakeShopify.addShop(shop);
    const actor = { type: 'user' as const, id: tenant.userId };
    const forged = new Request(`${app.url}/api/stores/shopify/callback?code=abc&shop=${shop}&state=x&timestamp=1&hmac=00`, { headers: { cookie: 'shopify_app_state=x' } });
    await expect(completeShopifyInstall(forged, tenant.tenantId, actor)).rejects.toThrow(/could not be verified/);

    const begin = await beginShopifyInstall(new Request(`${app.url}/x`, { headers: browser }), shop);
    const approved = await fetch(begin.headers.get('location')!, { redirect: 'manual' });
    const callback = approved.headers.get('location')!;
    await expect(completeShopifyInstall(new Request(callback, { headers: browser }), tenant.tenantId, actor)).rejects.toThrow(/could not be verified/);
    expect(await db().store.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
  });

  it('recovers a webhook that never came through reconciliation, and shows what it recovered', async () => {
    const tenant = await createTestTenant();
    const shop = `reconcile-${uniqueSuffix()}.myshopify.com`;
    await fakeShopify.addShop(shop);
    await fakeShopify.putOrders(shop, [{ id: '7100000000001', number: 2001, createdAt: new Date(Date.now() - 3_600_000).toISOString() }]);
    const { storeId } = await install(tenant.tenantId, tenant.userId, shop);
    await waitFor(async () => (await syncOf(tenant.tenantId, storeId))?.backfillStatus === 'done', 'the backfill');

    // A new order and an update happen in Shopify; their webhooks are lost.
    const now = new Date().toISOString();
    await fakeShopify.putOrders(shop, [
      { id: '7100000000002', number: 2002, createdAt: now, updatedAt: now },
      { id: '7100000000001', number: 2001, createdAt: new Date(Date.now() - 3_600_000).toISOString(), updatedAt: now, fulfillmentStatus: 'fulfilled' },
    ]);
    expect(await reconcileStore(tenant.tenantId, storeId)).toEqual({ recovered: 2, reactivatedWebhooks: 0 });
    const orders = await findOrders(tenant.tenantId);
    expect(orders.map((order) => [order.number, order.status]).sort()).toEqual([
      ['#2001', 'fulfilled'],
      ['#2002', 'paid'],
    ]);
    expect(await reconcileStore(tenant.tenantId, storeId)).toEqual({ recovered: 0, reactivatedWebhooks: 0 });
    const sync = await syncOf(tenant.tenantId, storeId);
    expect(sync?.reconcileLastAt).toBeInstanceOf(Date);
    expect(sync?.reconcileLastRecovered).toBe(0);
  });

  it('marks the store as needing reconnection when its token stops working', async () => {
    const tenant = await createTestTenant();
    const shop = `revoked-${uniqueSuffix()}.myshopify.com`;
    await fakeShopify.addShop(shop);
    const { storeId } = await install(tenant.tenantId, tenant.userId, shop);
    await waitFor(async () => (await syncOf(tenant.tenantId, storeId))?.backfillStatus === 'done', 'the backfill');
    await fakeShopify.revoke(shop);
    expect(await reconcileStore(tenant.tenantId, storeId)).toBe('needs_reconnection');
    expect((await db().store.findFirst({ where: { tenantId: tenant.tenantId, id: storeId } }))?.status).toBe('needs_reconnection');
  });
});

describe('app/uninstalled and the compliance webhooks', () => {
  async function connectedShop() {
    const tenant = await createTestTenant();
    const shop = `gdpr-${uniqueSuffix()}.myshopify.com`;
    await fakeShopify.addShop(shop);
    const { storeId } = await install(tenant.tenantId, tenant.userId, shop);
    await sendShopify({ shopDomain: shop, body: shopifyOrderBody({ id: '7200000000001', number: 3001, customer: { firstName: 'Rosa', lastName: 'Parks', email: 'rosa@example.com' } }) });
    await sendShopify({ shopDomain: shop, body: shopifyOrderBody({ id: '7200000000002', number: 3002, customer: { firstName: 'Ida', lastName: 'Wells', email: 'ida@example.com' } }) });
    await settledOrders(tenant.tenantId, 2);
    return { ...tenant, shop, storeId };
  }

  it('app/uninstalled disconnects the store and drops its token; order webhooks then get 401', async () => {
    const { tenantId, shop, storeId } = await connectedShop();
    expect((await sendShopify({ shopDomain: shop, topic: 'app/uninstalled', body: JSON.stringify({ id: 1, domain: shop }) })).status).toBe(200);
    await waitFor(async () => (await db().store.findFirst({ where: { tenantId, id: storeId } }))?.status === 'disconnected', 'the store to disconnect');
    expect((await db().store.findFirst({ where: { tenantId, id: storeId } }))?.credentials).toBeNull();
    expect((await sendShopify({ shopDomain: shop, body: shopifyOrderBody({ id: '7200000000003', number: 3003 }) })).status).toBe(401);
    expect(await findOrders(tenantId)).toHaveLength(2);
  });

  it('customers/data_request exports the customer’s orders as JSON for the merchant, audited', async () => {
    const { tenantId, shop } = await connectedShop();
    const body = JSON.stringify({ shop_id: 1, shop_domain: shop, customer: { id: 9, email: 'rosa@example.com', phone: null }, orders_requested: [7200000000001], data_request: { id: 5 } });
    expect((await sendShopify({ shopDomain: shop, topic: 'customers/data_request', body })).status).toBe(200);
    const request = await waitFor(() => db().dataRequest.findFirst({ where: { tenantId } }), 'the export');
    const exported = request.export as { orders: Array<{ number: string; customer: { email: string } }> };
    expect(exported.orders.map((order) => [order.number, order.customer.email])).toEqual([['#3001', 'rosa@example.com']]);
    const { rows } = await pool().query(`SELECT action FROM audit_events WHERE tenant_id = $1 AND action = 'compliance.data_request'`, [tenantId]);
    expect(rows).toHaveLength(1);
  });

  it('customers/redact erases the customer from their orders and from the stored payloads', async () => {
    const { tenantId, shop } = await connectedShop();
    const body = JSON.stringify({ shop_id: 1, shop_domain: shop, customer: { id: 9, email: 'rosa@example.com', phone: '+1555' }, orders_to_redact: [7200000000001] });
    await sendShopify({ shopDomain: shop, topic: 'customers/redact', body });
    await waitFor(async () => (await findOrders(tenantId)).some((order) => order.number === '#3001' && order.customer_email === null), 'the redaction');
    const orders = await findOrders(tenantId);
    expect(orders.find((order) => order.number === '#3001')).toMatchObject({ customer_name: null, customer_email: null });
    expect(orders.find((order) => order.number === '#3002')).toMatchObject({ customer_email: 'ida@example.com' });
    // The normalized recipient that twin detection keeps goes too.
    const keys = await pool().query<{ number: string; recipient_key: string | null }>(`SELECT number, recipient_key FROM orders WHERE tenant_id = $1 ORDER BY number`, [tenantId]);
    expect(keys.rows).toEqual([
      { number: '#3001', recipient_key: null },
      { number: '#3002', recipient_key: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const { rows } = await pool().query<{ raw_body: string }>(`SELECT raw_body FROM webhook_events WHERE tenant_id = $1`, [tenantId]);
    expect(rows.map((row) => row.raw_body).join('\n')).not.toContain('rosa@example.com');
  });

  it('shop/redact deletes the store and its orders, even after uninstall; bad HMAC gets 401, an unknown shop 200', async () => {
    const { tenantId, shop, storeId } = await connectedShop();
    await sendShopify({ shopDomain: shop, topic: 'app/uninstalled', body: JSON.stringify({ id: 1 }) });
    await waitFor(async () => (await db().store.findFirst({ where: { tenantId, id: storeId } }))?.status === 'disconnected', 'the store to disconnect');
    const body = JSON.stringify({ shop_id: 1, shop_domain: shop });
    expect((await sendShopify({ shopDomain: shop, topic: 'shop/redact', body, secret: 'wrong-secret' })).status).toBe(401);
    expect((await sendShopify({ shopDomain: shop, topic: 'shop/redact', body })).status).toBe(200);
    await waitFor(async () => (await db().store.count({ where: { tenantId, id: storeId } })) === 0, 'the store to go');
    expect(await findOrders(tenantId)).toEqual([]);
    expect(await findEvents(tenantId)).toEqual([]);
    expect((await sendShopify({ shopDomain: 'never-seen.myshopify.com', topic: 'shop/redact', body: JSON.stringify({ shop_domain: 'never-seen.myshopify.com' }) })).status).toBe(200);
  });
});
