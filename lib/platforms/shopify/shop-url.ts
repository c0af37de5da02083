import { env } from '@/lib/env';

/** A shop's base URL: https://{shop} in production, a local fake in tests (SHOPIFY_SHOP_URL_TEMPLATE). */
export function shopUrl(shop: string): string {
  return env().SHOPIFY_SHOP_URL_TEMPLATE.replace('{shop}', shop).replace(/\/+$/, '');
}

/** Points a https://{shop}.myshopify.com/... URL at the configured shop base. */
export function rewriteShopifyUrl(url: string): string {
  const match = url.match(/^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)(\/.*)?$/i);
  return match ? `${shopUrl(match[1]!.toLowerCase())}${match[2] ?? ''}` : url;
}
