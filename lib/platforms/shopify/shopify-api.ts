import '@shopify/shopify-api/adapters/web-api';
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { env } from '@/lib/env';

export const shopifyApiVersion = ApiVersion.July25;

const globalForShopify = globalThis as unknown as { orderHubShopify?: Shopify };

/** The configured @shopify/shopify-api instance (HMAC, session tokens, OAuth). */
export function shopify(): Shopify {
  if (!globalForShopify.orderHubShopify) {
    const appUrl = new URL(env().APP_URL ?? `http://localhost:${env().PORT}`);
    globalForShopify.orderHubShopify = shopifyApi({
      apiKey: env().SHOPIFY_API_KEY,
      apiSecretKey: env().SHOPIFY_API_SECRET,
      scopes: ['read_orders', 'write_orders', 'read_fulfillments', 'write_fulfillments'],
      hostName: appUrl.host,
      hostScheme: appUrl.protocol === 'http:' ? 'http' : 'https',
      apiVersion: shopifyApiVersion,
      isEmbeddedApp: true,
      logger: { level: LogSeverity.Error, httpRequests: false, timestamps: false },
    });
  }
  return globalForShopify.orderHubShopify;
}
