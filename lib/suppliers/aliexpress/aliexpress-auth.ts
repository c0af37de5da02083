import { env } from '@/lib/env';
import { appUrl } from '@/lib/auth/app-url';
import { aliexpressSystemCall } from '@/lib/suppliers/aliexpress/aliexpress-api';
import { expiryOf } from '@/lib/platforms/tiktok/tiktok-auth';

export type TAliExpressTokens = {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt?: string;
  userId: string;
  account: string | null;
};

export const aliexpressCallbackPath = '/api/suppliers/aliexpress/callback';

export function aliexpressAuthorizeUrl(state: string): string {
  const url = new URL('/oauth/authorize', env().ALIEXPRESS_API_BASE);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('force_auth', 'true');
  url.searchParams.set('client_id', env().ALIEXPRESS_APP_KEY);
  url.searchParams.set('redirect_uri', `${appUrl()}${aliexpressCallbackPath}`);
  url.searchParams.set('state', state);
  return url.toString();
}

function tokensOf(body: Record<string, unknown>): TAliExpressTokens {
  const number = (value: unknown) => (value === undefined || value === null ? null : Number(value));
  // expire_time is an absolute time in ms; expires_in a number of seconds. Either may come.
  const expireTime = number(body.expire_time);
  const accessExpiry = expireTime && expireTime > 1e12 ? new Date(expireTime) : expiryOf(number(body.expires_in));
  return {
    accessToken: String(body.access_token),
    refreshToken: String(body.refresh_token ?? ''),
    accessTokenExpiresAt: (accessExpiry ?? new Date(Date.now() + 24 * 3600_000)).toISOString(),
    refreshTokenExpiresAt: expiryOf(number(body.refresh_expires_in))?.toISOString(),
    userId: String(body.user_id ?? body.account_id ?? body.havana_id ?? ''),
    account: body.account ? String(body.account) : body.user_nick ? String(body.user_nick) : null,
  };
}

export async function createAliExpressToken(code: string): Promise<TAliExpressTokens> {
  return tokensOf(await aliexpressSystemCall('/auth/token/create', { code }));
}

export async function refreshAliExpressToken(refreshToken: string): Promise<TAliExpressTokens> {
  return tokensOf(await aliexpressSystemCall('/auth/token/refresh', { refresh_token: refreshToken }));
}
