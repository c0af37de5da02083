import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type TFakeRequest, type TFakeServer } from '@/tests/fakes/http';

// A fake AliExpress Open Platform (platforms.md D): the OAuth authorize page, the /rest system
// calls for tokens and the /sync gateway for aliexpress.ds.order.create and
// aliexpress.trade.ds.order.get. It checks the app key, the timestamp (milliseconds), the
// UPPERCASE hex HMAC-SHA256 signature (with the API path for /rest calls) and the session token.
// Placing the same order twice answers REPEATED_ORDER_ERROR naming the orders already made, as
// a retry after a lost answer meets it. Tests drive it through /__admin.

type TAccount = { code: string; userId: string; account: string };
type TToken = { accessToken: string; refreshToken: string; userId: string; expiresAt: number };
type TOrder = {
  id: string;
  userId: string;
  dedupKey: string;
  status: string;
  logisticsStatus: string;
  trackingNumber: string | null;
  carrier: string | null;
  amount: string;
  productIds: string[];
  address: Record<string, unknown>;
};

export type TFakeAliExpress = TFakeServer;

function sign(secret: string, parameters: Record<string, string>, apiPath = ''): string {
  const pairs = Object.keys(parameters)
    .filter((key) => key !== 'sign')
    .sort()
    .map((key) => `${key}${parameters[key]}`)
    .join('');
  return createHmac('sha256', secret).update(apiPath + pairs).digest('hex').toUpperCase();
}

function formOf(request: TFakeRequest): Record<string, string> {
  return { ...Object.fromEntries(request.url.searchParams), ...Object.fromEntries(new URLSearchParams(request.body)) };
}

/** The demo sandbox's orders move one step each time they are read, so tracking reaches the channel. */
const sandboxSteps: Array<Pick<TOrder, 'status' | 'logisticsStatus'>> = [
  { status: 'PLACE_ORDER_SUCCESS', logisticsStatus: 'NO_LOGISTICS' },
  { status: 'WAIT_SELLER_SEND_GOODS', logisticsStatus: 'NO_LOGISTICS' },
  { status: 'WAIT_BUYER_ACCEPT_GOODS', logisticsStatus: 'SELLER_SEND_GOODS' },
  { status: 'FINISH', logisticsStatus: 'BUYER_ACCEPT_GOODS' },
];

function advance(order: TOrder): void {
  const step = sandboxSteps.findIndex((candidate) => candidate.status === order.status);
  const next = sandboxSteps[step + 1];
  if (step === -1 || !next) return;
  Object.assign(order, next);
  if (next.logisticsStatus === 'SELLER_SEND_GOODS') {
    order.trackingNumber = `LP00${order.id.slice(-9)}CN`;
    order.carrier = 'CAINIAO_STANDARD';
  }
}

export async function startFakeAliExpress(options: { appKey: string; appSecret: string; port?: number; advanceOnRead?: boolean }): Promise<TFakeAliExpress> {
  const accounts: TAccount[] = [];
  const tokens = new Map<string, TToken>();
  const orders = new Map<string, TOrder>();
  const products = new Map<string, { seller: string; outOfStock: boolean; price: string }>();
  let latencyMs = 0;
  let nextOrderId = 8_100_000_000_000_000n;

  function checkSignature(parameters: Record<string, string>, apiPath?: string): string | null {
    if (parameters.app_key !== options.appKey) return 'IncompleteSignature: app_key is invalid';
    if (!parameters.timestamp || Math.abs(Date.now() - Number(parameters.timestamp)) > 5 * 60 * 1000) return 'InvalidTimestamp';
    if (parameters.sign_method !== 'sha256') return 'InvalidSignMethod';
    const expected = sign(options.appSecret, parameters, apiPath);
    const given = parameters.sign ?? '';
    if (expected.length !== given.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return 'IncompleteSignature: the signature is invalid';
    return null;
  }

  function issue(userId: string): TToken {
    const token = { accessToken: `ae_${randomBytes(12).toString('hex')}`, refreshToken: `aer_${randomBytes(12).toString('hex')}`, userId, expiresAt: Date.now() + 24 * 3600_000 };
    tokens.set(token.accessToken, token);
    return token;
  }

  function tokenBody(token: TToken, account: TAccount) {
    return {
      code: '0',
      access_token: token.accessToken,
      refresh_token: token.refreshToken,
      expires_in: 86_400,
      expire_time: token.expiresAt,
      refresh_expires_in: 30 * 86_400,
      user_id: account.userId,
      account: account.account,
      account_platform: 'buyerApp',
      locale: 'en_US',
      request_id: randomBytes(6).toString('hex'),
    };
  }

  function createOrders(userId: string, parameters: Record<string, string>) {
    const request = JSON.parse(parameters.param_place_order_request4_open_api_d_t_o ?? '{}') as {
      logistics_address?: Record<string, unknown>;
      product_items?: Array<{ product_id: string; product_count: number; sku_attr?: string }>;
    };
    const address = request.logistics_address ?? {};
    const items = request.product_items ?? [];
    const failure = (code: string, message: string) => ({ aliexpress_ds_order_create_response: { result: { is_success: false, error_code: code, error_msg: message } } });
    if (!address.address || !address.country || !address.contact_person) return failure('B_DROPSHIPPER_DELIVERY_ADDRESS_VALIDATE_FAIL', 'The delivery address is incomplete');
    if (!items.length || items.some((item) => !products.has(item.product_id))) return failure('A001', 'Product not found');
    const outOfStock = items.find((item) => products.get(item.product_id)!.outOfStock);
    if (outOfStock) return failure('INVENTORY_HOLD_ERROR', `Product ${outOfStock.product_id} is out of stock`);
    const dedupKey = parameters.out_order_id || createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const existing = [...orders.values()].filter((order) => order.userId === userId && order.dedupKey === dedupKey);
    if (existing.length) return failure('REPEATED_ORDER_ERROR', `Repeated order, existing orders: ${existing.map((order) => order.id).join(',')}`);
    // One AliExpress order per seller.
    const bySeller = new Map<string, typeof items>();
    for (const item of items) bySeller.set(products.get(item.product_id)!.seller, [...(bySeller.get(products.get(item.product_id)!.seller) ?? []), item]);
    const ids: string[] = [];
    for (const sellerItems of bySeller.values()) {
      const id = String(nextOrderId++);
      const amount = sellerItems.reduce((sum, item) => sum + Number(products.get(item.product_id)!.price) * item.product_count, 0).toFixed(2);
      orders.set(id, { id, userId, dedupKey, status: 'PLACE_ORDER_SUCCESS', logisticsStatus: 'NO_LOGISTICS', trackingNumber: null, carrier: null, amount, productIds: sellerItems.map((item) => item.product_id), address });
      ids.push(id);
    }
    return { aliexpress_ds_order_create_response: { result: { is_success: true, order_list: { number: ids } } } };
  }

  function getOrder(userId: string, parameters: Record<string, string>) {
    const id = parameters.order_id ?? (JSON.parse(parameters.single_order_query ?? '{}') as { order_id?: string }).order_id;
    const order = orders.get(String(id));
    if (!order || order.userId !== userId) return { error_response: { code: '40', msg: 'Order not found for this account', sub_code: 'ORDER_NOT_FOUND' } };
    if (options.advanceOnRead) advance(order);
    return {
      aliexpress_trade_ds_order_get_response: {
        result: {
          gmt_create: new Date().toISOString(),
          order_status: order.status,
          logistics_status: order.logisticsStatus,
          order_amount: { amount: order.amount, currency_code: 'USD' },
          logistics_info_list: { aeop_order_logistics_info: order.trackingNumber ? [{ logistics_no: order.trackingNumber, logistics_service: order.carrier }] : [] },
          child_order_list: { aeop_child_order_info: order.productIds.map((productId) => ({ product_id: productId, product_count: 1 })) },
        },
      },
    };
  }

  const server = await startFakeServer(async (request) => {
    const path = request.url.pathname;
    // --- test controls ---
    if (path.startsWith('/__admin/')) {
      const body = request.body ? JSON.parse(request.body) : {};
      if (path === '/__admin/accounts') {
        accounts.push(body as TAccount);
        return { status: 200, body: { ok: true } };
      }
      if (path === '/__admin/products') {
        for (const product of body.products as Array<{ productId: string; seller?: string; outOfStock?: boolean; price?: string }>) {
          products.set(product.productId, { seller: product.seller ?? 'seller-1', outOfStock: Boolean(product.outOfStock), price: product.price ?? '5.00' });
        }
        return { status: 200, body: { ok: true } };
      }
      if (path === '/__admin/latency') {
        latencyMs = Number(body.ms ?? 0);
        return { status: 200, body: { ok: true } };
      }
      if (path === '/__admin/orders' && request.method === 'GET') {
        const userId = request.url.searchParams.get('userId');
        return { status: 200, body: { orders: [...orders.values()].filter((order) => !userId || order.userId === userId) } };
      }
      const orderUpdate = path.match(/^\/__admin\/orders\/(\d+)$/);
      if (orderUpdate) {
        const order = orders.get(orderUpdate[1]!);
        if (!order) return { status: 404, body: { error: 'no such order' } };
        Object.assign(order, body);
        return { status: 200, body: order };
      }
      return { status: 404, body: { error: 'unknown admin call' } };
    }
    // --- OAuth ---
    if (path === '/oauth/authorize' && request.method === 'GET') {
      const query = request.url.searchParams;
      const account = accounts[accounts.length - 1];
      if (query.get('client_id') !== options.appKey || query.get('response_type') !== 'code' || !account) return { status: 400, body: { error: 'invalid_request' } };
      const target = new URL(query.get('redirect_uri')!);
      target.searchParams.set('code', account.code);
      target.searchParams.set('state', query.get('state') ?? '');
      return { status: 302, body: '', headers: { location: target.toString() } };
    }
    const parameters = formOf(request);
    if (path === '/rest/auth/token/create' || path === '/rest/auth/token/refresh') {
      const problem = checkSignature(parameters, path.slice('/rest'.length));
      if (problem) return { status: 200, body: { code: 'IncompleteSignature', message: problem } };
      if (path === '/rest/auth/token/create') {
        const account = accounts.find((candidate) => candidate.code === parameters.code);
        if (!account) return { status: 200, body: { code: 'InvalidCode', message: 'The authorization code is invalid or used' } };
        accounts.splice(accounts.indexOf(account), 1);
        return { status: 200, body: tokenBody(issue(account.userId), account) };
      }
      const previous = [...tokens.values()].find((token) => token.refreshToken === parameters.refresh_token);
      if (!previous) return { status: 200, body: { code: 'InvalidRefreshToken', message: 'The refresh token is invalid' } };
      tokens.delete(previous.accessToken);
      return { status: 200, body: tokenBody(issue(previous.userId), { code: '', userId: previous.userId, account: `buyer-${previous.userId}` }) };
    }
    if (path === '/sync' && request.method === 'POST') {
      const problem = checkSignature(parameters);
      if (problem) return { status: 200, body: { error_response: { code: 'IncompleteSignature', msg: problem } } };
      const token = tokens.get(parameters.session ?? '');
      if (!token || token.expiresAt < Date.now()) return { status: 200, body: { error_response: { code: 'IllegalAccessToken', msg: 'The specified access token is invalid or expired' } } };
      if (parameters.method === 'aliexpress.ds.order.create') {
        const answer = createOrders(token.userId, parameters);
        // The order exists before the answer leaves: a caller killed now never learns its ids.
        if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        return { status: 200, body: answer };
      }
      if (parameters.method === 'aliexpress.trade.ds.order.get') return { status: 200, body: getOrder(token.userId, parameters) };
      return { status: 200, body: { error_response: { code: 'InvalidMethod', msg: `Unknown method ${parameters.method}` } } };
    }
    return { status: 404, body: { error: 'not found' } };
  }, options.port);
  return server;
}
