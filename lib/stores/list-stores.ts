import { db } from '@/lib/db/client';

export type TStoreJson = {
  id: string;
  platform: 'shopify' | 'woocommerce' | 'tiktok';
  name: string;
  shopDomain: string | null;
  siteUrl: string | null;
  shopId: string | null;
  status: 'active' | 'disconnected' | 'needs_reconnection';
  createdAt: string;
};

/** The tenant's stores, without credentials. */
export async function listStores(tenantId: string): Promise<TStoreJson[]> {
  const stores = await db().store.findMany({
    where: { tenantId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, platform: true, name: true, shopDomain: true, siteUrl: true, shopId: true, status: true, createdAt: true },
  });
  return stores.map((store) => ({ ...store, createdAt: store.createdAt.toISOString() }));
}
