import { pool } from '@/lib/db/client';
import type { TPlatform } from '@/lib/orders/canonical-order';

export type TRoutedStore = {
  tenantId: string;
  storeId: string;
  platform: TPlatform;
  siteUrl: string | null;
  credentials: string | null;
};

/**
 * Finds the active store a webhook is addressed to, across tenants: the tenant is not known yet
 * when a webhook arrives. Only webhook routes may call it, and only before the signature check.
 */
export async function unsafeFindStoreByRoute(platform: TPlatform, routeKey: string): Promise<TRoutedStore | null> {
  // Postgres refuses a NUL in a text parameter; such a key names no store.
  if (!routeKey || routeKey.length > 255 || routeKey.includes('\u0000')) return null;
  const { rows } = await pool().query<{ tenant_id: string; id: string; platform: TPlatform; site_url: string | null; credentials: string | null }>(
    `SELECT s.tenant_id, s.id, s.platform, s.site_url, s.credentials
       FROM store_routes r
       JOIN stores s ON s.tenant_id = r.tenant_id AND s.id = r.store_id
      WHERE r.platform = $1 AND r.route_key = $2 AND s.status = 'active'`,
    [platform, routeKey],
  );
  const row = rows[0];
  if (!row) return null;
  return { tenantId: row.tenant_id, storeId: row.id, platform: row.platform, siteUrl: row.site_url, credentials: row.credentials };
}
