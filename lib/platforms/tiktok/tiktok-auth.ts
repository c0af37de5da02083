import { env } from '@/lib/env';
import { PlatformRequestError, StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { tiktokRequest } from '@/lib/platforms/tiktok/tiktok-api';
import { appUrl } from '@/lib/auth/app-url';

export type TTikTokTokens = { accessToken: string; refreshToken: string; accessTokenExpiresAt: string; refreshTokenExpiresAt?: string };

type TTokenData = { access_token: string; access_token_expire_in: number; refresh_token: string; refresh_token_expire_in?: number };

/**
 * Whether `*_expire_in` is an absolute unix time or a number of seconds is not confirmed
 * (platforms.md C1): a value past 2001 in seconds is read as absolute, anything smaller as relative.
 */
export function expiryOf(value: number | undefined | null): Date | null {
  if (!value || !Number.isFinite(value)) return null;
  return value > 1_000_000_000 ? new Date(value * 1000) : new Date(Date.now() + value * 1000);
}

async function tokenCall(path: string, query: Record<string, string>): Promise<TTikTokTokens> {
  const { TIKTOK_AUTH_BASE, TIKTOK_APP_KEY, TIKTOK_APP_SECRET } = env();
  const url = new URL(path, TIKTOK_AUTH_BASE);
  for (const [key, value] of Object.entries({ app_key: TIKTOK_APP_KEY, app_secret: TIKTOK_APP_SECRET, ...query })) url.searchParams.set(key, value);
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  const envelope = (await response.json().catch(() => ({}))) as { code?: number; message?: string; data?: TTokenData };
  if (envelope.code !== 0 || !envelope.data) {
    const code = Number(envelope.code ?? response.status);
    const message = `TikTok Shop token call failed (${code}): ${envelope.message ?? response.statusText}`;
    if (Math.floor(code / 1000) === 105 || Math.floor(code / 1000) === 360 || response.status === 401) throw new StoreAuthorizationError('tiktok', message, query.refresh_token ?? null);
    throw new PlatformRequestError(message, response.status);
  }
  const data = envelope.data;
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token,
    accessTokenExpiresAt: (expiryOf(data.access_token_expire_in) ?? new Date(Date.now() + 3600_000)).toISOString(),
    refreshTokenExpiresAt: expiryOf(data.refresh_token_expire_in)?.toISOString(),
  };
}

export function exchangeTikTokCode(authCode: string): Promise<TTikTokTokens> {
  return tokenCall('/api/v2/token/get', { auth_code: authCode, grant_type: 'authorized_code' });
}

/** A refresh returns a new refresh token too; both must be stored. */
export function refreshTikTokTokens(refreshToken: string): Promise<TTikTokTokens> {
  return tokenCall('/api/v2/token/refresh', { refresh_token: refreshToken, grant_type: 'refresh_token' });
}

export type TAuthorizedShop = { id: string; name: string; region: string; cipher: string };

export async function fetchAuthorizedShops(accessToken: string): Promise<TAuthorizedShop[]> {
  const data = await tiktokRequest<{ shops?: Array<{ id: string; name: string; region: string; cipher: string }> }>({
    path: '/authorization/202309/shops',
    accessToken,
  });
  return (data?.shops ?? []).map((shop) => ({ id: String(shop.id), name: shop.name, region: shop.region, cipher: shop.cipher }));
}

/** Subscribes ORDER_STATUS_CHANGE of one shop to our TikTok webhook route. */
export async function subscribeTikTokOrderWebhook(shop: { shopCipher: string; accessToken: string }): Promise<void> {
  await tiktokRequest({
    method: 'PUT',
    path: '/event/202309/webhooks',
    accessToken: shop.accessToken,
    shopCipher: shop.shopCipher,
    body: { address: `${appUrl()}/api/webhooks/tiktok`, event_type: 'ORDER_STATUS_CHANGE' },
  });
}

export function tiktokAuthorizeUrl(state: string): string {
  const url = new URL(env().TIKTOK_AUTHORIZE_URL);
  url.searchParams.set('service_id', env().TIKTOK_SERVICE_ID);
  url.searchParams.set('state', state);
  return url.toString();
}
