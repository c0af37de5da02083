import { createHmac, randomUUID } from 'node:crypto';

/**
 * An App Bridge session token as Shopify signs it: an HS256 JWT with the app secret, audience
 * the API key, `dest` the shop (platforms.md A7). Overrides let tests forge, expire or retarget it.
 */
export function signSessionToken(
  shop: string,
  overrides: { secret?: string; audience?: string; expiresInSeconds?: number; subject?: string } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: overrides.audience ?? process.env.SHOPIFY_API_KEY,
    sub: overrides.subject ?? '42',
    exp: now + (overrides.expiresInSeconds ?? 60),
    nbf: now - 5,
    iat: now - 5,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac('sha256', overrides.secret ?? process.env.SHOPIFY_API_SECRET!).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}
