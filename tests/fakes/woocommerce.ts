import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type TFakeRequest, type TFakeServer } from '@/tests/fakes/http';
import { buildWooOrder, type TWooOrderInput } from '@/tests/fixtures/woocommerce';
import { toPhpJson } from '@/tests/fixtures/json';

// A fake WordPress + WooCommerce: many sites under /sites/{site}. It does what WooCommerce does
// (platforms.md B): the wc-auth key grant (posting the keys to the callback, which must answer
// exactly 200), REST v3 with Basic auth over https or OAuth 1.0a over http, webhooks that ping
// on creation and get disabled, signed deliveries. Tests drive it through /__admin.

type TWebhook = { id: number; name: string; topic: string; delivery_url: string; secret: string; status: 'active' | 'paused' | 'disabled' };
type TSite = {
  name: string;
  keys: Map<string, string>;
  orders: Array<Record<string, unknown>>;
  webhooks: TWebhook[];
  pingsSent: number;
  notes: Array<{ orderId: number; note: string; customer_note: boolean }>;
  /** REST calls still to be refused with 429 (a host's rate limit in front of WordPress), and those refused so far. */
  rateLimitNext: number;
  rateLimited: number;
};

export type TFakeWooCommerce = TFakeServer & { siteUrl: (site: string) => string };

const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

function json(status: number, body: unknown, headers?: Record<string, string>) {
  return { status, body, headers };
}

/** WooCommerce's own check of a one-legged OAuth 1.0a request (HMAC-SHA1 or HMAC-SHA256). */
function isValidOauth1(request: TFakeRequest, baseUrl: string, keys: Map<string, string>): boolean {
  const query = Object.fromEntries(request.url.searchParams);
  const secret = keys.get(query.oauth_consumer_key ?? '');
  if (!secret || !query.oauth_signature || !query.oauth_timestamp) return false;
  if (Math.abs(Date.now() / 1000 - Number(query.oauth_timestamp)) > 900) return false;
  const algorithm = query.oauth_signature_method === 'HMAC-SHA1' ? 'sha1' : query.oauth_signature_method === 'HMAC-SHA256' ? 'sha256' : null;
  if (!algorithm) return false;
  const normalized = Object.keys(query)
    .filter((key) => key !== 'oauth_signature')
    .sort()
    .map((key) => `${encode(key)}=${encode(query[key]!)}`)
    .join('&');
  const base = [request.method, encode(baseUrl), encode(normalized)].join('&');
  const expected = createHmac(algorithm, `${encode(secret)}&`).update(base).digest('base64');
  return expected.length === query.oauth_signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(query.oauth_signature));
}

function isValidBasic(request: TFakeRequest, keys: Map<string, string>): boolean {
  const header = String(request.headers.authorization ?? '');
  if (!header.startsWith('Basic ')) return false;
  const [key, secret] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  return Boolean(key && keys.get(key) === secret);
}

export async function startFakeWooCommerce(options: { port?: number } = {}): Promise<TFakeWooCommerce> {
  const sites = new Map<string, TSite>();
  let nextWebhookId = 100;
  let baseUrl = '';
  const siteOf = (name: string): TSite => {
    let site = sites.get(name);
    if (!site) {
      site = { name, keys: new Map(), orders: [], webhooks: [], pingsSent: 0, notes: [], rateLimitNext: 0, rateLimited: 0 };
      sites.set(name, site);
    }
    return site;
  };

  /** Sends an order webhook the way WooCommerce does: PHP-encoded body, base64 HMAC of it. */
  async function deliver(site: TSite, webhook: TWebhook, order: Record<string, unknown>) {
    const body = webhook.topic === 'order.deleted' ? JSON.stringify({ id: order.id }) : toPhpJson(order);
    const [resource, event] = webhook.topic.split('.');
    const response = await fetch(webhook.delivery_url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'WooCommerce/9.4.0 Hookshot (WordPress/6.7)',
        'x-wc-webhook-source': `${baseUrl}/sites/${site.name}/`,
        'x-wc-webhook-topic': webhook.topic,
        'x-wc-webhook-resource': resource!,
        'x-wc-webhook-event': event!,
        'x-wc-webhook-id': String(webhook.id),
        'x-wc-webhook-delivery-id': createHmac('md5', 'd').update(`${webhook.id}${Date.now()}`).digest('hex'),
        'x-wc-webhook-signature': createHmac('sha256', webhook.secret).update(body).digest('base64'),
      },
      body,
    });
    return response.status;
  }

  async function rest(site: TSite, request: TFakeRequest, route: string) {
    const endpoint = `${baseUrl}/sites/${site.name}/wp-json/wc/v3${route}`;
    const isAuthorized = endpoint.startsWith('https://') ? isValidBasic(request, site.keys) : isValidOauth1(request, endpoint, site.keys) || isValidBasic(request, site.keys);
    if (!isAuthorized) return json(401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
    if (site.rateLimitNext > 0) {
      site.rateLimitNext--;
      site.rateLimited++;
      return json(429, { code: 'too_many_requests', message: 'Too many requests. Please try again later.', data: { status: 429 } }, { 'retry-after': '1' });
    }
    const query = request.url.searchParams;
    if (route === '/system_status' && request.method === 'GET') return json(200, { environment: { site_url: `${baseUrl}/sites/${site.name}`, version: '9.4.0' } });
    if (route === '/orders' && request.method === 'GET') {
      const perPage = Number(query.get('per_page') ?? 10);
      const page = Number(query.get('page') ?? 1);
      const field = query.get('orderby') === 'modified' ? 'date_modified_gmt' : 'date_created_gmt';
      const after = query.get('modified_after') ?? query.get('after');
      const matching = site.orders
        .filter((order) => !after || new Date(`${order[field]}Z`).getTime() >= new Date(`${after.replace(/Z$/, '')}Z`).getTime())
        .sort((a, b) => String(a[field]).localeCompare(String(b[field])));
      const slice = matching.slice((page - 1) * perPage, page * perPage);
      return {
        status: 200,
        body: `[${slice.map((order) => toPhpJson(order)).join(',')}]`,
        headers: { 'x-wp-total': String(matching.length), 'x-wp-totalpages': String(Math.max(1, Math.ceil(matching.length / perPage))) },
      };
    }
    if (route === '/webhooks' && request.method === 'POST') {
      const body = JSON.parse(request.body) as Omit<TWebhook, 'id'>;
      const webhook: TWebhook = { id: nextWebhookId++, name: body.name, topic: body.topic, delivery_url: body.delivery_url, secret: body.secret, status: body.status ?? 'active' };
      site.webhooks.push(webhook);
      // Creating a webhook pings its address (unsigned, `webhook_id=N`); the result is ignored.
      await fetch(webhook.delivery_url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `webhook_id=${webhook.id}` })
        .then(() => site.pingsSent++)
        .catch(() => undefined);
      return json(201, { ...webhook, secret: undefined });
    }
    if (route === '/webhooks' && request.method === 'GET') return json(200, site.webhooks.map((webhook) => ({ ...webhook, secret: undefined })));
    const orderMatch = route.match(/^\/orders\/(\d+)(\/notes)?$/);
    if (orderMatch) {
      const order = site.orders.find((candidate) => candidate.id === Number(orderMatch[1]));
      if (!order) return json(404, { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.' });
      if (orderMatch[2] && request.method === 'POST') {
        const note = JSON.parse(request.body) as { note: string; customer_note?: boolean };
        site.notes.push({ orderId: Number(order.id), note: note.note, customer_note: Boolean(note.customer_note) });
        return json(201, { id: site.notes.length, note: note.note, customer_note: Boolean(note.customer_note) });
      }
      if (!orderMatch[2] && request.method === 'PUT') {
        const changes = JSON.parse(request.body) as { status?: string; meta_data?: Array<{ key: string; value: unknown }> };
        if (changes.status) order.status = changes.status;
        if (changes.meta_data) order.meta_data = [...((order.meta_data as unknown[]) ?? []), ...changes.meta_data];
        order.date_modified_gmt = new Date().toISOString().slice(0, 19);
        return { status: 200, body: toPhpJson(order) };
      }
      if (!orderMatch[2] && request.method === 'GET') return { status: 200, body: toPhpJson(order) };
    }
    const webhookMatch = route.match(/^\/webhooks\/(\d+)$/);
    if (webhookMatch && request.method === 'PUT') {
      const webhook = site.webhooks.find((candidate) => candidate.id === Number(webhookMatch[1]));
      if (!webhook) return json(404, { code: 'woocommerce_rest_webhook_invalid_id' });
      Object.assign(webhook, JSON.parse(request.body));
      return json(200, { ...webhook, secret: undefined });
    }
    return json(404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' });
  }

  async function authorize(site: TSite, request: TFakeRequest): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const query = request.url.searchParams;
    const callbackUrl = query.get('callback_url');
    const returnUrl = query.get('return_url');
    if (!query.get('app_name') || !query.get('user_id') || !callbackUrl || !returnUrl || !['read', 'write', 'read_write'].includes(query.get('scope') ?? '')) {
      return { status: 400, body: '<h1>Error: missing parameters</h1>', headers: { 'content-type': 'text/html' } };
    }
    // The merchant approves at once. Keys are posted to the callback, which must answer exactly 200.
    const consumerKey = `ck_${randomBytes(20).toString('hex')}`;
    const consumerSecret = `cs_${randomBytes(20).toString('hex')}`;
    site.keys.set(consumerKey, consumerSecret);
    const answer = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify({ key_id: site.keys.size, user_id: query.get('user_id'), consumer_key: consumerKey, consumer_secret: consumerSecret, key_permissions: query.get('scope') }),
    }).catch(() => null);
    if (answer?.status !== 200) {
      site.keys.delete(consumerKey);
      return { status: 401, body: '<h1>Error: An error occurred in the request and at the time were unable to send the consumer data</h1>', headers: { 'content-type': 'text/html' } };
    }
    const back = new URL(returnUrl);
    back.searchParams.set('success', '1');
    back.searchParams.set('user_id', query.get('user_id')!);
    return { status: 302, body: '', headers: { location: back.toString() } };
  }

  const server = await startFakeServer(async (request) => {
    const path = request.url.pathname;
    const admin = path.match(/^\/__admin\/sites\/([^/]+)(?:\/(\w+))?$/);
    if (admin) {
      const site = siteOf(decodeURIComponent(admin[1]!));
      const action = admin[2];
      if (!action && request.method === 'POST') return json(200, { siteUrl: `${baseUrl}/sites/${site.name}` });
      if (!action && request.method === 'GET') {
        return json(200, {
          keys: site.keys.size,
          webhooks: site.webhooks,
          orderCount: site.orders.length,
          pingsSent: site.pingsSent,
          rateLimited: site.rateLimited,
          notes: site.notes,
          orders: site.orders.map((order) => ({ id: order.id, status: order.status, meta_data: order.meta_data })),
        });
      }
      if (action === 'orders' && request.method === 'POST') {
        const { orders } = JSON.parse(request.body) as { orders: TWooOrderInput[] };
        for (const input of orders) {
          const order = buildWooOrder({ ...input, siteUrl: `${baseUrl}/sites/${site.name}` });
          const index = site.orders.findIndex((candidate) => candidate.id === order.id);
          if (index >= 0) site.orders[index] = order;
          else site.orders.push(order);
        }
        return json(200, { ok: true });
      }
      if (action === 'deliver' && request.method === 'POST') {
        const { orderId, topic } = JSON.parse(request.body) as { orderId: number; topic: string };
        const order = site.orders.find((candidate) => candidate.id === orderId);
        const statuses = [];
        for (const webhook of site.webhooks.filter((candidate) => candidate.topic === topic && candidate.status === 'active')) {
          statuses.push(order ? await deliver(site, webhook, order) : 404);
        }
        return json(200, { statuses });
      }
      if (action === 'disable' && request.method === 'POST') {
        for (const webhook of site.webhooks) webhook.status = 'disabled';
        return json(200, { ok: true });
      }
      if (action === 'keys' && request.method === 'POST') {
        const { consumerKey, consumerSecret } = JSON.parse(request.body) as { consumerKey: string; consumerSecret: string };
        site.keys.set(consumerKey, consumerSecret);
        return json(200, { ok: true });
      }
      if (action === 'rateLimit' && request.method === 'POST') {
        site.rateLimitNext = (JSON.parse(request.body || '{}') as { times?: number }).times ?? 1;
        return json(200, { ok: true });
      }
      if (action === 'revoke' && request.method === 'POST') {
        site.keys.clear();
        return json(200, { ok: true });
      }
    }
    const sitePath = path.match(/^\/sites\/([a-z0-9-]+)(\/.*)$/);
    if (!sitePath) return json(404, { code: 'not_found' });
    const site = siteOf(sitePath[1]!);
    const rest_ = sitePath[2]!;
    if (rest_ === '/wc-auth/v1/authorize' && request.method === 'GET') return authorize(site, request);
    if (rest_.startsWith('/wp-json/wc/v3/')) return rest(site, request, rest_.slice('/wp-json/wc/v3'.length));
    return json(404, { code: 'not_found' });
  }, options.port);
  baseUrl = server.url;
  return { ...server, siteUrl: (site: string) => `${server.url}/sites/${site}` };
}
