import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type TFakeRequest, type TFakeServer } from '@/tests/fakes/http';

// A fake TikTok Shop: the seller authorization page, the token host (/api/v2/token/*) and the
// Open API (202309). It checks what the real one checks (platforms.md C1-C4): app_key, a recent
// timestamp, the request signature (path, sorted parameters, body), the access token, and the
// shop cipher on shop-scoped calls; answers use the documented envelope {code, message, data}.
// Shops, orders and sellers are loaded through /__admin so tests in other processes can share it.

type TShop = {
  shopId: string;
  cipher: string;
  name: string;
  accessToken: string;
  orders: Map<string, Record<string, unknown>>;
  webhooks: Array<{ address: string; event_type: string }>;
  shipments: Array<{ packageId: string; trackingNumber: string; provider: string }>;
  /** Calls of this shop still to be refused as over the rate limit. */
  rateLimitNext: number;
  /** Every Open API call this shop answered, rate-limited ones included. */
  calls: number;
};
type TSeller = { code: string; shopIds: string[] };
type TToken = { accessToken: string; refreshToken: string; shopIds: string[]; expiresAt: number };

export type TFakeTikTokShop = TFakeServer & {
  addShop: (shop: { shopId: string; cipher: string; accessToken: string; name?: string }) => void;
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

export async function startFakeTikTokShop(options: { appKey: string; appSecret: string; port?: number; redirectUrl?: string; delayMs?: number }): Promise<TFakeTikTokShop> {
  const shops = new Map<string, TShop>(); // by cipher
  const sellers = new Map<string, TSeller>(); // by authorization code
  const tokens = new Map<string, TToken>(); // by access token
  let redirectUrl = options.redirectUrl ?? '';
  let requests = 0;
  let delayMs = options.delayMs ?? 0;

  function issueTokens(shopIds: string[]): TToken {
    const token: TToken = { accessToken: `TTP_${randomBytes(12).toString('hex')}`, refreshToken: `TTR_${randomBytes(12).toString('hex')}`, shopIds, expiresAt: Math.floor(Date.now() / 1000) + 7 * 24 * 3600 };
    tokens.set(token.accessToken, token);
    for (const shop of shops.values()) if (shopIds.includes(shop.shopId)) shop.accessToken = token.accessToken;
    return token;
  }

  function tokenEnvelope(token: TToken) {
    return envelope(0, 'success', {
      access_token: token.accessToken,
      access_token_expire_in: token.expiresAt,
      refresh_token: token.refreshToken,
      refresh_token_expire_in: token.expiresAt + 30 * 24 * 3600,
      open_id: 'fake-open-id',
      seller_name: 'Fake seller',
      seller_base_region: 'US',
      user_type: 0,
      granted_scopes: ['seller.order.info'],
    });
  }

  /** Signature and token checks; `shop` is required on shop-scoped calls. */
  function authorize(request: TFakeRequest, needsShop: boolean): { shop?: TShop; token?: TToken } | { error: { status: number; body: unknown } } {
    const query = request.url.searchParams;
    if (query.get('app_key') !== options.appKey) return { error: { status: 401, body: envelope(106002, 'app_key is invalid') } };
    const timestamp = Number(query.get('timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return { error: { status: 401, body: envelope(106003, 'timestamp is expired') } };
    const sign = query.get('sign') ?? '';
    const expected = expectedSign(request.url.pathname, query, request.body, request.method, options.appSecret);
    if (sign.length !== expected.length || !timingSafeEqual(Buffer.from(sign), Buffer.from(expected))) return { error: { status: 401, body: envelope(106001, 'signature is invalid') } };
    const accessToken = String(request.headers['x-tts-access-token'] ?? '');
    if (!needsShop) {
      const token = tokens.get(accessToken);
      return token ? { token } : { error: { status: 401, body: envelope(105002, 'access token is invalid') } };
    }
    const shop = shops.get(query.get('shop_cipher') ?? '');
    if (!shop) return { error: { status: 400, body: envelope(105005, 'shop_cipher is invalid') } };
    if (accessToken !== shop.accessToken) return { error: { status: 401, body: envelope(105002, 'access token is invalid') } };
    return { shop };
  }

  const server = await startFakeServer(async (request) => {
    const path = request.url.pathname;
    // --- test controls ---
    if (path === '/__admin/shops' && request.method === 'POST') {
      fake.addShop(JSON.parse(request.body));
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__admin/orders' && request.method === 'POST') {
      const { cipher, order } = JSON.parse(request.body) as { cipher: string; order: Record<string, unknown> };
      fake.putOrder(cipher, order);
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__admin/sellers' && request.method === 'POST') {
      // A seller who will authorize these shops with this code.
      const seller = JSON.parse(request.body) as { code: string; shops: Array<{ shopId: string; cipher: string; name: string }> };
      for (const shop of seller.shops) fake.addShop({ ...shop, accessToken: '' });
      sellers.set(seller.code, { code: seller.code, shopIds: seller.shops.map((shop) => shop.shopId) });
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__admin/redirect' && request.method === 'POST') {
      redirectUrl = (JSON.parse(request.body) as { url: string }).url;
      return { status: 200, body: { ok: true } };
    }
    const shopAdmin = path.match(/^\/__admin\/shops\/([^/]+)(?:\/(\w+))?$/);
    if (shopAdmin) {
      const shop = [...shops.values()].find((candidate) => candidate.shopId === shopAdmin[1]);
      if (!shop) return { status: 404, body: { error: 'no such shop' } };
      if (shopAdmin[2] === 'rateLimit' && request.method === 'POST') {
        shop.rateLimitNext = (JSON.parse(request.body || '{}') as { times?: number }).times ?? 1;
        return { status: 200, body: { ok: true } };
      }
      if (shopAdmin[2] === 'revoke') {
        tokens.delete(shop.accessToken);
        shop.accessToken = `revoked-${randomBytes(4).toString('hex')}`;
        return { status: 200, body: { ok: true } };
      }
      return { status: 200, body: { shopId: shop.shopId, webhooks: shop.webhooks, orderCount: shop.orders.size, shipments: shop.shipments, calls: shop.calls } };
    }
    requests++;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    // --- seller authorization and tokens ---
    if (path === '/open/authorize' && request.method === 'GET') {
      const state = request.url.searchParams.get('state') ?? '';
      const serviceId = request.url.searchParams.get('service_id');
      const seller = [...sellers.values()][sellers.size - 1];
      if (!serviceId || !seller || !redirectUrl) return { status: 400, body: envelope(40001, 'service_id, a seller and a redirect URL are required') };
      const target = new URL(redirectUrl);
      target.searchParams.set('code', seller.code);
      target.searchParams.set('state', state);
      return { status: 302, body: '', headers: { location: target.toString() } };
    }
    if (path === '/api/v2/token/get' || path === '/api/v2/token/refresh') {
      const query = request.url.searchParams;
      if (query.get('app_key') !== options.appKey || query.get('app_secret') !== options.appSecret) return { status: 200, body: envelope(36004004, 'app secret is invalid') };
      if (path === '/api/v2/token/get') {
        const seller = sellers.get(query.get('auth_code') ?? '');
        if (!seller || query.get('grant_type') !== 'authorized_code') return { status: 200, body: envelope(36004009, 'auth code is invalid') };
        sellers.delete(seller.code);
        return { status: 200, body: tokenEnvelope(issueTokens(seller.shopIds)) };
      }
      const previous = [...tokens.values()].find((token) => token.refreshToken === query.get('refresh_token'));
      if (!previous) return { status: 200, body: envelope(105003, 'refresh token is invalid') };
      tokens.delete(previous.accessToken);
      return { status: 200, body: tokenEnvelope(issueTokens(previous.shopIds)) };
    }
    // --- Open API ---
    if (path === '/authorization/202309/shops' && request.method === 'GET') {
      const check = authorize(request, false);
      if ('error' in check) return check.error;
      const list = [...shops.values()].filter((shop) => check.token!.shopIds.includes(shop.shopId));
      return { status: 200, body: envelope(0, 'Success', { shops: list.map((shop) => ({ id: shop.shopId, name: shop.name, region: 'US', seller_type: 'LOCAL', cipher: shop.cipher, code: `US${shop.shopId.slice(-4)}` })) }) };
    }
    const check = authorize(request, true);
    if ('error' in check) return check.error;
    const shop = check.shop!;
    shop.calls++;
    if (shop.rateLimitNext > 0) {
      // TikTok Shop's "too many requests": HTTP 429 with the code in its envelope.
      shop.rateLimitNext--;
      return { status: 429, body: envelope(36009003, 'Too many requests, please retry later') };
    }
    if (path === '/order/202309/orders' && request.method === 'GET') {
      const ids = (request.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      if (!ids.length || ids.length > 50) return { status: 400, body: envelope(36009004, 'ids must hold 1 to 50 order ids') };
      return { status: 200, body: envelope(0, 'Success', { orders: ids.map((id) => shop.orders.get(id)).filter(Boolean) }) };
    }
    if (path === '/order/202309/orders/search' && request.method === 'POST') {
      const query = request.url.searchParams;
      const body = JSON.parse(request.body || '{}') as { create_time_ge?: number; update_time_ge?: number };
      const field = query.get('sort_field') === 'update_time' ? 'update_time' : 'create_time';
      const since = field === 'update_time' ? body.update_time_ge : body.create_time_ge;
      const matching = [...shop.orders.values()].filter((order) => since === undefined || Number(order[field]) >= since).sort((a, b) => Number(a[field]) - Number(b[field]));
      const pageSize = Math.min(Number(query.get('page_size') ?? 20), 100);
      const start = query.get('page_token') ? Number(Buffer.from(query.get('page_token')!, 'base64url').toString()) : 0;
      const page = matching.slice(start, start + pageSize);
      const next = start + page.length < matching.length ? Buffer.from(String(start + page.length)).toString('base64url') : '';
      return { status: 200, body: envelope(0, 'Success', { orders: page, next_page_token: next, total_count: matching.length }) };
    }
    const ship = path.match(/^\/fulfillment\/202309\/packages\/([^/]+)\/ship$/);
    if (ship && request.method === 'POST') {
      const body = JSON.parse(request.body || '{}') as { tracking_number?: string; shipping_provider_id?: string; shipping_provider_name?: string };
      const order = [...shop.orders.values()].find((candidate) => ((candidate.packages as Array<{ id: string }>) ?? []).some((entry) => entry.id === ship[1]));
      if (!order) return { status: 200, body: envelope(21011001, 'package not found') };
      if (!body.tracking_number) return { status: 200, body: envelope(21011002, 'tracking_number is required') };
      shop.shipments.push({ packageId: ship[1]!, trackingNumber: body.tracking_number, provider: body.shipping_provider_name ?? body.shipping_provider_id ?? '' });
      order.status = 'IN_TRANSIT';
      order.update_time = Math.floor(Date.now() / 1000);
      return { status: 200, body: envelope(0, 'Success', {}) };
    }
    if (path === '/event/202309/webhooks' && request.method === 'PUT') {
      const subscription = JSON.parse(request.body) as { address: string; event_type: string };
      shop.webhooks = shop.webhooks.filter((webhook) => webhook.event_type !== subscription.event_type).concat(subscription);
      return { status: 200, body: envelope(0, 'Success', {}) };
    }
    return { status: 404, body: envelope(40400, `No fake for ${request.method} ${path}`) };
  }, options.port);

  const fake: TFakeTikTokShop = {
    ...server,
    addShop: (shop) =>
      shops.set(shop.cipher, { shopId: shop.shopId, cipher: shop.cipher, name: shop.name ?? `Shop ${shop.shopId}`, accessToken: shop.accessToken, orders: shops.get(shop.cipher)?.orders ?? new Map(), webhooks: [], shipments: [], rateLimitNext: 0, calls: 0 }),
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

export async function postAdmin(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (!response.ok) throw new Error(`Fake admin call ${url} failed: ${response.status} ${await response.text()}`);
  return response.json();
}
