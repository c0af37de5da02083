import { createHmac, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type TFakeRequest, type TFakeServer } from '@/tests/fakes/http';

// A fake TikTok Shop Open API (202309). It checks what the real one checks (platforms.md C1-C3):
// app_key, a recent timestamp, the request signature and the shop's access token, and answers
// in the documented envelope {code, message, request_id, data}. Shops and orders are loaded
// through /__admin so tests in other processes can share one fake.

type TShop = { shopId: string; cipher: string; accessToken: string; orders: Map<string, Record<string, unknown>> };

export type TFakeTikTokShop = TFakeServer & {
  addShop: (shop: { shopId: string; cipher: string; accessToken: string }) => void;
  putOrder: (cipher: string, order: Record<string, unknown>) => void;
  requestCount: () => number;
  /** Makes every API answer take `ms` longer, as a slow platform does (chaos runs keep jobs in flight). */
  setDelay: (ms: number) => void;
};

/** The documented algorithm, written out independently of the product's signer. */
function expectedSign(path: string, query: URLSearchParams, body: string, method: string, secret: string): string {
  const keys = [...query.keys()].filter((key) => key !== 'sign' && key !== 'access_token').sort();
  let message = path + keys.map((key) => `${key}${query.get(key)}`).join('');
  if (method !== 'GET') message += body;
  return createHmac('sha256', secret).update(secret + message + secret).digest('hex');
}

function envelope(code: number, message: string, data?: unknown) {
  return { code, message, request_id: `fake-${Date.now()}`, ...(data === undefined ? {} : { data }) };
}

export async function startFakeTikTokShop(options: { appKey: string; appSecret: string; port?: number; delayMs?: number }): Promise<TFakeTikTokShop> {
  const shops = new Map<string, TShop>();
  let requests = 0;
  let delayMs = options.delayMs ?? 0;

  function authorize(request: TFakeRequest): { shop: TShop } | { error: { status: number; body: unknown } } {
    const query = request.url.searchParams;
    if (query.get('app_key') !== options.appKey) return { error: { status: 401, body: envelope(106002, 'app_key is invalid') } };
    const timestamp = Number(query.get('timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
      return { error: { status: 401, body: envelope(106003, 'timestamp is expired') } };
    }
    const sign = query.get('sign') ?? '';
    const expected = expectedSign(request.url.pathname, query, request.body, request.method, options.appSecret);
    if (sign.length !== expected.length || !timingSafeEqual(Buffer.from(sign), Buffer.from(expected))) {
      return { error: { status: 401, body: envelope(106001, 'signature is invalid') } };
    }
    const shop = shops.get(query.get('shop_cipher') ?? '');
    if (!shop) return { error: { status: 400, body: envelope(105005, 'shop_cipher is invalid') } };
    if (request.headers['x-tts-access-token'] !== shop.accessToken) return { error: { status: 401, body: envelope(105002, 'access token is invalid') } };
    return { shop };
  }

  const server = await startFakeServer(async (request) => {
    const path = request.url.pathname;
    if (path === '/__admin/shops' && request.method === 'POST') {
      const shop = JSON.parse(request.body) as { shopId: string; cipher: string; accessToken: string };
      fake.addShop(shop);
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__admin/orders' && request.method === 'POST') {
      const { cipher, order } = JSON.parse(request.body) as { cipher: string; order: Record<string, unknown> };
      fake.putOrder(cipher, order);
      return { status: 200, body: { ok: true } };
    }
    requests++;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (path === '/order/202309/orders' && request.method === 'GET') {
      const check = authorize(request);
      if ('error' in check) return check.error;
      const ids = (request.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      if (!ids.length || ids.length > 50) return { status: 400, body: envelope(36009004, 'ids must hold 1 to 50 order ids') };
      const orders = ids.map((id) => check.shop.orders.get(id)).filter(Boolean);
      return { status: 200, body: envelope(0, 'Success', { orders }) };
    }
    return { status: 404, body: envelope(40400, `No fake for ${request.method} ${path}`) };
  }, options.port);

  const fake: TFakeTikTokShop = {
    ...server,
    addShop: (shop) => shops.set(shop.cipher, { ...shop, orders: shops.get(shop.cipher)?.orders ?? new Map() }),
    putOrder: (cipher, order) => {
      const shop = shops.get(cipher);
      if (!shop) throw new Error(`Fake TikTok Shop has no shop with cipher ${cipher}`);
      shop.orders.set(String(order.id), order);
    },
    requestCount: () => requests,
    setDelay: (ms) => {
      delayMs = ms;
    },
  };
  return fake;
}

/** Loads a shop or an order into a fake running in another process. */
export async function seedFakeTikTokShop(baseUrl: string, what: { shop?: { shopId: string; cipher: string; accessToken: string }; order?: { cipher: string; order: Record<string, unknown> } }) {
  if (what.shop) await postAdmin(`${baseUrl}/__admin/shops`, what.shop);
  if (what.order) await postAdmin(`${baseUrl}/__admin/orders`, what.order);
}

async function postAdmin(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (!response.ok) throw new Error(`Fake TikTok Shop admin call failed: ${response.status} ${await response.text()}`);
}
