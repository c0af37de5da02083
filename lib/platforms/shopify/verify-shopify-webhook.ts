import { createHmac } from 'node:crypto';
import { isSameSignature } from '@/lib/crypto/hmac';
import { headerOf, type TWebhookDelivery } from '@/lib/webhooks/webhook-delivery';

export type TShopifyWebhookCheck = { valid: false } | { valid: true; topic: string; webhookId: string; eventId: string | null };

// Classic webhooks carry X-Shopify-* headers; deliveries of the newer events API carry shopify-*.
const headerNames = {
  webhooks: { hmac: 'x-shopify-hmac-sha256', topic: 'x-shopify-topic', domain: 'x-shopify-shop-domain', apiVersion: 'x-shopify-api-version', webhookId: 'x-shopify-webhook-id', eventId: 'x-shopify-event-id' },
  events: { hmac: 'shopify-hmac-sha256', topic: 'shopify-topic', domain: 'shopify-shop-domain', apiVersion: 'shopify-api-version', webhookId: 'shopify-webhook-id', eventId: 'shopify-event-id' },
};

/**
 * Checks a Shopify webhook the way @shopify/shopify-api's webhooks.validate() does — base64
 * HMAC-SHA256 of the body with the app secret, compared in constant time, then the headers every
 * delivery carries (the events API also needs its event id) — but over the raw bytes, and without
 * the library's per-request header rewriting, which took a fifth of the web process' CPU at
 * a few hundred webhooks a second (bench/results/2026-11-27-*.md).
 * The topic comes back as the library gives it: `orders/create` → `ORDERS_CREATE`.
 */
export function verifyShopifyWebhook(headers: TWebhookDelivery['headers'], rawBody: Buffer, appSecret: string): TShopifyWebhookCheck {
  const header = (name: string) => headerOf({ headers }, name);
  const names = header(headerNames.events.hmac) !== null ? headerNames.events : headerNames.webhooks;
  if (!rawBody.length) return { valid: false };
  const expected = createHmac('sha256', appSecret).update(rawBody).digest('base64');
  if (!isSameSignature(expected, header(names.hmac))) return { valid: false };
  const topic = header(names.topic);
  const webhookId = header(names.webhookId);
  const eventId = header(names.eventId);
  if (!topic || !webhookId || !header(names.domain) || !header(names.apiVersion)) return { valid: false };
  if (names === headerNames.events && !eventId) return { valid: false };
  return { valid: true, topic: topic.toUpperCase().replace(/\/|\./g, '_'), webhookId, eventId: eventId || null };
}
