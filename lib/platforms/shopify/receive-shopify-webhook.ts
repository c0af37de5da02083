import { isDatabaseUnavailable } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { acceptWebhookEvent, keptHeaders } from '@/lib/webhooks/accept-webhook-event';
import { readRawBody } from '@/lib/webhooks/read-raw-body';
import { webhookResponses } from '@/lib/webhooks/webhook-responses';
import { isJsonContentType } from '@/lib/webhooks/is-json-content-type';
import { unsafeFindStoreByRoute } from '@/lib/stores/unsafe-find-store-by-route';
import { normalizeShopDomain } from '@/lib/stores/route-key';
import { shopify } from '@/lib/platforms/shopify/shopify-api';

const orderTopics = new Set(['ORDERS_CREATE', 'ORDERS_UPDATED', 'ORDERS_CANCELLED']);

/** POST /api/webhooks/shopify — verify, store in the inbox, enqueue, answer. */
export async function receiveShopifyWebhook(request: Request): Promise<Response> {
  const body = await readRawBody(request);
  if (body === 'too_large') return webhookResponses.tooLarge();
  const shopDomain = request.headers.get('x-shopify-shop-domain') ?? request.headers.get('shopify-shop-domain');
  if (!shopDomain) return webhookResponses.unauthorized();
  try {
    const store = await unsafeFindStoreByRoute('shopify', normalizeShopDomain(shopDomain));
    if (!store) return webhookResponses.unauthorized();

    const rawBody = body.toString('utf8');
    // The library checks the base64 HMAC of the raw body with the app secret, in constant time.
    const check = await shopify().webhooks.validate({ rawBody, rawRequest: request });
    if (!check.valid) return webhookResponses.unauthorized();
    if (!isJsonContentType(request.headers.get('content-type'))) return webhookResponses.notJsonContentType();
    try {
      JSON.parse(rawBody);
    } catch {
      return webhookResponses.notJson();
    }

    const topic = (request.headers.get('x-shopify-topic') ?? request.headers.get('shopify-topic') ?? check.topic).toLowerCase();
    const deliveryKey = check.eventId ?? check.webhookId;
    const result = await acceptWebhookEvent({
      tenantId: store.tenantId,
      storeId: store.storeId,
      platform: 'shopify',
      topic,
      dedupKey: `shopify:${normalizeShopDomain(shopDomain)}:${topic}:${deliveryKey}`,
      headers: keptHeaders(request, ['x-shopify-', 'shopify-']),
      rawBody,
      ignoredReason: orderTopics.has(check.topic) ? undefined : `Topic ${topic} is not handled`,
    });
    return result.isRepeat ? webhookResponses.repeat() : webhookResponses.accepted();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return webhookResponses.databaseUnavailable();
    logger.error({ err: error }, 'Shopify webhook failed');
    throw error;
  }
}
