import { db } from '@/lib/db/client';
import { withWaitingAdvisoryLock } from '@/lib/db/advisory-lock';
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

function expiresSoon(credentials: TStoreCredentials): boolean {
  return Boolean(credentials.refreshToken && credentials.accessTokenExpiresAt) && new Date(credentials.accessTokenExpiresAt as string).getTime() - Date.now() < refreshAheadMs;
}

/** A store with its credentials opened; TikTok tokens that expire within a day are refreshed first. */
export async function loadSyncStore(tenantId: string, storeId: string): Promise<TSyncStore | null> {
  const store = await db().store.findFirst({
    where: { tenantId, id: storeId },
    select: { platform: true, status: true, shopDomain: true, siteUrl: true, shopCipher: true, credentials: true },
  });
  if (!store) return null;
  let credentials = openStoreCredentials(store.credentials);
  if (store.platform === 'tiktok' && expiresSoon(credentials)) credentials = await refreshTikTokStore(tenantId, storeId);
  return { tenantId, storeId, platform: store.platform, status: store.status, shopDomain: store.shopDomain, siteUrl: store.siteUrl, shopCipher: store.shopCipher, credentials };
}

/** The lock a TikTok token refresh holds for the tenant (one authorization covers its shops). */
export function tiktokTokenLock(tenantId: string): string {
  return `tiktok-token:${tenantId}`;
}

/**
 * Refreshes under a lock and re-reads inside it: TikTok retires the old refresh token, so a second
 * worker refreshing with it would fail. One authorization covers every shop the seller chose, so
 * all of them move to the new tokens.
 */
async function refreshTikTokStore(tenantId: string, storeId: string): Promise<TStoreCredentials> {
  return withWaitingAdvisoryLock(tiktokTokenLock(tenantId), async () => {
    const store = await db().store.findFirstOrThrow({ where: { tenantId, id: storeId }, select: { credentials: true } });
    const latest = openStoreCredentials(store.credentials);
    if (!expiresSoon(latest)) return latest;
    const previousRefreshToken = latest.refreshToken as string;
    const tokens = await refreshTikTokTokens(previousRefreshToken);
    const siblings = await db().store.findMany({ where: { tenantId, platform: 'tiktok' }, select: { id: true, credentials: true } });
    for (const sibling of siblings) {
      const opened = openStoreCredentials(sibling.credentials);
      if (sibling.id !== storeId && opened.refreshToken !== previousRefreshToken) continue;
      await db().store.update({ where: { tenantId_id: { tenantId, id: sibling.id } }, data: { credentials: sealStoreCredentials({ ...opened, ...tokens }) } });
    }
    return { ...latest, ...tokens };
  });
}

/** Whether the hub can read this store's orders from the platform (stores added by hand may not). */
export function hasApiAccess(store: TSyncStore): boolean {
  const { credentials } = store;
  if (store.platform === 'shopify') return Boolean(store.shopDomain && credentials.accessToken);
  if (store.platform === 'woocommerce') return Boolean(store.siteUrl && credentials.consumerKey && credentials.consumerSecret);
  return Boolean(store.shopCipher && credentials.accessToken);
}
