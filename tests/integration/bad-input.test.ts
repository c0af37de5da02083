import { createHmac, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postShopify } from '@/app/api/webhooks/shopify/route';
import { POST as postWoo } from '@/app/api/webhooks/woocommerce/[storeId]/route';
import { POST as postTikTok } from '@/app/api/webhooks/tiktok/route';
import { GET as listOrdersRoute } from '@/app/api/v1/orders/route';
import { GET as getOrderRoute } from '@/app/api/v1/orders/[id]/route';
import { GET as listStoresRoute } from '@/app/api/v1/stores/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...all]/route';
import { GET as openEmbedded } from '@/app/shopify/route';
import { GET as downloadDataRequest } from '@/app/api/stores/data-requests/[id]/route';
import { GET as shopifyInstall } from '@/app/api/stores/shopify/install/route';
import { GET as shopifyCallback } from '@/app/api/stores/shopify/callback/route';
import { GET as syncStatus } from '@/app/api/stores/sync-status/route';
import { GET as tiktokConnect } from '@/app/api/stores/tiktok/connect/route';
import { GET as tiktokCallback } from '@/app/api/stores/tiktok/callback/route';
import { GET as wooConnect } from '@/app/api/stores/woocommerce/connect/route';
import { POST as wooCallback } from '@/app/api/stores/woocommerce/callback/route';
import { GET as aliexpressConnect } from '@/app/api/suppliers/aliexpress/connect/route';
import { GET as aliexpressCallback } from '@/app/api/suppliers/aliexpress/callback/route';
import { shopifyHeaders, shopifyOrderBody } from '@/tests/fixtures/shopify';
import { wooHeaders, wooOrderBody } from '@/tests/fixtures/woocommerce';
import { tiktokHeaders, tiktokNotificationBody } from '@/tests/fixtures/tiktok';
import { appUrl as authAppUrl } from '@/lib/auth/app-url';
import { signSessionToken } from '@/tests/support/session-token';
import { addShopifyStore, addTikTokStore, addWooStore, createTestTenant, uniqueSuffix } from '@/tests/support/tenants';
import { createPrivateDatabase } from '@/tests/support/private-database';
import { changedTables, countRows, listRouteFiles, oneMiBPlusOne, streamedBody } from '@/tests/support/bad-input';

// Bad input on every route: forged and missing signatures, wrong content types, 1 MiB + 1 byte,
// malformed JSON, unknown stores, replays, forged keys and tokens. Each case asserts its status,
// and that no row was written: every table is counted before and after, in a database of this
// file's own (so the test files running alongside cannot move the counts) and with a queue no
// worker reads (so no job writes behind our back).
//
// New route? Add a row to `routes` below: the first test fails until every route file under app/
// has one.

type TWorld = {
  tenantId: string;
  apiKey: string;
  shopify: { storeId: string; shopDomain: string };
  woo: { storeId: string; siteUrl: string; webhookSecret: string };
  tiktok: { storeId: string; shopId: string; shopCipher: string; accessToken: string };
};

type TCase = {
  name: string;
  status: number;
  /** Runs before the rows are counted: a first delivery for a replay, a session to sign out. */
  prepare?: (world: TWorld) => Promise<unknown>;
  send: (world: TWorld, prepared: unknown) => Promise<Response>;
  /** Tables a refusal may touch on purpose: better-auth's rate limiter counts every attempt. */
  mayWrite?: string[];
  /** More about the answer than its status. */
  expectBody?: (body: string) => void;
};

type TRoute = { file: string; cases: TCase[] };

// ── requests ────────────────────────────────────────────────────────────────────────────────

const appUrl = 'http://localhost:3000';
const shopifySecret = () => process.env.SHOPIFY_API_SECRET!;
const tiktokKey = () => process.env.TIKTOK_APP_KEY!;
const tiktokSecret = () => process.env.TIKTOK_APP_SECRET!;

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

function shopify(headers: Record<string, string>, body: BodyInit | { body: ReadableStream<Uint8Array>; duplex: 'half' }) {
  const init = typeof body === 'object' && body !== null && 'duplex' in body ? body : { body };
  return postShopify(new Request(`${appUrl}/api/webhooks/shopify`, { method: 'POST', headers, ...init } as RequestInit));
}

function signedShopify(world: TWorld, body: string, overrides: Record<string, string> = {}) {
  return { ...shopifyHeaders({ shopDomain: world.shopify.shopDomain, topic: 'orders/create', body, secret: shopifySecret() }), ...overrides };
}

function woo(storeId: string, headers: Record<string, string>, body: BodyInit | { body: ReadableStream<Uint8Array>; duplex: 'half' }) {
  const init = typeof body === 'object' && body !== null && 'duplex' in body ? body : { body };
  return postWoo(new Request(`${appUrl}/api/webhooks/woocommerce/${storeId}`, { method: 'POST', headers, ...init } as RequestInit), {
    params: Promise.resolve({ storeId }),
  });
}

function signedWoo(world: TWorld, body: string, overrides: Record<string, string> = {}) {
  return { ...wooHeaders({ topic: 'order.created', body, secret: world.woo.webhookSecret, source: world.woo.siteUrl }), ...overrides };
}

function tiktok(headers: Record<string, string>, body: BodyInit | { body: ReadableStream<Uint8Array>; duplex: 'half' }) {
  const init = typeof body === 'object' && body !== null && 'duplex' in body ? body : { body };
  return postTikTok(new Request(`${appUrl}/api/webhooks/tiktok`, { method: 'POST', headers, ...init } as RequestInit));
}

const tiktokBody = (world: TWorld, overrides: { shopId?: string } = {}) =>
  tiktokNotificationBody({ shopId: overrides.shopId ?? world.tiktok.shopId, orderId: '576461413038785752', updateTime: 1_795_000_000, notificationId: randomUUID() });

function api(route: (request: Request, context: { params: Promise<never> }) => Promise<Response>, path: string, authorization?: string, params: object = {}) {
  const request = new Request(`${appUrl}${path}`, { headers: authorization === undefined ? {} : { authorization } });
  return route(request, { params: Promise.resolve(params as never) });
}

let ipCounter = 0;
/** Each auth case comes from an address of its own, so the sign-in rate limit never decides a status. */
function clientIp(): string {
  ipCounter++;
  return `10.77.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

/** A request to better-auth, from the app's own origin unless the case says otherwise. */
function authRequest(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
  const request = new Request(`${authAppUrl()}/api/auth${path}`, {
    method: init.method ?? 'POST',
    headers: { origin: authAppUrl(), 'x-forwarded-for': clientIp(), ...init.headers },
    body: init.body,
  });
  return (request.method === 'GET' ? authGet : authPost)(request);
}

const signInBody = (email = `nobody-${uniqueSuffix()}@example.test`, password = 'a long wrong password') => JSON.stringify({ email, password });

function embedded(query: string, headers: Record<string, string> = {}) {
  return openEmbedded(new Request(`${appUrl}/shopify${query}`, { headers }));
}

const expectCode = (code: string) => (body: string) => expect(JSON.parse(body)).toMatchObject({ error: { code } });

/** A dashboard route called as the browser calls it: with or without the owner's session cookie. */
function dashboard(route: (request: Request, context: { params: Promise<never> }) => Promise<Response>, path: string, cookie?: string, params: object = {}) {
  return route(new Request(`${appUrl}${path}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve(params as never) });
}

/** The signed-in owner's session cookie (signing in writes a session row: done in `prepare`). */
async function ownerCookie(): Promise<string> {
  const { tenant } = await signedInOwner();
  const signedIn = await authRequest('/sign-in/email', { headers: { 'content-type': 'application/json' }, body: signInBody(tenant.email, tenant.password) });
  expect(signedIn.status).toBe(200);
  return signedIn.headers.getSetCookie().find((value) => value.includes('session_token'))!.split(';')[0]!;
}

const forgedCookie = 'better-auth.session_token=forged.signature';

/** The session routes all refuse a missing or forged session the same way. */
function sessionCases(route: Parameters<typeof dashboard>[0], path: string, params: object = {}): TCase[] {
  return [
    { name: 'no session', status: 401, mayWrite: ['rate_limits'], send: () => dashboard(route, path, undefined, params), expectBody: expectCode('unauthorized') },
    { name: 'a forged session cookie', status: 401, mayWrite: ['rate_limits'], send: () => dashboard(route, path, forgedCookie, params) },
  ];
}

// ── the table ───────────────────────────────────────────────────────────────────────────────

const routes: TRoute[] = [
  {
    file: 'app/api/webhooks/shopify/route.ts',
    cases: [
      {
        name: 'forged signature (another secret)',
        status: 401,
        send: (world) => {
          const body = shopifyOrderBody({ id: '7100000000001', number: 1 });
          return shopify(signedShopify(world, body, { 'x-shopify-hmac-sha256': createHmac('sha256', 'forged').update(body).digest('base64') }), body);
        },
        expectBody: expectCode('unauthorized'),
      },
      {
        name: 'missing signature',
        status: 401,
        send: (world) => {
          const body = shopifyOrderBody({ id: '7100000000002', number: 2 });
          return shopify(withoutHeader(signedShopify(world, body), 'x-shopify-hmac-sha256'), body);
        },
      },
      {
        name: 'body changed after signing',
        status: 401,
        send: (world) => {
          const body = shopifyOrderBody({ id: '7100000000003', number: 3 });
          return shopify(signedShopify(world, body), body.replace('"#3"', '"#4"'));
        },
      },
      {
        name: 'unknown shop',
        status: 401,
        send: () => {
          const body = shopifyOrderBody({ id: '7100000000004', number: 5 });
          return shopify(shopifyHeaders({ shopDomain: 'nobody-here.myshopify.com', topic: 'orders/create', body, secret: shopifySecret() }), body);
        },
      },
      {
        name: 'no shop domain',
        status: 401,
        send: (world) => {
          const body = shopifyOrderBody({ id: '7100000000005', number: 6 });
          return shopify(withoutHeader(signedShopify(world, body), 'x-shopify-shop-domain'), body);
        },
      },
      {
        name: 'wrong content type: signed JSON sent as text/plain',
        status: 415,
        send: (world) => {
          const body = shopifyOrderBody({ id: '7100000000006', number: 7 });
          return shopify(signedShopify(world, body, { 'content-type': 'text/plain' }), body);
        },
        expectBody: expectCode('unsupported_media_type'),
      },
      {
        name: 'wrong content type: signed form data',
        status: 415,
        send: (world) => shopify(signedShopify(world, 'id=1&name=%231', { 'content-type': 'application/x-www-form-urlencoded' }), 'id=1&name=%231'),
      },
      { name: '1 MiB + 1 byte, signed', status: 413, send: (world) => shopify(signedShopify(world, oneMiBPlusOne), oneMiBPlusOne), expectBody: expectCode('payload_too_large') },
      {
        name: '1 MiB + 1 byte, streamed without Content-Length',
        status: 413,
        send: (world) => shopify(signedShopify(world, oneMiBPlusOne), streamedBody(oneMiBPlusOne)),
      },
      { name: 'malformed JSON, signed', status: 400, send: (world) => shopify(signedShopify(world, '{"id": 1, "name": '), '{"id": 1, "name": '), expectBody: expectCode('bad_request') },
      { name: 'empty body, signed', status: 401, send: (world) => shopify(signedShopify(world, ''), '') },
      {
        name: 'replay of a delivery already accepted',
        status: 200,
        prepare: async (world) => {
          const body = shopifyOrderBody({ id: '7100000000007', number: 8 });
          const headers = signedShopify(world, body);
          expect((await shopify(headers, body)).status).toBe(200);
          return { body, headers };
        },
        send: (_world, prepared) => {
          const { body, headers } = prepared as { body: string; headers: Record<string, string> };
          return shopify(headers, body);
        },
        expectBody: (body) => expect(JSON.parse(body)).toEqual({ ok: true, duplicate: true }),
      },
    ],
  },
  {
    file: 'app/api/webhooks/woocommerce/[storeId]/route.ts',
    cases: [
      {
        name: 'forged signature (another secret)',
        status: 401,
        send: (world) => {
          const body = wooOrderBody({ id: 801 });
          return woo(world.woo.storeId, signedWoo(world, body, { 'x-wc-webhook-signature': createHmac('sha256', 'forged').update(body).digest('base64') }), body);
        },
        expectBody: expectCode('unauthorized'),
      },
      {
        name: 'missing signature',
        status: 401,
        send: (world) => {
          const body = wooOrderBody({ id: 802 });
          return woo(world.woo.storeId, withoutHeader(signedWoo(world, body), 'x-wc-webhook-signature'), body);
        },
      },
      {
        name: "another store's secret",
        status: 401,
        send: (world) => {
          const body = wooOrderBody({ id: 803 });
          return woo(world.woo.storeId, wooHeaders({ topic: 'order.created', body, secret: 'secret-of-another-store', source: world.woo.siteUrl }), body);
        },
      },
      {
        name: 'unknown store id',
        status: 401,
        send: (world) => {
          const body = wooOrderBody({ id: 804 });
          return woo('sto_unknown00000000000000000000', signedWoo(world, body), body);
        },
      },
      {
        name: 'a path segment that is no store id at all',
        status: 401,
        send: (world) => {
          const body = wooOrderBody({ id: 805 });
          return woo(`'; DROP TABLE stores; --${'x'.repeat(300)}`, signedWoo(world, body), body);
        },
      },
      {
        name: 'a store id with a NUL',
        status: 401,
        send: (world) => {
          const body = wooOrderBody({ id: 808 });
          return woo(`${world.woo.storeId}\u0000`, signedWoo(world, body), body);
        },
      },
      {
        name: 'wrong content type: signed JSON sent as text/plain',
        status: 415,
        send: (world) => {
          const body = wooOrderBody({ id: 806 });
          return woo(world.woo.storeId, signedWoo(world, body, { 'content-type': 'text/plain' }), body);
        },
        expectBody: expectCode('unsupported_media_type'),
      },
      { name: '1 MiB + 1 byte, signed', status: 413, send: (world) => woo(world.woo.storeId, signedWoo(world, oneMiBPlusOne), oneMiBPlusOne) },
      {
        name: '1 MiB + 1 byte, streamed without Content-Length',
        status: 413,
        send: (world) => woo(world.woo.storeId, signedWoo(world, oneMiBPlusOne), streamedBody(oneMiBPlusOne)),
      },
      { name: 'malformed JSON, signed', status: 400, send: (world) => woo(world.woo.storeId, signedWoo(world, '{"id": 9'), '{"id": 9') },
      {
        name: 'a ping-looking body with a topic but no signature',
        status: 401,
        send: (world) => woo(world.woo.storeId, { 'x-wc-webhook-topic': 'order.created', 'content-type': 'application/x-www-form-urlencoded' }, 'webhook_id=7'),
      },
      {
        // Not bad input: WooCommerce pings a new webhook unsigned and needs exactly 200. It writes nothing.
        name: 'the unsigned ping of a new webhook',
        status: 200,
        send: (world) => woo(world.woo.storeId, { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WooCommerce/9.4.0 Hookshot' }, 'webhook_id=7'),
      },
      {
        name: 'replay of a delivery already accepted (a new delivery id, as WooCommerce sends)',
        status: 200,
        prepare: async (world) => {
          const body = wooOrderBody({ id: 807 });
          expect((await woo(world.woo.storeId, signedWoo(world, body), body)).status).toBe(200);
          return body;
        },
        send: (world, body) => woo(world.woo.storeId, signedWoo(world, body as string), body as string),
        expectBody: (body) => expect(JSON.parse(body)).toEqual({ ok: true, duplicate: true }),
      },
    ],
  },
  {
    file: 'app/api/webhooks/tiktok/route.ts',
    cases: [
      {
        name: 'forged signature (another secret)',
        status: 401,
        send: (world) => {
          const body = tiktokBody(world);
          return tiktok(tiktokHeaders(body, tiktokKey(), 'forged-secret'), body);
        },
        expectBody: expectCode('unauthorized'),
      },
      {
        name: 'missing signature',
        status: 401,
        send: (world) => {
          const body = tiktokBody(world);
          return tiktok(withoutHeader(tiktokHeaders(body, tiktokKey(), tiktokSecret()), 'authorization'), body);
        },
      },
      {
        name: 'signature behind a Bearer prefix',
        status: 401,
        send: (world) => {
          const body = tiktokBody(world);
          const headers = tiktokHeaders(body, tiktokKey(), tiktokSecret());
          return tiktok({ ...headers, authorization: `Bearer ${headers.authorization}` }, body);
        },
      },
      {
        name: 'unknown shop, signed',
        status: 401,
        send: (world) => {
          const body = tiktokBody(world, { shopId: '7495000000000000000' });
          return tiktok(tiktokHeaders(body, tiktokKey(), tiktokSecret()), body);
        },
      },
      {
        name: 'a shop id with a NUL, signed',
        status: 401,
        send: (world) => {
          const body = tiktokBody(world, { shopId: `${world.tiktok.shopId}\u0000` });
          return tiktok(tiktokHeaders(body, tiktokKey(), tiktokSecret()), body);
        },
      },
      {
        name: 'wrong content type: signed JSON sent as multipart/form-data',
        status: 415,
        send: (world) => {
          const body = tiktokBody(world);
          return tiktok({ ...tiktokHeaders(body, tiktokKey(), tiktokSecret()), 'content-type': 'multipart/form-data; boundary=x' }, body);
        },
        expectBody: expectCode('unsupported_media_type'),
      },
      { name: '1 MiB + 1 byte, signed', status: 413, send: () => tiktok(tiktokHeaders(oneMiBPlusOne, tiktokKey(), tiktokSecret()), oneMiBPlusOne) },
      {
        name: '1 MiB + 1 byte, streamed without Content-Length',
        status: 413,
        send: () => tiktok(tiktokHeaders(oneMiBPlusOne, tiktokKey(), tiktokSecret()), streamedBody(oneMiBPlusOne)),
      },
      { name: 'malformed JSON, signed', status: 400, send: () => tiktok(tiktokHeaders('{"type":1,', tiktokKey(), tiktokSecret()), '{"type":1,') },
      { name: 'a JSON array, signed', status: 400, send: () => tiktok(tiktokHeaders('[1,2]', tiktokKey(), tiktokSecret()), '[1,2]') },
      {
        name: 'replay of a notification already accepted',
        status: 200,
        prepare: async (world) => {
          const body = tiktokBody(world);
          expect((await tiktok(tiktokHeaders(body, tiktokKey(), tiktokSecret()), body)).status).toBe(200);
          return body;
        },
        send: (_world, body) => tiktok(tiktokHeaders(body as string, tiktokKey(), tiktokSecret()), body as string),
        expectBody: (body) => expect(JSON.parse(body)).toEqual({ ok: true, duplicate: true }),
      },
    ],
  },
  {
    file: 'app/api/v1/orders/route.ts',
    cases: [
      { name: 'no API key', status: 401, send: () => api(listOrdersRoute, '/api/v1/orders'), expectBody: expectCode('unauthorized') },
      { name: 'forged API key', status: 401, send: () => api(listOrdersRoute, '/api/v1/orders', `Bearer ohk_${'A'.repeat(43)}`) },
      { name: 'the key in another scheme', status: 401, send: (world) => api(listOrdersRoute, '/api/v1/orders', `Basic ${world.apiKey}`) },
      { name: 'the key with trailing junk', status: 401, send: (world) => api(listOrdersRoute, '/api/v1/orders', `Bearer ${world.apiKey} extra`) },
      { name: '1 MiB + 1 byte Authorization header', status: 401, send: () => api(listOrdersRoute, '/api/v1/orders', `Bearer ohk_${oneMiBPlusOne}`) },
      { name: 'unknown status filter', status: 422, send: (world) => api(listOrdersRoute, '/api/v1/orders?status=shipped', `Bearer ${world.apiKey}`), expectBody: expectCode('unprocessable') },
      { name: 'limit out of range', status: 422, send: (world) => api(listOrdersRoute, '/api/v1/orders?limit=0', `Bearer ${world.apiKey}`) },
      { name: 'limit not a number', status: 422, send: (world) => api(listOrdersRoute, '/api/v1/orders?limit=ten', `Bearer ${world.apiKey}`) },
      { name: 'search text over 200 characters', status: 422, send: (world) => api(listOrdersRoute, `/api/v1/orders?q=${'a'.repeat(201)}`, `Bearer ${world.apiKey}`) },
      { name: 'cursor that is not one', status: 400, send: (world) => api(listOrdersRoute, '/api/v1/orders?cursor=not-a-cursor', `Bearer ${world.apiKey}`), expectBody: expectCode('bad_request') },
      {
        name: 'cursor of valid JSON in the wrong shape',
        status: 400,
        send: (world) => api(listOrdersRoute, `/api/v1/orders?cursor=${Buffer.from('{"a":1}').toString('base64url')}`, `Bearer ${world.apiKey}`),
      },
      { name: 'a NUL in the search text', status: 400, send: (world) => api(listOrdersRoute, '/api/v1/orders?q=%00', `Bearer ${world.apiKey}`), expectBody: expectCode('bad_request') },
      { name: 'a NUL in the store filter', status: 400, send: (world) => api(listOrdersRoute, '/api/v1/orders?store=sto_%00', `Bearer ${world.apiKey}`) },
      {
        name: 'a cursor naming an id with a NUL',
        status: 400,
        send: (world) => api(listOrdersRoute, `/api/v1/orders?cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'ord_\u0000'])).toString('base64url')}`, `Bearer ${world.apiKey}`),
      },
      {
        name: 'SQL in the search text is only text',
        status: 200,
        send: (world) => api(listOrdersRoute, `/api/v1/orders?q=${encodeURIComponent("'; DROP TABLE orders; --")}`, `Bearer ${world.apiKey}`),
        expectBody: (body) => expect(JSON.parse(body)).toEqual({ data: [], nextCursor: null }),
      },
    ],
  },
  {
    file: 'app/api/v1/orders/[id]/route.ts',
    cases: [
      { name: 'no API key', status: 401, send: () => api(getOrderRoute, '/api/v1/orders/ord_x', undefined, { id: 'ord_x' }) },
      { name: 'forged API key', status: 401, send: () => api(getOrderRoute, '/api/v1/orders/ord_x', 'Bearer ohk_forged', { id: 'ord_x' }) },
      { name: 'unknown order id', status: 404, send: (world) => api(getOrderRoute, '/api/v1/orders/ord_unknown', `Bearer ${world.apiKey}`, { id: 'ord_unknown' }), expectBody: expectCode('not_found') },
      {
        name: 'an id of quotes, unicode and NUL',
        status: 404,
        send: (world) => api(getOrderRoute, '/api/v1/orders/x', `Bearer ${world.apiKey}`, { id: "ord_'; DROP TABLE orders; -- 😀\u0000" }),
      },
      { name: 'an id of 1 MiB + 1 byte', status: 404, send: (world) => api(getOrderRoute, '/api/v1/orders/x', `Bearer ${world.apiKey}`, { id: oneMiBPlusOne }) },
    ],
  },
  {
    file: 'app/api/v1/stores/route.ts',
    cases: [
      { name: 'no API key', status: 401, send: () => api(listStoresRoute, '/api/v1/stores') },
      { name: 'forged API key', status: 401, send: () => api(listStoresRoute, '/api/v1/stores', `Bearer ohk_${'B'.repeat(43)}`) },
      { name: 'an empty Bearer', status: 401, send: () => api(listStoresRoute, '/api/v1/stores', 'Bearer ') },
    ],
  },
  {
    file: 'app/api/health/route.ts',
    cases: [
      {
        // It reads no input at all: whatever is sent, it only reports and writes nothing.
        name: 'any request',
        status: 200,
        send: () => healthRoute(),
        expectBody: (body) => expect(JSON.parse(body)).toEqual({ status: 'ok', postgres: 'up', redis: 'up' }),
      },
    ],
  },
  {
    file: 'app/api/auth/[...all]/route.ts',
    cases: [
      { name: 'sign-in with malformed JSON', status: 400, mayWrite: ['rate_limits'], send: () => authRequest('/sign-in/email', { headers: { 'content-type': 'application/json' }, body: '{"email": "a@example.test", ' }) },
      { name: 'sign-in as text/plain', status: 415, mayWrite: ['rate_limits'], send: () => authRequest('/sign-in/email', { headers: { 'content-type': 'text/plain' }, body: signInBody() }) },
      {
        name: 'sign-in of 1 MiB + 1 byte',
        status: 413,
        send: () => authRequest('/sign-in/email', { headers: { 'content-type': 'application/json' }, body: signInBody('a@example.test', oneMiBPlusOne) }),
        expectBody: expectCode('payload_too_large'),
      },
      { name: 'sign-in without its fields', status: 400, mayWrite: ['rate_limits'], send: () => authRequest('/sign-in/email', { headers: { 'content-type': 'application/json' }, body: '{}' }) },
      { name: 'sign-in from a foreign origin', status: 403, mayWrite: ['rate_limits'], send: () => authRequest('/sign-in/email', { headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: signInBody() }) },
      {
        name: 'sign-in by a cross-site form, no Origin',
        status: 403,
        mayWrite: ['rate_limits'],
        send: () =>
          authRequest('/sign-in/email', {
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: '', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
            body: 'email=a%40example.test&password=a+long+password',
          }),
      },
      {
        name: 'a session cookie sent from a foreign origin',
        status: 403,
        mayWrite: ['rate_limits'],
        send: () => authRequest('/sign-out', { headers: { origin: 'https://evil.example', cookie: 'better-auth.session_token=stolen.cookie' } }),
      },
      { name: 'sign-in of an unknown user', status: 401, mayWrite: ['rate_limits'], send: () => authRequest('/sign-in/email', { headers: { 'content-type': 'application/json' }, body: signInBody() }) },
      {
        name: 'sign-up, which is switched off',
        status: 400,
        mayWrite: ['rate_limits'],
        send: () => authRequest('/sign-up/email', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `new-${uniqueSuffix()}@example.test`, password: 'a-long-password', name: 'New' }) }),
      },
      {
        name: 'a forged session cookie',
        status: 200,
        mayWrite: ['rate_limits'],
        send: () => authRequest('/get-session', { method: 'GET', headers: { cookie: '__Secure-better-auth.session_token=forged.signature; better-auth.session_token=forged.signature' } }),
        expectBody: (body) => expect(JSON.parse(body)).toBeNull(),
      },
      {
        name: 'replay of a session cookie after sign-out',
        status: 200,
        mayWrite: ['rate_limits'],
        prepare: async () => {
          const { tenant } = await signedInOwner();
          const signedIn = await authRequest('/sign-in/email', { headers: { 'content-type': 'application/json' }, body: signInBody(tenant.email, tenant.password) });
          expect(signedIn.status).toBe(200);
          const cookie = signedIn.headers.getSetCookie().find((value) => value.includes('session_token'))!.split(';')[0]!;
          expect((await authRequest('/sign-out', { headers: { cookie } })).status).toBe(200);
          return cookie;
        },
        send: (_world, cookie) => authRequest('/get-session', { method: 'GET', headers: { cookie: cookie as string } }),
        expectBody: (body) => expect(JSON.parse(body)).toBeNull(),
      },
      { name: 'an endpoint that does not exist', status: 404, mayWrite: ['rate_limits'], send: () => authRequest('/no-such-endpoint', { method: 'GET' }) },
    ],
  },
  {
    file: 'app/shopify/route.ts',
    cases: [
      { name: 'no session token', status: 401, mayWrite: ['rate_limits'], send: () => embedded('') },
      { name: 'forged session token (another secret)', status: 401, mayWrite: ['rate_limits'], send: (world) => embedded(`?id_token=${signSessionToken(world.shopify.shopDomain, { secret: 'forged' })}`) },
      { name: 'expired session token', status: 401, mayWrite: ['rate_limits'], send: (world) => embedded(`?id_token=${signSessionToken(world.shopify.shopDomain, { expiresInSeconds: -120 })}`) },
      { name: "another app's session token", status: 401, mayWrite: ['rate_limits'], send: (world) => embedded(`?id_token=${signSessionToken(world.shopify.shopDomain, { audience: 'another-app' })}`) },
      { name: 'session token of an unknown shop', status: 401, mayWrite: ['rate_limits'], send: () => embedded(`?id_token=${signSessionToken('nobody-here.myshopify.com')}`) },
      { name: 'a token that is no JWT', status: 401, mayWrite: ['rate_limits'], send: () => embedded('?id_token=not.a.jwt') },
      { name: 'a Bearer token of 1 MiB + 1 byte', status: 401, mayWrite: ['rate_limits'], send: () => embedded('', { authorization: `Bearer ${oneMiBPlusOne}` }) },
    ],
  },
  {
    file: 'app/api/stores/data-requests/[id]/route.ts',
    cases: [
      ...sessionCases(downloadDataRequest, '/api/stores/data-requests/drq_x', { id: 'drq_x' }),
      { name: 'an unknown id', status: 404, mayWrite: ['rate_limits'], prepare: ownerCookie, send: (_world, cookie) => dashboard(downloadDataRequest, '/api/stores/data-requests/drq_unknown', cookie as string, { id: 'drq_unknown' }) },
      { name: 'an id with a NUL', status: 404, mayWrite: ['rate_limits'], prepare: ownerCookie, send: (_world, cookie) => dashboard(downloadDataRequest, '/api/stores/data-requests/x', cookie as string, { id: 'drq_\u0000' }) },
    ],
  },
  {
    file: 'app/api/stores/sync-status/route.ts',
    cases: sessionCases(syncStatus, '/api/stores/sync-status'),
  },
  {
    file: 'app/api/stores/shopify/install/route.ts',
    cases: [
      ...sessionCases(shopifyInstall, '/api/stores/shopify/install?shop=acme.myshopify.com'),
      { name: 'a shop that is not a myshopify.com domain', status: 422, mayWrite: ['rate_limits'], prepare: ownerCookie, send: (_world, cookie) => dashboard(shopifyInstall, '/api/stores/shopify/install?shop=evil.example%2F%40acme.myshopify.com', cookie as string) },
    ],
  },
  {
    file: 'app/api/stores/shopify/callback/route.ts',
    cases: [
      ...sessionCases(shopifyCallback, '/api/stores/shopify/callback?code=x&shop=acme.myshopify.com&state=x'),
      { name: 'a forged HMAC and state', status: 400, mayWrite: ['rate_limits'], prepare: ownerCookie, send: (_world, cookie) => dashboard(shopifyCallback, '/api/stores/shopify/callback?code=x&hmac=00&shop=acme.myshopify.com&state=forged&timestamp=1', cookie as string) },
    ],
  },
  {
    file: 'app/api/stores/tiktok/connect/route.ts',
    cases: sessionCases(tiktokConnect, '/api/stores/tiktok/connect'),
  },
  {
    file: 'app/api/stores/tiktok/callback/route.ts',
    cases: [
      { name: 'no code and no state', status: 401, send: () => tiktokCallback(new Request(`${appUrl}/api/stores/tiktok/callback`)) },
      { name: 'a forged state', status: 401, send: () => tiktokCallback(new Request(`${appUrl}/api/stores/tiktok/callback?code=c&state=forged.state`)) },
    ],
  },
  {
    file: 'app/api/stores/woocommerce/connect/route.ts',
    cases: [
      ...sessionCases(wooConnect, '/api/stores/woocommerce/connect?url=https%3A%2F%2Fshop.example'),
      { name: 'an address that is no web site', status: 422, mayWrite: ['rate_limits'], prepare: ownerCookie, send: (_world, cookie) => dashboard(wooConnect, '/api/stores/woocommerce/connect?url=javascript%3Aalert(1)', cookie as string) },
    ],
  },
  {
    file: 'app/api/stores/woocommerce/callback/route.ts',
    cases: [
      { name: 'malformed JSON', status: 400, send: () => wooCallback(new Request(`${appUrl}/api/stores/woocommerce/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"key_id": ' })) },
      { name: 'a body of 1 MiB + 1 byte', status: 413, send: () => wooCallback(new Request(`${appUrl}/api/stores/woocommerce/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: oneMiBPlusOne })) },
      { name: 'not a key delivery', status: 400, send: () => wooCallback(new Request(`${appUrl}/api/stores/woocommerce/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello": "world"}' })) },
      {
        name: 'keys for a forged state',
        status: 401,
        send: () =>
          wooCallback(
            new Request(`${appUrl}/api/stores/woocommerce/callback`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ key_id: 1, user_id: 'forged.state', consumer_key: 'ck_x', consumer_secret: 'cs_x', key_permissions: 'read_write' }),
            }),
          ),
      },
    ],
  },
  {
    file: 'app/api/suppliers/aliexpress/connect/route.ts',
    cases: sessionCases(aliexpressConnect, '/api/suppliers/aliexpress/connect'),
  },
  {
    file: 'app/api/suppliers/aliexpress/callback/route.ts',
    cases: [
      // The merchant's browser lands on the Supplier page, told the account was not linked.
      {
        name: 'a forged state',
        status: 303,
        send: () => aliexpressCallback(new Request(`${appUrl}/api/suppliers/aliexpress/callback?code=c&state=forged.state`)),
      },
      { name: 'no code and no state', status: 303, send: () => aliexpressCallback(new Request(`${appUrl}/api/suppliers/aliexpress/callback`)) },
    ],
  },
];

// ── the run ─────────────────────────────────────────────────────────────────────────────────

let world: TWorld;
let privateDatabase: Awaited<ReturnType<typeof createPrivateDatabase>>;
const prefix = `${(process.env.QUEUE_PREFIX ?? '{hub}').replace(/}$/, '')}-bad-input}`;
let owner: { tenant: Awaited<ReturnType<typeof createTestTenant>> } | undefined;

/** A user who can sign in (made once, before any counting). */
async function signedInOwner() {
  owner ??= { tenant: await createTestTenant() };
  return owner;
}

beforeAll(async () => {
  if ((globalThis as { orderHubDatabase?: unknown }).orderHubDatabase) throw new Error('The database was opened before the private one was set up');
  privateDatabase = await createPrivateDatabase('bad_input');
  process.env.DATABASE_URL = privateDatabase.url;
  process.env.QUEUE_PREFIX = prefix;
  const tenant = await createTestTenant();
  world = {
    tenantId: tenant.tenantId,
    apiKey: tenant.apiKey,
    shopify: await addShopifyStore(tenant.tenantId),
    woo: await addWooStore(tenant.tenantId),
    tiktok: await addTikTokStore(tenant.tenantId),
  };
  await signedInOwner();
});

afterAll(async () => {
  const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  const queue = new Queue('ingest', { connection, prefix });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  connection.disconnect();
  const { closeProducer } = await import('@/lib/queue/producer');
  const { disconnectDatabase } = await import('@/lib/db/client');
  await closeProducer();
  await disconnectDatabase();
  await privateDatabase?.drop();
});

describe('bad input on every route', () => {
  it('has cases for every route file under app/', () => {
    const covered = new Set(routes.map((route) => route.file));
    expect(listRouteFiles().filter((file) => !covered.has(file))).toEqual([]);
    expect(routes.every((route) => route.cases.length > 0)).toBe(true);
  });

  it('stores a signed delivery whose dedup fields carry a NUL, instead of failing it with a 500', async () => {
    const body = JSON.stringify({ type: 1, shop_id: world.tiktok.shopId, tts_notification_id: `nul\u0000${randomUUID()}`, data: { order_id: '1', update_time: 1 } });
    const before = await countRows();
    const response = await tiktok(tiktokHeaders(body, tiktokKey(), tiktokSecret()), body);
    expect(response.status).toBe(200);
    expect(changedTables(before, await countRows())).toEqual({ webhook_events: `${before.webhook_events} → ${before.webhook_events! + 1}` });
  });

  describe.each(routes)('$file', ({ cases }) => {
    it.each(cases)('$name → $status, no row written', async (badInput) => {
      const prepared = await badInput.prepare?.(world);
      const before = await countRows();
      const response = await badInput.send(world, prepared);
      const body = await response.text();
      const after = await countRows();
      expect({ status: response.status, written: changedTables(before, after, badInput.mayWrite) }).toEqual({ status: badInput.status, written: {} });
      badInput.expectBody?.(body);
    });
  });
});
