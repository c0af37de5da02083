import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { completeTikTokConnect, tiktokConnectUrl } from '@/lib/stores/tiktok/tiktok-connect';
import { loadSyncStore, tiktokTokenLock } from '@/lib/sync/sync-store-access';
import { withWaitingAdvisoryLock } from '@/lib/db/advisory-lock';
import { reconcileStore } from '@/lib/sync/reconcile-store';
import { markStoreNeedsReconnection } from '@/lib/stores/connect-store';
import { openStoreCredentials, sealStoreCredentials } from '@/lib/stores/store-credentials';
import { buildTikTokOrder } from '@/tests/fixtures/tiktok';
import { fakeTikTok } from '@/tests/support/fakes';
import { startAppServer } from '@/tests/support/app-server';
import { addTikTokStore, createTestTenant, uniqueSuffix } from '@/tests/support/tenants';
import { findOrders } from '@/tests/support/orders';
import { waitFor } from '@/tests/support/wait';
import { sessionCookieOf } from '@/tests/support/session';

let app: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  app = await startAppServer();
  process.env.APP_URL = app.url;
});
afterAll(() => app.close());

async function authorize(tenant: { tenantId: string; userId: string }) {
  const suffix = uniqueSuffix();
  const shops = [
    { shopId: `74951${Date.now()}1`.slice(0, 19), cipher: `ROW_${suffix}a`, name: 'US shop A' },
    { shopId: `74952${Date.now()}2`.slice(0, 19), cipher: `ROW_${suffix}b`, name: 'US shop B' },
  ];
  const code = `code-${suffix}`;
  await fakeTikTok.addSeller(code, shops);
  const now = Math.floor(Date.now() / 1000);
  for (const [index, shop] of shops.entries()) {
    await fakeTikTok.putOrder(shop.cipher, buildTikTokOrder({ id: `5764000${suffix.replace(/\D/g, '1').slice(0, 5)}${index}00001`.slice(0, 18), createTime: now - 3600, updateTime: now - 3600 }));
  }
  await fakeTikTok.setRedirect(`${app.url}/api/stores/tiktok/callback`);
  const link = tiktokConnectUrl(tenant, 'en');
  expect(new URL(link).searchParams.get('service_id')).toBeTruthy();
  const back = await fetch(link, { redirect: 'manual' });
  const callback = new URL(back.headers.get('location')!);
  expect(callback.searchParams.get('code')).toBe(code);
  return { shops, callback };
}

describe('connecting TikTok Shop', () => {
  it('exchanges the code, keeps every authorized shop with its cipher, subscribes webhooks and backfills', async () => {
    const tenant = await createTestTenant();
    const { shops, callback } = await authorize(tenant);
    // The seller's browser, signed in to the hub, follows the redirect to our callback.
    const landing = await fetch(callback, { redirect: 'manual', headers: { cookie: await sessionCookieOf(tenant) } });
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toMatch(/^\/en\/stores\?connected=tiktok&added=sto_/);

    const stores = await db().store.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { shopId: 'asc' } });
    expect(stores.map((store) => [store.shopId, store.shopCipher, store.name])).toEqual(shops.map((shop) => [shop.shopId, shop.cipher, shop.name]));
    for (const shop of shops) {
      expect((await fakeTikTok.state(shop.shopId)).webhooks).toEqual([{ address: `${app.url}/api/webhooks/tiktok`, event_type: 'ORDER_STATUS_CHANGE' }]);
    }
    await waitFor(async () => (await findOrders(tenant.tenantId)).length === 2, 'both shops backfilled');
    expect(openStoreCredentials(stores[0]!.credentials).refreshToken).toMatch(/^TTR_/);
  });

  it('refuses a replayed or forged callback', async () => {
    const tenant = await createTestTenant();
    const { callback } = await authorize(tenant);
    // Someone else, signed in, cannot finish a connection another member started.
    const stranger = await createTestTenant();
    await expect(completeTikTokConnect(callback.searchParams.get('code'), callback.searchParams.get('state'), stranger.userId)).rejects.toThrow(/member who started/);
    await expect(completeTikTokConnect(callback.searchParams.get('code'), callback.searchParams.get('state'), null)).rejects.toThrow(/member who started/);
    expect(await db().store.count({ where: { tenantId: { in: [tenant.tenantId, stranger.tenantId] } } })).toBe(0);
    await completeTikTokConnect(callback.searchParams.get('code'), callback.searchParams.get('state'), tenant.userId);
    await expect(completeTikTokConnect(callback.searchParams.get('code'), callback.searchParams.get('state'), tenant.userId)).rejects.toThrow(/already used/);
    await expect(completeTikTokConnect('any', 'forged.state', tenant.userId)).rejects.toThrow(/Invalid or expired/);
  });

  it('refreshes a token before it expires, and asks for reconnection once TikTok refuses it', async () => {
    const tenant = await createTestTenant();
    const { shops, callback } = await authorize(tenant);
    await completeTikTokConnect(callback.searchParams.get('code'), callback.searchParams.get('state'), tenant.userId);
    const store = await db().store.findFirstOrThrow({ where: { tenantId: tenant.tenantId, shopId: shops[0]!.shopId } });
    const credentials = openStoreCredentials(store.credentials);
    await db().store.update({
      where: { tenantId_id: { tenantId: tenant.tenantId, id: store.id } },
      data: { credentials: sealStoreCredentials({ ...credentials, accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString() }) },
    });
    const refreshed = await loadSyncStore(tenant.tenantId, store.id);
    expect(refreshed!.credentials.accessToken).not.toBe(credentials.accessToken);
    expect(refreshed!.credentials.refreshToken).not.toBe(credentials.refreshToken);
    // A request that still carried the retired token is refused: that does not break the store.
    expect(await markStoreNeedsReconnection(tenant.tenantId, store.id, { message: 'refused', refusedCredential: credentials.accessToken! })).toBe(false);
    expect((await db().store.findFirstOrThrow({ where: { tenantId: tenant.tenantId, id: store.id } })).status).toBe('active');
    expect(await reconcileStore(tenant.tenantId, store.id)).toMatchObject({ recovered: expect.any(Number) });
    // The other shop of the same authorization moved to the new tokens too.
    const sibling = await db().store.findFirstOrThrow({ where: { tenantId: tenant.tenantId, shopId: shops[1]!.shopId } });
    expect(openStoreCredentials(sibling.credentials).accessToken).toBe(refreshed!.credentials.accessToken);
    expect(await reconcileStore(tenant.tenantId, sibling.id)).toMatchObject({ recovered: expect.any(Number) });

    await fakeTikTok.revoke(shops[0]!.shopId);
    expect(await reconcileStore(tenant.tenantId, store.id)).toBe('needs_reconnection');
  });

  it('does not ask for reconnection when a job is refused the token a refresh in progress is replacing', async () => {
    const tenant = await createTestTenant();
    const { storeId, accessToken } = await addTikTokStore(tenant.tenantId);
    const where = { tenantId_id: { tenantId: tenant.tenantId, id: storeId } };
    let marked: Promise<boolean> | undefined;
    // The refresh holds its lock: TikTok has retired the old token, the new one is not saved yet.
    await withWaitingAdvisoryLock(tiktokTokenLock(tenant.tenantId), async () => {
      marked = markStoreNeedsReconnection(tenant.tenantId, storeId, { message: 'access token is invalid', refusedCredential: accessToken });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const current = openStoreCredentials((await db().store.findUniqueOrThrow({ where })).credentials);
      await db().store.update({ where, data: { credentials: sealStoreCredentials({ ...current, accessToken: `tok-${uniqueSuffix()}` }) } });
    });
    expect(await marked).toBe(false);
    expect((await db().store.findUniqueOrThrow({ where })).status).toBe('active');
  });
});
