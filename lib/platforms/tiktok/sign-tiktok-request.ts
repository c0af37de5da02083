import { hmacSha256 } from '@/lib/crypto/hmac';

/**
 * TikTok Shop API signature (platforms.md C2): the path, then every query parameter except
 * `sign` and `access_token` as key+value sorted by key, then the raw body for non-GET requests,
 * wrapped in the app secret on both sides; lowercase hex HMAC-SHA256 keyed with the secret.
 */
export function signTikTokRequest(input: { path: string; query: Record<string, string>; body?: string; appSecret: string }): string {
  const parameters = Object.keys(input.query)
    .filter((key) => key !== 'sign' && key !== 'access_token')
    .sort()
    .map((key) => key + input.query[key])
    .join('');
  const message = input.appSecret + input.path + parameters + (input.body ?? '') + input.appSecret;
  return hmacSha256(input.appSecret, message, 'hex');
}

/** The Authorization header of a TikTok Shop webhook: hex HMAC-SHA256 of app_key + raw body. */
export function signTikTokWebhook(appKey: string, appSecret: string, rawBody: Buffer | string): string {
  return hmacSha256(appSecret, Buffer.concat([Buffer.from(appKey), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody)]), 'hex');
}
