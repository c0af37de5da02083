import '@shopify/shopify-api/adapters/web-api';
import { LogSeverity, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { env } from '@/lib/env';
import { appUrl } from '@/lib/auth/app-url';
import { rewriteShopifyUrl } from '@/lib/platforms/shopify/shop-url';
import { shopifyApiVersion } from '@/lib/platforms/shopify/shopify-api-version';

// The library calls https://{shop}/admin/oauth/access_token itself; every such call goes through
// the configured shop base, so the same code path reaches a local fake in tests.
setAbstractFetchFunc((input, init) => fetch(rewriteShopifyUrl(typeof input === 'string' ? input : input.toString()), init));

const globalForShopify = globalThis as unknown as { orderHubShopify?: Shopify };

/** The configured @shopify/shopify-api instance (HMAC, session tokens, OAuth). */
export function shopify(): Shopify {
  if (!globalForShopify.orderHubShopify) {
    const url = new URL(appUrl());
    globalForShopify.orderHubShopify = shopifyApi({
      apiKey: env().SHOPIFY_API_KEY,
      apiSecretKey: env().SHOPIFY_API_SECRET,
      scopes: ['read_orders', 'write_orders', 'read_fulfillments', 'write_fulfillments'],
      hostName: url.host,
      hostScheme: url.protocol === 'http:' ? 'http' : 'https',
      apiVersion: shopifyApiVersion,
      isEmbeddedApp: true,
      logger: { level: LogSeverity.Error, httpRequests: false, timestamps: false },
    });
  }
  return globalForShopify.orderHubShopify;
}
