import { createHmac, randomBytes } from 'node:crypto';

// WooCommerce over plain http accepts only OAuth 1.0a one-legged signatures (platforms.md B8);
// over https it takes HTTP Basic. This signs a request the way WooCommerce checks it.

const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

/** The oauth_* query parameters for `method url` with `query`, signed with HMAC-SHA256. */
export function oauth1Parameters(input: { method: string; url: string; query: Record<string, string>; consumerKey: string; consumerSecret: string }): Record<string, string> {
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
  };
  return { ...oauth, oauth_signature: oauth1Signature({ ...input, oauth }) };
}

export function oauth1Signature(input: { method: string; url: string; query: Record<string, string>; oauth: Record<string, string>; consumerSecret: string }): string {
  const parameters = { ...input.query, ...input.oauth };
  const normalized = Object.keys(parameters)
    .filter((key) => key !== 'oauth_signature')
    .sort()
    .map((key) => `${encode(key)}=${encode(parameters[key]!)}`)
    .join('&');
  const base = [input.method.toUpperCase(), encode(input.url), encode(normalized)].join('&');
  return createHmac('sha256', `${encode(input.consumerSecret)}&`).update(base).digest('base64');
}
