import { env } from '@/lib/env';
import { isDatabaseUnavailable } from '@/lib/db/client';
import { isSameSignature } from '@/lib/crypto/hmac';
import { acceptWebhookEvent, keptHeaders } from '@/lib/webhooks/accept-webhook-event';
import { webhookAnswers } from '@/lib/webhooks/webhook-answers';
import { headerOf, type TWebhookAnswer, type TWebhookDelivery } from '@/lib/webhooks/webhook-delivery';
import { isJsonContentType } from '@/lib/webhooks/is-json-content-type';
import { unsafeFindStoreByRoute } from '@/lib/stores/unsafe-find-store-by-route';
import { signTikTokWebhook } from '@/lib/platforms/tiktok/sign-tiktok-request';

const orderStatusChange = 1;

type TTikTokEnvelope = {
  type?: unknown;
  shop_id?: unknown;
  tts_notification_id?: unknown;
  data?: { order_id?: unknown; update_time?: unknown; order_status?: unknown };
};

function asKey(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** POST /api/webhooks/tiktok — verify, store in the inbox, enqueue, answer. */
export async function receiveTikTokWebhook(delivery: TWebhookDelivery): Promise<TWebhookAnswer> {
  const { body } = delivery;
  // The signature is per app, not per shop: it is checked before the body is even parsed.
  const expected = signTikTokWebhook(env().TIKTOK_APP_KEY, env().TIKTOK_APP_SECRET, body);
  if (!isSameSignature(expected, headerOf(delivery, 'authorization')?.trim().toLowerCase())) return webhookAnswers.unauthorized();
  if (!isJsonContentType(headerOf(delivery, 'content-type'))) return webhookAnswers.notJsonContentType();

  const rawBody = body.toString('utf8');
  let envelope: TTikTokEnvelope;
  try {
    envelope = JSON.parse(rawBody) as TTikTokEnvelope;
  } catch {
    return webhookAnswers.notJson();
  }
  if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) return webhookAnswers.notJson();
  try {
    const store = await unsafeFindStoreByRoute('tiktok', asKey(envelope.shop_id));
    if (!store) return webhookAnswers.unauthorized();
    const type = Number(envelope.type);
    const notificationId = asKey(envelope.tts_notification_id);
    const dedupKey = notificationId
      ? `tiktok:${notificationId}`
      : `tiktok:${asKey(envelope.shop_id)}:${asKey(envelope.type)}:${asKey(envelope.data?.order_id)}:${asKey(envelope.data?.update_time)}`;
    const result = await acceptWebhookEvent({
      tenantId: store.tenantId,
      storeId: store.storeId,
      platform: 'tiktok',
      topic: `type:${Number.isFinite(type) ? type : 'unknown'}`,
      dedupKey,
      headers: keptHeaders(delivery, ['x-tts-']),
      rawBody,
      ignoredReason: type === orderStatusChange ? undefined : `Notification type ${asKey(envelope.type) || 'unknown'} is not handled`,
    });
    return result.isRepeat ? webhookAnswers.repeat() : webhookAnswers.accepted();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return webhookAnswers.databaseUnavailable();
    throw error;
  }
}
