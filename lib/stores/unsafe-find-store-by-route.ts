import { systemPool } from '@/lib/db/client';
import type { TPlatform } from '@/lib/orders/canonical-order';

export type TRoutedStore = {
  tenantId: string;
  storeId: string;
  platform: TPlatform;
  status: 'active' | 'disconnected' | 'needs_reconnection';
  siteUrl: string | null;
  credentials: string | null;
};

// Every webhook needs its store before anything else; a flash sale sends hundreds a second to the
// same few. Found stores are kept for a few seconds, so a disconnected store or a rotated secret
// takes effect within that time. Unknown routes are not kept: a store just added works at once.
const cacheMs = 5_000;
const cacheLimit = 10_000;
const found = new Map<string, { store: TRoutedStore; until: number }>();

/**
 * Finds the store a webhook (or a platform's callback) is addressed to, across tenants: the tenant
 * is not known yet at that point. Only active stores unless `includeInactive` (compliance
 * webhooks still arrive for an uninstalled shop). `fresh` reads past the cache and leaves it alone:
 * for the deliveries that change a store's state.
 */
export async function unsafeFindStoreByRoute(platform: TPlatform, routeKey: string, options: { includeInactive?: boolean; fresh?: boolean } = {}): Promise<TRoutedStore | null> {
  // Postgres refuses a NUL in a text parameter; such a key names no store.
  if (!routeKey || routeKey.length > 255 || routeKey.includes('\u0000')) return null;
  const key = `${platform}:${routeKey}:${options.includeInactive ? 'any' : 'active'}`;
  const cached = options.fresh ? undefined : found.get(key);
  if (cached && cached.until > Date.now()) return cached.store;
  const { rows } = await systemPool().query<{ tenant_id: string; id: string; platform: TPlatform; status: TRoutedStore['status']; site_url: string | null; credentials: string | null }>(
    `SELECT s.tenant_id, s.id, s.platform, s.status, s.site_url, s.credentials
       FROM store_routes r
       JOIN stores s ON s.tenant_id = r.tenant_id AND s.id = r.store_id
      WHERE r.platform = $1 AND r.route_key = $2 AND ($3 OR s.status = 'active')`,
    [platform, routeKey, Boolean(options.includeInactive)],
  );
  const row = rows[0];
  if (!row) {
    found.delete(key);
    return null;
  }
  const store: TRoutedStore = { tenantId: row.tenant_id, storeId: row.id, platform: row.platform, status: row.status, siteUrl: row.site_url, credentials: row.credentials };
  if (options.fresh) return store;
  if (found.size >= cacheLimit) found.clear();
  found.set(key, { store, until: Date.now() + cacheMs });
  return store;
}

/** Drops what this process keeps of a route: an uninstall webhook means the store is going away. */
export function forgetRoutedStore(platform: TPlatform, routeKey: string): void {
  for (const scope of ['any', 'active']) found.delete(`${platform}:${routeKey}:${scope}`);
}
