import { PlatformRequestError } from '@/lib/platforms/platform-errors';
import { createShopifyFulfillment } from '@/lib/platforms/shopify/create-shopify-fulfillment';
import { completeWooOrder } from '@/lib/platforms/woocommerce/complete-woo-order';
import { shipTikTokPackage } from '@/lib/platforms/tiktok/ship-tiktok-package';
import { hasApiAccess, loadSyncStore } from '@/lib/sync/sync-store-access';
import type { TTracking } from '@/lib/fulfillment/tracking';

/** Sends the supplier's tracking back to the channel the order came from. */
export async function pushTrackingToChannel(order: { tenantId: string; storeId: string; externalId: string }, tracking: TTracking): Promise<void> {
  const store = await loadSyncStore(order.tenantId, order.storeId);
  if (!store || store.status !== 'active' || !hasApiAccess(store)) throw new PlatformRequestError('The store is not connected: reconnect it to send tracking', 409);
  const { credentials } = store;
  switch (store.platform) {
    case 'shopify':
      return createShopifyFulfillment({ shop: store.shopDomain!, accessToken: credentials.accessToken! }, order.externalId, tracking);
    case 'woocommerce':
      return completeWooOrder({ siteUrl: store.siteUrl!, consumerKey: credentials.consumerKey!, consumerSecret: credentials.consumerSecret! }, order.externalId, tracking);
    case 'tiktok':
      return shipTikTokPackage({ shopCipher: store.shopCipher!, accessToken: credentials.accessToken! }, order.externalId, tracking);
  }
}
