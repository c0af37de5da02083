import { describe, expect, it } from 'vitest';
import { GET as openEmbedded } from '@/app/shopify/route';
import { auth } from '@/lib/auth/auth';
import { db } from '@/lib/db/client';
import { signSessionToken } from '@/tests/support/session-token';
import { addShopifyStore, createTestTenant, uniqueSuffix } from '@/tests/support/tenants';
import { fakeShopify } from '@/tests/support/fakes';
import { openStoreCredentials } from '@/lib/stores/store-credentials';

function open(query: string, headers: Record<string, string> = {}) {
  return openEmbedded(new Request(`http://localhost:3000/shopify${query}`, { headers }));
}

describe('embedded in Shopify admin', () => {
  it('signs in from a valid session token and lets only that shop frame the app', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain, storeId } = await addShopifyStore(tenantId);
    await fakeShopify.addShop(shopDomain);
    const response = await open(`?shop=${shopDomain}&id_token=${signSessionToken(shopDomain)}`, { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/fr/orders?store=${storeId}`);
    expect(response.headers.get('content-security-policy')).toBe(`frame-ancestors https://${shopDomain} https://admin.shopify.com`);
    const sessionCookie = response.headers.getSetCookie().find((cookie) => cookie.includes('session_token'))!;
    expect(sessionCookie).toMatch(/SameSite=None/i);
    expect(sessionCookie).toMatch(/Secure/i);
    expect(sessionCookie).toMatch(/Partitioned/i);
    const session = await auth().api.getSession({ headers: new Headers({ cookie: sessionCookie.split(';')[0]! }) });
    const membership = await db().membership.findFirst({ where: { tenantId, userId: session!.user.id } });
    expect(membership?.role).toBe('owner');
    // The store had no token: the session token was exchanged for an offline one, webhooks subscribed.
    const store = await db().store.findFirst({ where: { tenantId, id: storeId } });
    expect(openStoreCredentials(store!.credentials).accessToken).toBe((await fakeShopify.state(shopDomain)).accessToken);
    expect((await fakeShopify.state(shopDomain)).subscriptions.map((subscription) => subscription.topic).sort()).toEqual([
      'APP_UNINSTALLED',
      'ORDERS_CANCELLED',
      'ORDERS_CREATE',
      'ORDERS_UPDATED',
    ]);
  });

  it('connects a shop that installed the app from Shopify into an account of its own', async () => {
    const shopDomain = `installed-${uniqueSuffix()}.myshopify.com`;
    await fakeShopify.addShop(shopDomain);
    const response = await open(`?id_token=${signSessionToken(shopDomain)}`);
    expect(response.status).toBe(303);
    const store = await db().store.findFirst({ where: { shopDomain }, include: { tenant: true } });
    expect(store?.status).toBe('active');
    expect(store?.tenant.name).toBe(shopDomain.replace('.myshopify.com', ''));
    expect(await db().membership.count({ where: { tenantId: store!.tenantId, role: 'owner' } })).toBe(1);
  });

  it('accepts the token as a Bearer header, and maps the same Shopify user to the same hub user', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    await fakeShopify.addShop(shopDomain);
    const first = await open('', { authorization: `Bearer ${signSessionToken(shopDomain, { subject: '77' })}` });
    const second = await open('', { authorization: `Bearer ${signSessionToken(shopDomain, { subject: '77' })}` });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(await db().account.count({ where: { providerId: 'shopify', accountId: `${shopDomain}:77` } })).toBe(1);
  });

  it('refuses expired, forged, wrong-audience and unknown-shop tokens', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const refused = [
      signSessionToken(shopDomain, { expiresInSeconds: -120 }),
      signSessionToken(shopDomain, { secret: 'not-the-app-secret' }),
      signSessionToken(shopDomain, { audience: 'another-app' }),
      signSessionToken('nobody-here.myshopify.com'),
      'not.a.jwt',
    ];
    for (const token of refused) {
      const response = await open(`?id_token=${token}`, { 'accept-language': 'de' });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('Dieser Link ist ungültig. Öffnen Sie die App erneut aus Ihrem Shopify-Adminbereich.');
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    }
    expect((await open('')).status).toBe(401);
  });
});
