import { isDatabaseUnavailable } from '@/lib/db/client';
import { acceptWebhookEvent, keptHeaders } from '@/lib/webhooks/accept-webhook-event';
import { webhookAnswers } from '@/lib/webhooks/webhook-answers';
import { headerOf, type TWebhookAnswer, type TWebhookDelivery } from '@/lib/webhooks/webhook-delivery';
import { isJsonContentType } from '@/lib/webhooks/is-json-content-type';
import { forgetRoutedStore, unsafeFindStoreByRoute } from '@/lib/stores/unsafe-find-store-by-route';
import { normalizeShopDomain } from '@/lib/stores/route-key';
import { env } from '@/lib/env';
import { verifyShopifyWebhook } from '@/lib/platforms/shopify/verify-shopify-webhook';

const orderTopics = new Set(['ORDERS_CREATE', 'ORDERS_UPDATED', 'ORDERS_CANCELLED']);
// Shopify's mandatory compliance webhooks arrive even for shops that uninstalled (shop/redact
// 48 hours later), so their store is looked up whatever its status.
const complianceTopics = new Set(['CUSTOMERS_DATA_REQUEST', 'CUSTOMERS_REDACT', 'SHOP_REDACT']);
const uninstalledTopic = 'APP_UNINSTALLED';

/** POST /api/webhooks/shopify — verify, store in the inbox, enqueue, answer. */
export async function receiveShopifyWebhook(delivery: TWebhookDelivery): Promise<TWebhookAnswer> {
  const { body } = delivery;
  const shopDomain = headerOf(delivery, 'x-shopify-shop-domain') ?? headerOf(delivery, 'shopify-shop-domain');
  if (!shopDomain) return webhookAnswers.unauthorized();
  // Base64 HMAC of the raw bytes with the app secret, in constant time; no database needed.
  const check = verifyShopifyWebhook(delivery.headers, body, env().SHOPIFY_API_SECRET);
  if (!check.valid) return webhookAnswers.unauthorized();
  if (!isJsonContentType(headerOf(delivery, 'content-type'))) return webhookAnswers.notJsonContentType();
  const rawBody = body.toString('utf8');
  try {
    JSON.parse(rawBody);
  } catch {
    return webhookAnswers.notJson();
  }
  const isCompliance = complianceTopics.has(check.topic);
  const isUninstall = check.topic === uninstalledTopic;
  if (isUninstall) forgetRoutedStore('shopify', normalizeShopDomain(shopDomain));
  try {
    const store = await unsafeFindStoreByRoute('shopify', normalizeShopDomain(shopDomain), { includeInactive: isCompliance, fresh: isCompliance || isUninstall });
    if (!store) return isCompliance || isUninstall ? webhookAnswers.accepted() : webhookAnswers.unauthorized();

    const topic = (headerOf(delivery, 'x-shopify-topic') ?? headerOf(delivery, 'shopify-topic') ?? check.topic).toLowerCase();
    const deliveryKey = check.eventId ?? check.webhookId;
    const isHandled = orderTopics.has(check.topic) || isCompliance || isUninstall;
    const result = await acceptWebhookEvent({
      tenantId: store.tenantId,
      storeId: store.storeId,
      platform: 'shopify',
      topic,
      dedupKey: `shopify:${normalizeShopDomain(shopDomain)}:${topic}:${deliveryKey}`,
      headers: keptHeaders(delivery, ['x-shopify-', 'shopify-']),
      rawBody,
      ignoredReason: isHandled ? undefined : `Topic ${topic} is not handled`,
    });
    return result.isRepeat ? webhookAnswers.repeat() : webhookAnswers.accepted();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return webhookAnswers.databaseUnavailable();
    throw error;
  }
}
