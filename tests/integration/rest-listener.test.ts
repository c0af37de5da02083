import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify } from '@/tests/support/webhooks';
import { settledOrders } from '@/tests/support/orders';
import { startAppServer } from '@/tests/support/app-server';
import { GET as listOrdersRoute } from '@/app/api/v1/orders/route';
import { GET as getOrderRoute } from '@/app/api/v1/orders/[id]/route';
import { GET as listStoresRoute } from '@/app/api/v1/stores/route';

// The web server answers the REST v1 reads from node:http before Next.js (lib/api/rest-listener.ts);
// the route files export the same endpoints for `next dev`. Both must answer alike, and whatever
// is not exactly one of those reads must still reach Next.js.

let server: Awaited<ReturnType<typeof startAppServer>>;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(() => server.close());

type TRawAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** A request with exactly the given headers (fetch would add its own Accept-Encoding and decompress). */
function send(method: string, path: string, headers: Record<string, string> = {}): Promise<TRawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${server.url}${path}`, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

type TComparable = { status: number; body: unknown; contentType: string | null; challenge: string | null };

/** The same read asked of the route handler, as `next dev` would. */
async function askRouteHandler(path: string, apiKey: string | null): Promise<TComparable> {
  const request = new Request(`http://localhost${path}`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
  const pathname = new URL(request.url).pathname;
  const context = { params: Promise.resolve({ id: decodeURIComponent(pathname.split('/')[4] ?? '') }) };
  const response = pathname === '/api/v1/stores'
    ? await listStoresRoute(request, { params: Promise.resolve({}) })
    : pathname === '/api/v1/orders' ? await listOrdersRoute(request, { params: Promise.resolve({}) }) : await getOrderRoute(request, context);
  return { status: response.status, body: await response.json(), contentType: response.headers.get('content-type'), challenge: response.headers.get('www-authenticate') };
}

/** What the web server answered, in the terms askRouteHandler compares. */
function comparable(answer: TRawAnswer): TComparable {
  const header = (name: string) => (answer.headers[name] as string | undefined) ?? null;
  return { status: answer.status, body: JSON.parse(answer.body.toString('utf8')), contentType: header('content-type'), challenge: header('www-authenticate') };
}

async function tenantWithOrders(count: number) {
  const tenant = await createTestTenant('REST listener');
  const shopify = await addShopifyStore(tenant.tenantId);
  for (let index = 0; index < count; index++) {
    await sendShopify({
      shopDomain: shopify.shopDomain,
      body: shopifyOrderBody({
        id: String(9_300_000_000_000 + index),
        number: 3100 + index,
        createdAt: `2026-11-0${index + 1}T10:00:00Z`,
        customer: { firstName: 'Lena', lastName: `Reader${index}`, email: `lena${index}@shop.example` },
        lines: [{ sku: `RL-${index}`, title: `A rather long item title so that a page is over a kibibyte ${index}`, quantity: 1, price: '10.00' }],
      }),
    });
  }
  const orders = await settledOrders(tenant.tenantId, count);
  return { ...tenant, orderIds: orders.map((order) => order.id) };
}

describe('the REST v1 reads answered before Next.js', () => {
  it('answer as the route handlers do, with the headers of every /api answer', async () => {
    const a = await tenantWithOrders(3);
    const b = await createTestTenant('REST listener other');
    const auth = { authorization: `Bearer ${a.apiKey}` };
    const paths = [
      '/api/v1/orders',
      '/api/v1/orders?limit=1&q=lena1',
      `/api/v1/orders/${encodeURIComponent(a.orderIds[0]!)}`,
      '/api/v1/stores',
      '/api/v1/orders?status=lost',
      '/api/v1/orders?cursor=not-a-cursor',
      '/api/v1/orders/ord_nothing_here',
    ];
    // Without a key too: 401 with its challenge, both ways.
    for (const path of ['/api/v1/orders', '/api/v1/stores']) {
      expect({ path, ...comparable(await send('GET', path)) }).toEqual({ path, ...(await askRouteHandler(path, null)) });
    }
    for (const path of paths) {
      const answer = await send('GET', path, auth);
      const expected = await askRouteHandler(path, a.apiKey);
      expect({ path, ...comparable(answer) }).toEqual({ path, ...expected });
      expect(answer.headers).toMatchObject({
        'content-type': 'application/json',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'content-length': String(answer.body.length),
      });
    }
    expect((await send('GET', '/api/v1/orders', auth)).status).toBe(200);
    expect((await send('GET', '/api/v1/orders?status=lost', auth)).status).toBe(422);
    // No key: 401 with its challenge. Another tenant's key: that order does not exist.
    const anonymous = await send('GET', '/api/v1/orders');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    const otherTenant = await send('GET', `/api/v1/orders/${a.orderIds[0]}`, { authorization: `Bearer ${b.apiKey}` });
    expect(otherTenant.status).toBe(404);
    expect(JSON.parse(otherTenant.body.toString('utf8'))).toMatchObject({ error: { code: 'not_found' } });
  });

  it('gzip an answer of 1 KiB and more for a client that accepts it, and only then', async () => {
    const tenant = await tenantWithOrders(3);
    const auth = { authorization: `Bearer ${tenant.apiKey}` };
    const plain = await send('GET', '/api/v1/orders', auth);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const gzipped = await send('GET', '/api/v1/orders', { ...auth, 'accept-encoding': 'br, gzip, deflate' });
    expect(gzipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding', 'content-length': String(gzipped.body.length) });
    expect(gzipped.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(gunzipSync(gzipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));

    const refused = await send('GET', '/api/v1/orders', { ...auth, 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const small = await send('GET', '/api/v1/orders', { 'accept-encoding': 'gzip' });
    expect(small.status).toBe(401);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('hand every other method and path to Next.js', async () => {
    const tenant = await createTestTenant('REST listener fallback');
    const auth = { authorization: `Bearer ${tenant.apiKey}` };
    for (const [method, path] of [
      ['POST', '/api/v1/orders'],
      ['HEAD', '/api/v1/orders'],
      ['GET', '/api/v1/orders/'],
      ['GET', '/api/v1/orders/ord_1/lines'],
      ['GET', '/api/v1/orders/%E0%A4%A'],
      ['GET', '/api/v1/stores/sto_1'],
      ['GET', '/api/v1'],
    ] as const) {
      const answer = await send(method, path, auth);
      expect({ method, path, fallback: answer.headers['x-fallback'] }).toEqual({ method, path, fallback: 'next' });
    }
  });
});
