import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { wooAuthorizeUrl, receiveWooKeys } from '@/lib/stores/woocommerce/woocommerce-connect';
import { reconcileStore } from '@/lib/sync/reconcile-store';
import { openStoreCredentials } from '@/lib/stores/store-credentials';
import { signConnectState } from '@/lib/stores/connect-state';
import { fakeWoo } from '@/tests/support/fakes';
import { startAppServer } from '@/tests/support/app-server';
import { createTestTenant, uniqueSuffix } from '@/tests/support/tenants';
import { findOrders, settledOrders } from '@/tests/support/orders';
import { waitFor } from '@/tests/support/wait';
import { POST as wooCallback } from '@/app/api/stores/woocommerce/callback/route';

let app: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  app = await startAppServer();
  process.env.APP_URL = app.url;
});
afterAll(() => app.close());

async function connect(tenant: { tenantId: string; userId: string }) {
  const site = `woo-${uniqueSuffix()}`;
  const siteUrl = await fakeWoo.addSite(site);
  await fakeWoo.putOrders(site, [
    { id: 11, number: '5011', createdGmt: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 19) },
    { id: 12, number: '5012', createdGmt: new Date(Date.now() - 86_400_000).toISOString().slice(0, 19) },
    { id: 13, number: '5013', createdGmt: new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 19) },
  ]);
  const authorize = wooAuthorizeUrl({ tenantId: tenant.tenantId, userId: tenant.userId, locale: 'en' }, siteUrl, 'en');
  // The fake approves at once: it posts the keys to our callback (which must answer exactly 200),
  // then sends the merchant back to the return URL.
  const answer = await fetch(authorize, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  expect(answer.headers.get('location')).toBe(`${app.url}/en/stores?connected=woocommerce&success=1&user_id=${encodeURIComponent(new URL(authorize).searchParams.get('user_id')!)}`);
  const store = await db().store.findFirstOrThrow({ where: { tenantId: tenant.tenantId, siteUrl } });
  return { site, siteUrl, store, state: new URL(authorize).searchParams.get('user_id')! };
}

describe('connecting a WooCommerce store', () => {
  it('authorizes, stores the keys sealed, creates signed order webhooks and backfills', async () => {
    const tenant = await createTestTenant();
    const { site, store } = await connect(tenant);
    const credentials = openStoreCredentials(store.credentials);
    expect(credentials.consumerKey).toMatch(/^ck_/);
    expect(store.credentials).not.toContain(credentials.consumerSecret!);

    const state = await fakeWoo.state(site);
    expect(state.webhooks.map((webhook) => webhook.topic)).toEqual(['order.created', 'order.updated', 'order.deleted', 'order.restored']);
    expect(new Set(state.webhooks.map((webhook) => webhook.delivery_url))).toEqual(new Set([`${app.url}/api/webhooks/woocommerce/${store.id}`]));
    expect(state.pingsSent).toBe(4);

    await waitFor(async () => (await db().storeSync.findFirst({ where: { tenantId: tenant.tenantId, storeId: store.id } }))?.backfillStatus === 'done', 'the backfill');
    expect((await findOrders(tenant.tenantId)).map((order) => order.number).sort()).toEqual(['#5011', '#5012']);

    // Its webhooks reach the hub signed with the secret the hub generated.
    await fakeWoo.putOrders(site, [{ id: 14, number: '5014' }]);
    expect((await fakeWoo.deliver(site, 14, 'order.created')).statuses).toEqual([200]);
    expect((await settledOrders(tenant.tenantId, 1)).map((order) => order.number)).toContain('#5014');
  });

  it('refuses a forged, expired or replayed key delivery and stores nothing', async () => {
    const tenant = await createTestTenant();
    const keys = { consumer_key: 'ck_abc123', consumer_secret: 'cs_def456', key_permissions: 'read_write' };
    const post = (body: unknown) => wooCallback(new Request(`${app.url}/api/stores/woocommerce/callback`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));

    const forged = await post({ ...keys, user_id: 'eyJ0ZW5hbnRJZCI6InRlbl94In0.forged' });
    expect(forged.status).toBe(401);
    const otherPlatform = signConnectState({ tenantId: tenant.tenantId, userId: tenant.userId, platform: 'tiktok', siteUrl: 'https://x.example' });
    expect((await post({ ...keys, user_id: otherPlatform })).status).toBe(401);
    // A state signed 16 minutes ago: it lived 15.
    vi.spyOn(Date, 'now').mockReturnValueOnce(Date.now() - 16 * 60 * 1000);
    const expired = signConnectState({ tenantId: tenant.tenantId, userId: tenant.userId, platform: 'woocommerce', siteUrl: 'https://expired.example' });
    expect((await post({ ...keys, user_id: expired })).status).toBe(401);
    expect((await post({ nonsense: true })).status).toBe(400);

    const { store, state } = await connect(tenant);
    await expect(receiveWooKeys({ ...keys, user_id: state })).rejects.toThrow(/already used/);
    expect(await db().store.count({ where: { tenantId: tenant.tenantId } })).toBe(1);
    expect(store.status).toBe('active');
  });

  it('re-activates webhooks WooCommerce disabled, recovers the orders they missed, and waits out a rate limit', async () => {
    const tenant = await createTestTenant();
    const { site, store } = await connect(tenant);
    await waitFor(async () => (await db().storeSync.findFirst({ where: { tenantId: tenant.tenantId, storeId: store.id } }))?.backfillStatus === 'done', 'the backfill');
    await fakeWoo.disableWebhooks(site);
    await fakeWoo.putOrders(site, [{ id: 21, number: '5021', createdGmt: new Date().toISOString().slice(0, 19) }]);

    expect(await reconcileStore(tenant.tenantId, store.id)).toEqual({ recovered: 1, reactivatedWebhooks: 4 });
    expect((await fakeWoo.state(site)).webhooks.every((webhook) => webhook.status === 'active')).toBe(true);
    expect((await findOrders(tenant.tenantId)).map((order) => order.number)).toContain('#5021');

    // A host's rate limit in front of the site: the calls wait as told and go through.
    await fakeWoo.putOrders(site, [{ id: 22, number: '5022', createdGmt: new Date().toISOString().slice(0, 19) }]);
    await fakeWoo.rateLimit(site, 2);
    expect(await reconcileStore(tenant.tenantId, store.id)).toMatchObject({ recovered: 1 });
    expect((await fakeWoo.state(site)).rateLimited).toBe(2);
    expect((await findOrders(tenant.tenantId)).map((order) => order.number)).toContain('#5022');

    await fakeWoo.revoke(site);
    expect(await reconcileStore(tenant.tenantId, store.id)).toBe('needs_reconnection');
  });
});
