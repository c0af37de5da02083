import { pool } from '@/lib/db/client';
import type { TCanonicalOrder } from '@/lib/orders/canonical-order';

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
