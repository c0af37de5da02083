import { logger } from '@/lib/log';
import { PlatformRequestError, retryAfterMs, sleep, StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { shopifyApiVersion } from '@/lib/platforms/shopify/shopify-api-version';
import { shopUrl } from '@/lib/platforms/shopify/shop-url';

export type TShopifyAccess = { shop: string; accessToken: string };

type TGraphqlError = { message: string; extensions?: { code?: string } };
type TThrottle = { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable: number; restoreRate: number } };
type TGraphqlResponse<T> = { data?: T; errors?: TGraphqlError[]; extensions?: { cost?: TThrottle } };

const maxAttempts = 6;

/**
 * One Admin GraphQL call, with Shopify's manners: 429 waits for Retry-After, a THROTTLED query
 * waits until the bucket holds its cost (leaky bucket: restoreRate points a second), 5xx backs
 * off. 401/403 mean the token no longer works.
 */
export async function shopifyGraphql<T>(access: TShopifyAccess, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const url = `${shopUrl(access.shop)}/admin/api/${shopifyApiVersion}/graphql.json`;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': access.accessToken },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    if (response.status === 401 || response.status === 403) {
      throw new StoreAuthorizationError('shopify', `Shopify refused the access token (${response.status})`, access.accessToken);
    }
    if (response.status === 429 || response.status >= 500) {
      if (attempt >= maxAttempts) throw new PlatformRequestError(`Shopify answered ${response.status}`, response.status);
      await sleep(retryAfterMs(response.headers.get('retry-after'), 500 * 2 ** attempt));
      continue;
    }
    const body = (await response.json()) as TGraphqlResponse<T>;
    const throttled = body.errors?.some((error) => error.extensions?.code === 'THROTTLED');
    if (throttled) {
      if (attempt >= maxAttempts) throw new PlatformRequestError('Shopify kept throttling the query', 429);
      const cost = body.extensions?.cost;
      const missing = (cost?.requestedQueryCost ?? 50) - (cost?.throttleStatus?.currentlyAvailable ?? 0);
      const waitMs = Math.min(Math.max((missing / (cost?.throttleStatus?.restoreRate ?? 50)) * 1000, 250), 20_000);
      logger.info({ shop: access.shop, waitMs }, 'Shopify throttled a query; waiting for the bucket');
      await sleep(waitMs);
      continue;
    }
    if (!response.ok || body.errors?.length || !body.data) {
      throw new PlatformRequestError(`Shopify GraphQL failed: ${body.errors?.map((error) => error.message).join('; ') ?? response.status}`, response.status);
    }
    return body.data;
  }
}
