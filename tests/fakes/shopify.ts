import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type TFakeRequest, type TFakeServer } from '@/tests/fakes/http';
import { buildShopifyOrder, type TShopifyOrderInput } from '@/tests/fixtures/shopify';

// A fake Shopify: many shops under /shops/{shop}, each with the OAuth grant screen (auto-approved),
// the access-token endpoint (authorization code and token exchange), and the Admin GraphQL API for
// webhook subscriptions and orders. It checks what Shopify checks: the app key and secret, the
// single-use code, the session token's signature and audience, the access token on every call.
// Tests drive it through /__admin so several processes can share one fake.

type TShop = {
  domain: string;
  accessToken: string | null;
  codes: Set<string>;
  orders: Array<Record<string, unknown>>;
  subscriptions: Array<{ id: string; topic: string; callbackUrl: string }>;
  throttleNext: number;
  rateLimitNext: number;
  graphqlCalls: number;
  latencyMs: number;
  fulfillments: Array<{ orderId: string; trackingNumbers: string[]; company: string | null; notifyCustomer: boolean }>;
};

export type TFakeShopify = TFakeServer & { shopUrlTemplate: string };

function json(status: number, body: unknown, headers?: Record<string, string>) {
  return { status, body, headers };
}

function verifySessionToken(token: string, secret: string, apiKey: string): { dest?: string } | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { aud?: string; exp?: number; dest?: string };
  if (claims.aud !== apiKey || !claims.exp || claims.exp * 1000 < Date.now() - 10_000) return null;
  return claims;
}

/** The GraphQL node the Admin API returns for an order, from the same fixture the webhooks use. */
function toGraphqlOrder(rest: Record<string, unknown>): Record<string, unknown> {
  const money = (amount: unknown) => (amount === null || amount === undefined ? null : { shopMoney: { amount: String(amount) } });
  const customer = rest.customer as Record<string, unknown> | null;
  const address = rest.shipping_address as Record<string, unknown> | null;
  const fulfillment: Record<string, string> = { fulfilled: 'FULFILLED', partial: 'PARTIALLY_FULFILLED' };
  return {
    id: rest.admin_graphql_api_id,
    legacyResourceId: String(rest.admin_graphql_api_id).split('/').pop(),
    name: rest.name,
    email: rest.email,
    phone: rest.phone,
    createdAt: rest.created_at,
    updatedAt: rest.updated_at,
    cancelledAt: rest.cancelled_at,
    sourceName: rest.source_name,
    sourceIdentifier: rest.source_identifier,
    tags: String(rest.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    customAttributes: ((rest.note_attributes as Array<{ name: string; value: string }>) ?? []).map((attribute) => ({ key: attribute.name, value: attribute.value })),
    displayFinancialStatus: String(rest.financial_status ?? 'pending').toUpperCase(),
    displayFulfillmentStatus: fulfillment[String(rest.fulfillment_status)] ?? 'UNFULFILLED',
    currencyCode: rest.currency,
    totalPriceSet: money(rest.total_price),
    subtotalPriceSet: money(rest.subtotal_price),
    customer: customer && customer.first_name !== null ? { firstName: customer.first_name, lastName: customer.last_name, email: customer.email, phone: customer.phone } : null,
    shippingAddress: address
      ? {
          firstName: address.first_name,
          lastName: address.last_name,
          name: address.name,
          company: address.company,
          address1: address.address1,
          address2: address.address2,
          city: address.city,
          province: address.province,
          provinceCode: address.province_code,
          zip: address.zip,
          countryCodeV2: address.country_code,
          phone: address.phone,
        }
      : null,
    lineItems: {
      nodes: ((rest.line_items as Array<Record<string, unknown>>) ?? []).map((line) => ({
        id: line.admin_graphql_api_id,
        sku: line.sku,
        title: line.title,
        variantTitle: line.variant_title,
        quantity: line.quantity,
        originalUnitPriceSet: money(line.price),
      })),
    },
  };
}

/** Shopify search syntax, the two forms the hub sends: created_at:>='ISO' and updated_at:>='ISO'. */
function matchesQuery(order: Record<string, unknown>, query: string | undefined): boolean {
  const match = query?.match(/^(created|updated)_at:>='([^']+)'$/);
  if (!match) return true;
  const field = match[1] === 'created' ? 'createdAt' : 'updatedAt';
  return new Date(String(order[field])).getTime() >= new Date(match[2]!).getTime();
}

export async function startFakeShopify(options: { apiKey: string; apiSecret: string; port?: number }): Promise<TFakeShopify> {
  const shops = new Map<string, TShop>();
  const shopOf = (domain: string): TShop => {
    let shop = shops.get(domain);
    if (!shop) {
      shop = { domain, accessToken: null, codes: new Set(), orders: [], subscriptions: [], throttleNext: 0, rateLimitNext: 0, graphqlCalls: 0, latencyMs: 0, fulfillments: [] };
      shops.set(domain, shop);
    }
    return shop;
  };
  const issueToken = (shop: TShop) => {
    shop.accessToken = `shpat_${randomBytes(12).toString('hex')}`;
    return json(200, { access_token: shop.accessToken, scope: 'read_orders,write_orders,read_fulfillments,write_fulfillments' });
  };

  function oauthCallbackHmac(query: URLSearchParams): string {
    const message = [...query.entries()]
      .filter(([key]) => key !== 'hmac' && key !== 'signature')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    return createHmac('sha256', options.apiSecret).update(message).digest('hex');
  }

  async function graphql(shop: TShop, request: TFakeRequest) {
    if (shop.latencyMs) await new Promise((resolve) => setTimeout(resolve, shop.latencyMs));
    if (!shop.accessToken || request.headers['x-shopify-access-token'] !== shop.accessToken) {
      return json(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    shop.graphqlCalls++;
    if (shop.rateLimitNext > 0) {
      shop.rateLimitNext--;
      return json(429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'retry-after': '0.2' });
    }
    if (shop.throttleNext > 0) {
      shop.throttleNext--;
      return json(200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
        extensions: { cost: { requestedQueryCost: 52, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 200 } } },
      });
    }
    const { query, variables } = JSON.parse(request.body) as { query: string; variables: Record<string, unknown> };
    if (query.includes('webhookSubscriptionCreate')) {
      const topic = String(variables.topic);
      const input = variables.webhookSubscription as { callbackUrl?: string; uri?: string };
      const callbackUrl = input.callbackUrl ?? input.uri ?? '';
      if (shop.subscriptions.some((subscription) => subscription.topic === topic && subscription.callbackUrl === callbackUrl)) {
        return json(200, { data: { webhookSubscriptionCreate: { webhookSubscription: null, userErrors: [{ field: ['callbackUrl'], message: 'Address for this topic has already been taken' }] } } });
      }
      const subscription = { id: `gid://shopify/WebhookSubscription/${shop.subscriptions.length + 1}`, topic, callbackUrl };
      shop.subscriptions.push(subscription);
      return json(200, { data: { webhookSubscriptionCreate: { webhookSubscription: { id: subscription.id, topic }, userErrors: [] } } });
    }
    if (query.includes('fulfillmentOrders')) {
      const orderId = String(variables.id).split('/').pop()!;
      const order = shop.orders.find((candidate) => String(candidate.admin_graphql_api_id).endsWith(`/${orderId}`));
      if (!order) return json(200, { data: { order: null } });
      const isFulfilled = order.fulfillment_status === 'fulfilled';
      return json(200, { data: { order: { fulfillmentOrders: { nodes: [{ id: `gid://shopify/FulfillmentOrder/${orderId}`, status: isFulfilled ? 'CLOSED' : 'OPEN' }] } } } });
    }
    if (query.includes('fulfillmentCreate')) {
      const input = variables.fulfillment as { lineItemsByFulfillmentOrder: Array<{ fulfillmentOrderId: string }>; trackingInfo?: { number?: string; numbers?: string[]; company?: string }; notifyCustomer?: boolean };
      const orderIds = input.lineItemsByFulfillmentOrder.map((entry) => entry.fulfillmentOrderId.split('/').pop()!);
      for (const orderId of orderIds) {
        const order = shop.orders.find((candidate) => String(candidate.admin_graphql_api_id).endsWith(`/${orderId}`));
        if (!order) return json(200, { data: { fulfillmentCreate: { fulfillment: null, userErrors: [{ field: ['fulfillmentOrderId'], message: 'Fulfillment order does not exist' }] } } });
        order.fulfillment_status = 'fulfilled';
        order.updated_at = new Date().toISOString();
        shop.fulfillments.push({ orderId, trackingNumbers: input.trackingInfo?.numbers ?? [input.trackingInfo?.number ?? ''], company: input.trackingInfo?.company ?? null, notifyCustomer: Boolean(input.notifyCustomer) });
      }
      return json(200, { data: { fulfillmentCreate: { fulfillment: { id: `gid://shopify/Fulfillment/${shop.fulfillments.length}`, status: 'SUCCESS' }, userErrors: [] } } });
    }
    const matching = shop.orders.map(toGraphqlOrder).filter((order) => matchesQuery(order, variables.query as string | undefined));
    if (query.includes('ordersCount')) return json(200, { data: { ordersCount: { count: matching.length, precision: 'EXACT' } } });
    if (query.includes('orders(')) {
      const field = variables.sortKey === 'UPDATED_AT' ? 'updatedAt' : 'createdAt';
      matching.sort((a, b) => new Date(String(a[field])).getTime() - new Date(String(b[field])).getTime());
      const start = variables.after ? Number(Buffer.from(String(variables.after), 'base64url').toString()) : 0;
      const first = Math.min(Number(variables.first ?? 50), 250);
      const nodes = matching.slice(start, start + first);
      const end = start + nodes.length;
      return json(200, {
        data: { orders: { pageInfo: { hasNextPage: end < matching.length, endCursor: nodes.length ? Buffer.from(String(end)).toString('base64url') : null }, nodes } },
        extensions: { cost: { requestedQueryCost: 52, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1948, restoreRate: 100 } } },
      });
    }
    return json(200, { errors: [{ message: `The fake does not know this query: ${query.slice(0, 80)}` }] });
  }

  const server = await startFakeServer(async (request) => {
    const path = request.url.pathname;
    // --- test controls ---
    let admin = path.match(/^\/__admin\/shops\/([^/]+)(?:\/(\w+))?$/);
    if (path === '/__admin/shops' && request.method === 'POST') {
      const body = JSON.parse(request.body) as { shop: string; accessToken?: string };
      const shop = shopOf(body.shop);
      if (body.accessToken) shop.accessToken = body.accessToken;
      return json(200, { ok: true });
    }
    if (admin) {
      const shop = shopOf(decodeURIComponent(admin[1]!));
      const action = admin[2];
      if (!action && request.method === 'GET') {
        return json(200, { accessToken: shop.accessToken, subscriptions: shop.subscriptions, orderCount: shop.orders.length, graphqlCalls: shop.graphqlCalls, fulfillments: shop.fulfillments });
      }
      if (action === 'orders' && request.method === 'POST') {
        const { orders } = JSON.parse(request.body) as { orders: TShopifyOrderInput[] };
        for (const input of orders) {
          // Big ids as strings: the fake hands out GraphQL ids, which are strings anyway.
          const rest = JSON.parse(JSON.stringify(buildShopifyOrder(input), (_key, value) => (value?.isLosslessNumber ? value.value : value))) as Record<string, unknown>;
          const index = shop.orders.findIndex((order) => order.admin_graphql_api_id === rest.admin_graphql_api_id);
          if (index >= 0) shop.orders[index] = rest;
          else shop.orders.push(rest);
        }
        return json(200, { ok: true, count: shop.orders.length });
      }
      if (action === 'revoke') {
        shop.accessToken = `revoked_${randomBytes(4).toString('hex')}`;
        return json(200, { ok: true });
      }
      if (action === 'throttle') {
        const { graphqlThrottles = 0, rateLimits = 0, latencyMs = 0 } = JSON.parse(request.body || '{}') as { graphqlThrottles?: number; rateLimits?: number; latencyMs?: number };
        shop.throttleNext = graphqlThrottles;
        shop.rateLimitNext = rateLimits;
        shop.latencyMs = latencyMs;
        return json(200, { ok: true });
      }
    }
    // --- the shop ---
    const shopPath = path.match(/^\/shops\/([a-z0-9-]+\.myshopify\.com)(\/.*)$/);
    if (!shopPath) return json(404, { errors: 'Not Found' });
    const domain = shopPath[1]!;
    const rest = shopPath[2]!;
    if (rest === '/admin/oauth/authorize' && request.method === 'GET') {
      const query = request.url.searchParams;
      if (query.get('client_id') !== options.apiKey) return json(400, { errors: 'Invalid client_id' });
      const redirect = new URL(query.get('redirect_uri') ?? '');
      const shop = shopOf(domain);
      const code = randomBytes(12).toString('hex');
      shop.codes.add(code);
      const back = new URLSearchParams({ code, host: Buffer.from(`${domain}/admin`).toString('base64url'), shop: domain, state: query.get('state') ?? '', timestamp: String(Math.floor(Date.now() / 1000)) });
      back.set('hmac', oauthCallbackHmac(back));
      redirect.search = back.toString();
      return { status: 302, body: '', headers: { location: redirect.toString() } };
    }
    if (rest === '/admin/oauth/access_token' && request.method === 'POST') {
      const body = JSON.parse(request.body) as Record<string, string>;
      const shop = shops.get(domain);
      if (!shop || body.client_id !== options.apiKey) return json(400, { error: 'invalid_request' });
      if (body.grant_type === 'urn:ietf:params:oauth:grant-type:token-exchange') {
        const claims = verifySessionToken(body.subject_token ?? '', options.apiSecret, options.apiKey);
        if (!claims || claims.dest !== `https://${domain}` || body.client_secret !== options.apiSecret) return json(400, { error: 'invalid_subject_token' });
        return issueToken(shop);
      }
      if (body.client_secret !== options.apiSecret || !shop.codes.delete(body.code ?? '')) return json(400, { error: 'invalid_request', error_description: 'The authorization code was not found or was already used' });
      return issueToken(shop);
    }
    const graphqlPath = rest.match(/^\/admin\/api\/[\w-]+\/graphql\.json$/);
    if (graphqlPath && request.method === 'POST') return graphql(shopOf(domain), request);
    return json(404, { errors: 'Not Found' });
  }, options.port);

  return { ...server, shopUrlTemplate: `${server.url}/shops/{shop}` };
}
