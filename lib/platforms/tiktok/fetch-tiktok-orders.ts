import { env } from '@/lib/env';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { signTikTokRequest } from '@/lib/platforms/tiktok/sign-tiktok-request';
import { TikTokApiError } from '@/lib/platforms/tiktok/tiktok-api-error';

export type TTikTokShopAccess = { shopCipher: string; accessToken: string };

const orderDetailPath = '/order/202309/orders';

/**
 * Get Order Detail (`GET /order/202309/orders?ids=…`, at most 50 ids), signed as platforms.md C2.
 * Returns the raw order objects, big ids intact.
 */
export async function fetchTikTokOrders(access: TTikTokShopAccess, ids: string[]): Promise<unknown[]> {
  const { TIKTOK_API_BASE, TIKTOK_APP_KEY, TIKTOK_APP_SECRET } = env();
  const query: Record<string, string> = {
    app_key: TIKTOK_APP_KEY,
    ids: ids.join(','),
    shop_cipher: access.shopCipher,
    timestamp: String(Math.floor(Date.now() / 1000)),
  };
  query.sign = signTikTokRequest({ path: orderDetailPath, query, appSecret: TIKTOK_APP_SECRET });
  const url = new URL(orderDetailPath, TIKTOK_API_BASE);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);

  const response = await fetch(url, {
    headers: { 'x-tts-access-token': access.accessToken, 'content-type': 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let envelope: { code?: unknown; message?: unknown; data?: { orders?: unknown } };
  try {
    envelope = parseJsonLossless(text) as typeof envelope;
  } catch {
    throw new Error(`TikTok Shop answered ${response.status} with a body that is not JSON`);
  }
  if (envelope.code !== 0) throw new TikTokApiError(Number(envelope.code ?? response.status), String(envelope.message ?? response.statusText));
  const orders = envelope.data?.orders;
  return Array.isArray(orders) ? orders : [];
}
