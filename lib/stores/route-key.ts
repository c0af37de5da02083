import type { TPlatform } from '@/lib/orders/canonical-order';

/** How a webhook finds its store: the shop domain, the WooCommerce store id, the TikTok shop id. */
export function normalizeShopDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

export function routeKeyOf(platform: TPlatform, store: { id: string; shopDomain?: string | null; shopId?: string | null }): string {
  if (platform === 'shopify') return normalizeShopDomain(store.shopDomain ?? '');
  if (platform === 'tiktok') return (store.shopId ?? '').trim();
  return store.id;
}
