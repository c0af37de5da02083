import { pool, withTransaction } from '@/lib/db/client';
import { notFound } from '@/lib/errors/app-error';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import type { TCanonicalOrder } from '@/lib/orders/canonical-order';
import { withTenant } from '@/lib/db/tenant-scope';

/**
 * A Shopify store set to skip TikTok-origin orders, in a tenant whose TikTok shop is connected
 * directly: the order is already here from TikTok, this copy is not recorded.
 */
export async function isSkippedTikTokOrigin(tenantId: string, storeId: string, order: Pick<TCanonicalOrder, 'origin'>): Promise<boolean> {
  if (order.origin?.platform !== 'tiktok') return false;
  const { rows } = await pool().query<{ skip: boolean }>(
    `SELECT s.skip_tiktok_origin AND EXISTS (SELECT 1 FROM stores t WHERE t.tenant_id = s.tenant_id AND t.platform = 'tiktok' AND t.status = 'active') AS skip
       FROM stores s WHERE s.tenant_id = $1 AND s.id = $2`,
    [tenantId, storeId],
  );
  return Boolean(rows[0]?.skip);
}

export const skippedTikTokOriginReason = 'TikTok Shop order skipped: the TikTok shop is connected directly';

export type TTikTokOriginOverlap = { storeId: string; storeName: string; tiktokOriginOrders: number; skipping: boolean };

/**
 * Shopify stores that also bring in TikTok Shop orders while a TikTok shop is connected directly:
 * the Stores page warns about each, with the setting to skip those orders.
 */
export async function findTikTokOriginOverlaps(tenantId: string): Promise<TTikTokOriginOverlap[]> {
  const { rows } = await pool().query<{ store_id: string; name: string; orders: number; skip: boolean }>(
    `SELECT s.id AS store_id, s.name, s.skip_tiktok_origin AS skip,
            (SELECT count(*)::int FROM orders o WHERE o.tenant_id = s.tenant_id AND o.store_id = s.id AND o.origin_platform = 'tiktok') AS orders
       FROM stores s
      WHERE s.tenant_id = $1 AND s.platform = 'shopify' AND s.status <> 'disconnected'
        AND EXISTS (SELECT 1 FROM stores t WHERE t.tenant_id = s.tenant_id AND t.platform = 'tiktok' AND t.status = 'active')
      ORDER BY s.name`,
    [tenantId],
  );
  return rows.filter((row) => row.orders > 0 || row.skip).map((row) => ({ storeId: row.store_id, storeName: row.name, tiktokOriginOrders: row.orders, skipping: row.skip }));
}

/** Turns the per-store setting on or off, audited. */
export async function setSkipTikTokOrigin(tenantId: string, storeId: string, skip: boolean, actor: TAuditActor): Promise<void> {
  return withTenant(tenantId, async () => {
    await withTransaction(async (sql) => {
      const { rows } = await sql.query<{ skip: boolean }>(
        `SELECT skip_tiktok_origin AS skip FROM stores WHERE tenant_id = $1 AND id = $2 AND platform = 'shopify' FOR UPDATE`,
        [tenantId, storeId],
      );
      if (!rows[0]) throw notFound('Store not found');
      if (rows[0].skip === skip) return;
      await sql.query(`UPDATE stores SET skip_tiktok_origin = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, storeId, skip]);
      await recordAuditEvent(sql, { tenantId, actor, action: 'store.skip_tiktok_origin_changed', subjectType: 'store', subjectId: storeId, before: { skip: rows[0].skip }, after: { skip } });
    });
  });
}
