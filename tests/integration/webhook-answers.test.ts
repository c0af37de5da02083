import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { shopifyHeaders, shopifyOrderBody } from '@/tests/fixtures/shopify';
import { wooHeaders, wooOrderBody } from '@/tests/fixtures/woocommerce';
import { tiktokHeaders } from '@/tests/fixtures/tiktok';
import { addShopifyStore, addWooStore, createTestTenant } from '@/tests/support/tenants';
import { findEvents } from '@/tests/support/orders';
import { startAppServer } from '@/tests/support/app-server';
import { streamedBody } from '@/tests/support/bad-input';
import { POST as postShopifyRoute } from '@/app/api/webhooks/shopify/route';
import { POST as postTikTokRoute } from '@/app/api/webhooks/tiktok/route';
import { POST as postWooRoute } from '@/app/api/webhooks/woocommerce/[storeId]/route';

const secret = () => process.env.SHOPIFY_API_SECRET!;
const oversized = 'x'.repeat(1024 * 1024 + 1);

type TPost = (path: string, headers: Record<string, string>, body: string) => Promise<Response>;

// Webhooks reach the same receivers two ways: the web server answers them from node:http before
// Next.js routes a request (production: scripts/web.mjs), and the route files answer them under
// `next dev`. Every answer below is asked of both.
let server: Awaited<ReturnType<typeof startAppServer>>;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(() => server.close());

const entries: Array<{ name: string; post: TPost }> = [
  {
    name: "the web server's webhook listener, over HTTP",
    post: (path, headers, body) => fetch(`${server.url}${path}`, { method: 'POST', headers, body }),
  },
  {
    name: 'the route handlers (next dev)',
    post: (path, headers, body) => {
      const request = new Request(`http://localhost${path}`, { method: 'POST', headers, body });
      if (path === '/api/webhooks/shopify') return postShopifyRoute(request);
      if (path === '/api/webhooks/tiktok') return postTikTokRoute(request);
      const storeId = decodeURIComponent(path.slice('/api/webhooks/woocommerce/'.length));
      return postWooRoute(request, { params: Promise.resolve({ storeId }) });
    },
  },
];

describe.each(entries)('webhook answers through $name', ({ post }) => {
  const postShopify = (headers: Record<string, string>, body: string) => post('/api/webhooks/shopify', headers, body);
  const postTikTok = (headers: Record<string, string>, body: string) => post('/api/webhooks/tiktok', headers, body);
  it('Shopify: 401 for a bad, missing or other-key signature and for an unknown shop, always the same body', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const body = shopifyOrderBody({ id: '7000000000001', number: 1 });
    const good = shopifyHeaders({ shopDomain, topic: 'orders/create', body, secret: secret() });
    const answers = [
      await postShopify({ ...good, 'x-shopify-hmac-sha256': createHmac('sha256', 'other').update(body).digest('base64') }, body),
      await postShopify(Object.fromEntries(Object.entries(good).filter(([name]) => name !== 'x-shopify-hmac-sha256')), body),
      await postShopify({ ...good, 'x-shopify-shop-domain': 'nobody.myshopify.com' }, body),
      await postShopify(good, body.replace('"#1"', '"#2"')),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(await findEvents(tenantId)).toEqual([]);
  });

  it('Shopify: 413 past 1 MiB, 400 for a signed body that is not JSON, nothing stored', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const tooBig = await postShopify(shopifyHeaders({ shopDomain, topic: 'orders/create', body: oversized, secret: secret() }), oversized);
    expect(tooBig.status).toBe(413);
    const exactlyOneMiB = `"${'y'.repeat(1024 * 1024 - 2)}"`;
    const atLimit = await postShopify(shopifyHeaders({ shopDomain, topic: 'shop/update', body: exactlyOneMiB, secret: secret() }), exactlyOneMiB);
    expect(atLimit.status).toBe(200);
    const notJson = '{"id": 1, oops';
    const malformed = await postShopify(shopifyHeaders({ shopDomain, topic: 'orders/create', body: notJson, secret: secret() }), notJson);
    expect(malformed.status).toBe(400);
    expect(await findEvents(tenantId)).toMatchObject([{ status: 'IGNORED', topic: 'shop/update' }]);
  });

  it('WooCommerce: 401 for an unknown store id, 413, 400, 200 for a repeat', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const postWoo = (storeId: string, headers: Record<string, string>, body: string) => post(`/api/webhooks/woocommerce/${encodeURIComponent(storeId)}`, headers, body);
    const body = wooOrderBody({ id: 501 });
    const headers = wooHeaders({ topic: 'order.created', body, secret: store.webhookSecret, source: store.siteUrl });
    expect((await postWoo('sto_unknown', headers, body)).status).toBe(401);
    expect((await postWoo(store.storeId, { ...headers, 'x-wc-webhook-signature': '' }, body)).status).toBe(401);
    expect((await postWoo(store.storeId, wooHeaders({ topic: 'order.created', body: oversized, secret: store.webhookSecret, source: store.siteUrl }), oversized)).status).toBe(413);
    expect((await postWoo(store.storeId, wooHeaders({ topic: 'order.created', body: 'nope', secret: store.webhookSecret, source: store.siteUrl }), 'nope')).status).toBe(400);
    expect((await postWoo(store.storeId, headers, body)).status).toBe(200);
    expect((await postWoo(store.storeId, headers, body)).status).toBe(200);
    expect(await findEvents(tenantId)).toHaveLength(1);
  });

  it('TikTok: 401 without a signature, 413, 400 for signed non-JSON', async () => {
    const key = process.env.TIKTOK_APP_KEY!;
    const appSecret = process.env.TIKTOK_APP_SECRET!;
    expect((await postTikTok({ 'content-type': 'application/json' }, '{"type":1}')).status).toBe(401);
    expect((await postTikTok(tiktokHeaders(oversized, key, appSecret), oversized)).status).toBe(413);
    expect((await postTikTok(tiktokHeaders('<xml/>', key, appSecret), '<xml/>')).status).toBe(400);
  });
});

describe("the web server's webhook listener", () => {
  it('answers with the headers of every /api answer, whatever the query string', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const body = shopifyOrderBody({ id: '7000000000077', number: 77 });
    const answer = await fetch(`${server.url}/api/webhooks/shopify?source=test`, {
      method: 'POST',
      headers: shopifyHeaders({ shopDomain, topic: 'orders/create', body, secret: secret() }),
      body,
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    expect(Object.fromEntries(['content-type', 'x-content-type-options', 'content-security-policy', 'cache-control'].map((name) => [name, answer.headers.get(name)]))).toEqual({
      'content-type': 'application/json',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
    expect(await findEvents(tenantId)).toMatchObject([{ status: 'QUEUED', topic: 'orders/create' }]);
  });

  it('stops reading a body sent in chunks without a length once it passes 1 MiB: 413, nothing stored', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const answer = await fetch(`${server.url}/api/webhooks/shopify`, {
      method: 'POST',
      headers: shopifyHeaders({ shopDomain, topic: 'orders/create', body: oversized, secret: secret() }),
      ...streamedBody(oversized),
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect((await answer.json()).error.code).toBe('payload_too_large');
    expect(await findEvents(tenantId)).toEqual([]);
  });

  it('answers 413 to a client that sends its whole oversized body before reading, as Next.js did', async () => {
    // A blocking client (PHP, curl): the request and all its body first, the answer after.
    const body = Buffer.alloc(4 * 1024 * 1024, 'x');
    const { port } = new URL(server.url);
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(received.split('\r\n')[0] || (error.code ?? error.message)));
      socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
      socket.pause(); // nothing is read until the whole body is written
      socket.write(`POST /api/webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body, () => {
        socket.on('data', (chunk) => {
          received += chunk.toString('latin1');
          if (received.includes('\r\n\r\n')) socket.destroy();
        });
        socket.resume();
      });
    });
    expect(outcome).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('leaves other methods and paths to Next.js', async () => {
    for (const [method, path] of [
      ['GET', '/api/webhooks/shopify'],
      ['POST', '/api/webhooks/shopify/extra'],
      ['POST', '/api/webhooks/woocommerce/'],
      ['POST', '/api/webhooks/woocommerce/%E0%A4%A'],
      ['POST', '/api/webhooks'],
    ] as const) {
      // The test server's stand-in for Next.js answers 404 to anything it has no route for.
      expect((await fetch(`${server.url}${path}`, { method, body: method === 'POST' ? '{}' : undefined })).status, `${method} ${path}`).toBe(404);
    }
  });

  it('finds a WooCommerce store by its percent-encoded id', async () => {
    const { tenantId } = await createTestTenant();
    const store = await addWooStore(tenantId);
    const body = wooOrderBody({ id: 502 });
    const headers = wooHeaders({ topic: 'order.created', body, secret: store.webhookSecret, source: store.siteUrl });
    const encoded = [...store.storeId].map((character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    expect((await fetch(`${server.url}/api/webhooks/woocommerce/${encoded}`, { method: 'POST', headers, body })).status).toBe(200);
    expect(await findEvents(tenantId)).toHaveLength(1);
  });
});
