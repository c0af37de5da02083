import { createHash } from 'node:crypto';
import { isDatabaseUnavailable } from '@/lib/db/client';
import { acceptWebhookEvent, keptHeaders } from '@/lib/webhooks/accept-webhook-event';
import { webhookAnswers } from '@/lib/webhooks/webhook-answers';
import { headerOf, type TWebhookAnswer, type TWebhookDelivery } from '@/lib/webhooks/webhook-delivery';
import { isJsonContentType } from '@/lib/webhooks/is-json-content-type';
import { unsafeFindStoreByRoute } from '@/lib/stores/unsafe-find-store-by-route';
import { openStoreCredentials } from '@/lib/stores/store-credentials';
import { isValidWooCommerceSignature } from '@/lib/platforms/woocommerce/verify-woocommerce-signature';

const orderTopics = new Set(['order.created', 'order.updated', 'order.deleted', 'order.restored']);

/**
 * The dedup key. WooCommerce's delivery id changes every second (wp_hash(webhook id . time)), so
 * it cannot dedup; the order id with its modification time can. A deletion carries only the id.
 */
function dedupKeyOf(source: string, topic: string, payload: Record<string, unknown>, delivery: TWebhookDelivery): string {
  const id = payload.id;
  if (topic === 'order.deleted' && (typeof id === 'number' || typeof id === 'string')) {
    return `woocommerce:${source}:${id}:deleted:${headerOf(delivery, 'x-wc-webhook-delivery-id') ?? createHash('sha256').update(delivery.body).digest('hex')}`;
  }
  const modified = payload.date_modified_gmt;
  if ((typeof id === 'number' || typeof id === 'string') && typeof modified === 'string') return `woocommerce:${source}:${id}:${modified}`;
  return `woocommerce:${source}:sha256:${createHash('sha256').update(delivery.body).digest('hex')}`;
}

/** POST /api/webhooks/woocommerce/{storeId} — verify, store in the inbox, enqueue, answer. */
export async function receiveWooCommerceWebhook(delivery: TWebhookDelivery, storeId: string): Promise<TWebhookAnswer> {
  const { body } = delivery;
  const topic = headerOf(delivery, 'x-wc-webhook-topic');
  try {
    const store = await unsafeFindStoreByRoute('woocommerce', storeId);
    if (!store) return webhookAnswers.unauthorized();
    // Creating a webhook sends an unsigned ping `webhook_id=N` that must get exactly 200.
    if (!topic && /^webhook_id=\d+$/.test(body.toString('utf8').trim())) return webhookAnswers.accepted();

    const { webhookSecret } = openStoreCredentials(store.credentials);
    if (!webhookSecret || !isValidWooCommerceSignature(body, webhookSecret, headerOf(delivery, 'x-wc-webhook-signature'))) {
      return webhookAnswers.unauthorized();
    }
    if (!isJsonContentType(headerOf(delivery, 'content-type'))) return webhookAnswers.notJsonContentType();
    const rawBody = body.toString('utf8');
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody);
    } catch {
      return webhookAnswers.notJson();
    }
    const fields = payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
    const normalizedTopic = (topic ?? 'unknown').toLowerCase();
    const source = (headerOf(delivery, 'x-wc-webhook-source') ?? store.siteUrl ?? storeId).replace(/\/+$/, '');
    let ignoredReason: string | undefined;
    if (!orderTopics.has(normalizedTopic)) ignoredReason = `Topic ${normalizedTopic} is not handled`;
    // The Checkout block's drafts still fire order.updated (woocommerce#66995); they are not orders yet.
    else if (fields.status === 'checkout-draft') ignoredReason = 'Checkout draft, not an order yet';

    const result = await acceptWebhookEvent({
      tenantId: store.tenantId,
      storeId: store.storeId,
      platform: 'woocommerce',
      topic: normalizedTopic,
      dedupKey: dedupKeyOf(source, normalizedTopic, fields, delivery),
      headers: keptHeaders(delivery, ['x-wc-webhook-']),
      rawBody,
      ignoredReason,
    });
    return result.isRepeat ? webhookAnswers.repeat() : webhookAnswers.accepted();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return webhookAnswers.databaseUnavailable();
    throw error;
  }
}
