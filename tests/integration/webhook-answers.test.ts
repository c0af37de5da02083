import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { shopifyHeaders, shopifyOrderBody } from '@/tests/fixtures/shopify';
import { wooHeaders, wooOrderBody } from '@/tests/fixtures/woocommerce';
import { tiktokHeaders } from '@/tests/fixtures/tiktok';
import { addShopifyStore, addWooStore, createTestTenant } from '@/tests/support/tenants';
import { findEvents } from '@/tests/support/orders';
import { POST as postShopify } from '@/app/api/webhooks/shopify/route';
import { POST as postTikTok } from '@/app/api/webhooks/tiktok/route';
import { POST as postWoo } from '@/app/api/webhooks/woocommerce/[storeId]/route';

const secret = () => process.env.SHOPIFY_API_SECRET!;
const oversized = 'x'.repeat(1024 * 1024 + 1);

function shopifyRequest(headers: Record<string, string>, body: string) {
  return new Request('http://localhost/api/webhooks/shopify', { method: 'POST', headers, body });
}

describe('webhook answers', () => {
  it('Shopify: 401 for a bad, missing or other-key signature and for an unknown shop, always the same body', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const body = shopifyOrderBody({ id: '7000000000001', number: 1 });
    const good = shopifyHeaders({ shopDomain, topic: 'orders/create', body, secret: secret() });
    const answers = [
      await postShopify(shopifyRequest({ ...good, 'x-shopify-hmac-sha256': createHmac('sha256', 'other').update(body).digest('base64') }, body)),
      await postShopify(shopifyRequest(Object.fromEntries(Object.entries(good).filter(([name]) => name !== 'x-shopify-hmac-sha256')), body)),
      await postShopify(shopifyRequest({ ...good, 'x-shopify-shop-domain': 'nobody.myshopify.com' }, body)),
      await postShopify(shopifyRequest(good, body.replace('"#1"', '"#2"'))),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(await findEvents(tenantId)).toEqual([]);
  });

  it('Shopify: 413 past 1 MiB, 400 for a signed body that is not JSON, nothing stored', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const tooBig = await postShopify(shopifyRequest(shopifyHeaders({ shopDomain, topic: 'orders/create', body: oversized, secret: secret() }), oversized));
    expect(tooBig.status).toBe(413);
    const exactlyOneMiB = `"${'y'.repeat(1024 * 1024 - 2)}"`;
    const atLimit = await postShopify(shopifyRequest(shopifyHeaders({ shopDomain, topic: 'shop/update', body: exactlyOneMiB, secret: secret() }), exactlyOneMiB));
    expect(atLimit.status).toBe(200);
    const notJson = '{"id": 1, oops';
    const malformed = await postShopify(shopifyRequest(shopifyHeaders({ shopDomain, topic: 'orders/create', body: notJson, secret: secret() }), notJson));
    expect(malformed.status).toBe(400);
    expect(await findEvents(tenantId)).toMatchObject([{ status: 'IGNORED', topic: 'shop/update' }]);
  });

  it('WooCommerce: 401 for an unknown store id, 413, 400, 200 for a repeat', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const post = (storeId: string, headers: Record<string, string>, body: string) =>
      postWoo(new Request(`http://localhost/api/webhooks/woocommerce/${storeId}`, { method: 'POST', headers, body }), { params: Promise.resolve({ storeId }) });
    const body = wooOrderBody({ id: 501 });
    const headers = wooHeaders({ topic: 'order.created', body, secret: store.webhookSecret, source: store.siteUrl });
    expect((await post('sto_unknown', headers, body)).status).toBe(401);
    expect((await post(store.storeId, { ...headers, 'x-wc-webhook-signature': '' }, body)).status).toBe(401);
    expect((await post(store.storeId, wooHeaders({ topic: 'order.created', body: oversized, secret: store.webhookSecret, source: store.siteUrl }), oversized)).status).toBe(413);
    expect((await post(store.storeId, wooHeaders({ topic: 'order.created', body: 'nope', secret: store.webhookSecret, source: store.siteUrl }), 'nope')).status).toBe(400);
    expect((await post(store.storeId, headers, body)).status).toBe(200);
    expect((await post(store.storeId, headers, body)).status).toBe(200);
    expect(await findEvents(tenantId)).toHaveLength(1);
  });

  it('TikTok: 401 without a signature, 413, 400 for signed non-JSON', async () => {
    const post = (headers: Record<string, string>, body: string) => postTikTok(new Request('http://localhost/api/webhooks/tiktok', { method: 'POST', headers, body }));
    const key = process.env.TIKTOK_APP_KEY!;
    const appSecret = process.env.TIKTOK_APP_SECRET!;
    expect((await post({ 'content-type': 'application/json' }, '{"type":1}')).status).toBe(401);
    expect((await post(tiktokHeaders(oversized, key, appSecret), oversized)).status).toBe(413);
    expect((await post(tiktokHeaders('<xml/>', key, appSecret), '<xml/>')).status).toBe(400);
  });
});
