import type { TCanonicalOrder } from '@/lib/orders/canonical-order';
import { countShopifyOrders, fetchShopifyOrderPage } from '@/lib/platforms/shopify/fetch-shopify-orders';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { fetchWooOrderPage } from '@/lib/platforms/woocommerce/woocommerce-api';
import { normalizeWooCommerceOrder } from '@/lib/platforms/woocommerce/normalize-woocommerce-order';
import { fetchTikTokOrderPage } from '@/lib/platforms/tiktok/fetch-tiktok-orders';
import { normalizeTikTokOrder } from '@/lib/platforms/tiktok/normalize-tiktok-order';
import type { TSyncStore } from '@/lib/sync/sync-store-access';

// One page of a store's orders from its platform, whatever the platform: the backfill reads by
// creation time, reconciliation by modification time. The cursor is the platform's own.

export type TSyncField = 'created' | 'updated';
export type TSourcePage = { payloads: unknown[]; nextCursor: string | null; total: number | null };

export async function fetchSourcePage(store: TSyncStore, input: { field: TSyncField; since: Date; cursor: string | null }): Promise<TSourcePage> {
  const { credentials } = store;
  switch (store.platform) {
    case 'shopify': {
      const page = await fetchShopifyOrderPage({ shop: store.shopDomain!, accessToken: credentials.accessToken! }, { field: input.field, since: input.since, after: input.cursor });
      return { payloads: page.orders, nextCursor: page.nextCursor, total: null };
    }
    case 'woocommerce': {
      const page = await fetchWooOrderPage(
        { siteUrl: store.siteUrl!, consumerKey: credentials.consumerKey!, consumerSecret: credentials.consumerSecret! },
        { field: input.field, since: input.since, page: input.cursor ? Number(input.cursor) : 1 },
      );
      return { payloads: page.orders, nextCursor: page.nextPage ? String(page.nextPage) : null, total: page.total };
    }
    case 'tiktok': {
      const page = await fetchTikTokOrderPage({ shopCipher: store.shopCipher!, accessToken: credentials.accessToken! }, { field: input.field, since: input.since, pageToken: input.cursor });
      return { payloads: page.orders, nextCursor: page.nextPageToken, total: page.total };
    }
  }
}

/** How many orders a backfill will read, where the platform says so up front (Shopify). */
export async function countSourceOrders(store: TSyncStore, field: TSyncField, since: Date): Promise<number | null> {
  if (store.platform !== 'shopify') return null;
  return countShopifyOrders({ shop: store.shopDomain!, accessToken: store.credentials.accessToken! }, field, since);
}

export function normalizeSourceOrder(store: TSyncStore, payload: unknown): TCanonicalOrder {
  if (store.platform === 'shopify') return normalizeShopifyOrder(payload);
  if (store.platform === 'woocommerce') return normalizeWooCommerceOrder(payload);
  return normalizeTikTokOrder(payload);
}
