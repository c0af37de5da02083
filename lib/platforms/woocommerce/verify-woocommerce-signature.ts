import { hmacSha256, isSameSignature } from '@/lib/crypto/hmac';

/** base64 HMAC-SHA256 of the exact body bytes with the webhook's secret (platforms.md B2). */
export function isValidWooCommerceSignature(rawBody: Buffer, secret: string, signature: string | null): boolean {
  return isSameSignature(hmacSha256(secret, rawBody, 'base64'), signature);
}
