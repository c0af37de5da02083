import { db } from '@/lib/db/client';
import type { TPlatform } from '@/lib/orders/canonical-order';
import { openStoreCredentials, sealStoreCredentials, type TStoreCredentials } from '@/lib/stores/store-credentials';
import { refreshTikTokTokens } from '@/lib/platforms/tiktok/tiktok-auth';

export type TSyncStore = {
  tenantId: string;
  storeId: string;
  platform: TPlatform;
  status: string;
  shopDomain: string | null;
  siteUrl: string | null;
  shopCipher: string | null;
  credentials: TStoreCredentials;
};

const refreshAheadMs = 24 * 3600 * 1000;

/** A store with its credentials opened; TikTok tokens that expire within a day are refreshed first. */
export async function loadSyncStore(tenantId: string, storeId: string): Promise<TSyncStore | null> {
  const store = await db().store.findFirst({
    where: { tenantId, id: storeId },
    select: { platform: true, status: true, shopDomain: true, siteUrl: true, shopCipher: true, credentials: true },
  });
  if (!store) return null;
  let credentials = openStoreCredentials(store.credentials);
  if (store.platform === 'tiktok' && credentials.refreshToken && credentials.accessTokenExpiresAt) {
    if (new Date(credentials.accessTokenExpiresAt).getTime() - Date.now() < refreshAheadMs) {
      credentials = { ...credentials, ...(await refreshTikTokTokens(credentials.refreshToken)) };
      await db().store.update({ where: { tenantId_id: { tenantId, id: storeId } }, data: { credentials: sealStoreCredentials(credentials) } });
    }
  }
  return { tenantId, storeId, platform: store.platform, status: store.status, shopDomain: store.shopDomain, siteUrl: store.siteUrl, shopCipher: store.shopCipher, credentials };
}

/** Whether the hub can read this store's orders from the platform (stores added by hand may not). */
export function hasApiAccess(store: TSyncStore): boolean {
  const { credentials } = store;
  if (store.platform === 'shopify') return Boolean(store.shopDomain && credentials.accessToken);
  if (store.platform === 'woocommerce') return Boolean(store.siteUrl && credentials.consumerKey && credentials.consumerSecret);
  return Boolean(store.shopCipher && credentials.accessToken);
}
