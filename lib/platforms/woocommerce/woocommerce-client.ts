import { PlatformRequestError, retryAfterMs, sleep, StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { oauth1Parameters } from '@/lib/platforms/woocommerce/oauth1-sign';

export type TWooAccess = { siteUrl: string; consumerKey: string; consumerSecret: string };

type TWooRequest = { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; query?: Record<string, string>; body?: unknown };

const maxAttempts = 4;

/**
 * A WooCommerce REST v3 call (`{site}/wp-json/wc/v3{path}`). Basic auth over https, OAuth 1.0a
 * over http. 401 means the keys were revoked; 429 and 5xx are retried with backoff.
 */
export async function wooRequest<T>(access: TWooAccess, request: TWooRequest): Promise<{ data: T; headers: Headers }> {
  const method = request.method ?? 'GET';
  const base = `${access.siteUrl.replace(/\/+$/, '')}/wp-json/wc/v3${request.path}`;
  const isHttps = base.startsWith('https://');
  for (let attempt = 1; ; attempt++) {
    const query = { ...request.query };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (isHttps) headers.authorization = `Basic ${Buffer.from(`${access.consumerKey}:${access.consumerSecret}`).toString('base64')}`;
    else Object.assign(query, oauth1Parameters({ method, url: base, query, consumerKey: access.consumerKey, consumerSecret: access.consumerSecret }));
    const url = new URL(base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        redirect: 'error',
        signal: AbortSignal.timeout(20_000),
      });
    } catch (error) {
      if (attempt >= maxAttempts) throw new PlatformRequestError(`WooCommerce at ${access.siteUrl} is unreachable: ${(error as Error).message}`, 0);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    if (response.status === 401 || response.status === 403) {
      throw new StoreAuthorizationError('woocommerce', `WooCommerce refused the API keys (${response.status})`, access.consumerKey);
    }
    if (response.status === 429 || response.status >= 500) {
      if (attempt >= maxAttempts) throw new PlatformRequestError(`WooCommerce answered ${response.status}`, response.status);
      await sleep(retryAfterMs(response.headers.get('retry-after'), 500 * 2 ** attempt));
      continue;
    }
    const text = await response.text();
    let data: T;
    try {
      data = JSON.parse(text) as T;
    } catch {
      throw new PlatformRequestError(`WooCommerce answered ${response.status} with a body that is not JSON`, response.status);
    }
    if (!response.ok) throw new PlatformRequestError(`WooCommerce answered ${response.status}: ${text.slice(0, 200)}`, response.status);
    return { data, headers: response.headers };
  }
}
