import { db, systemPool } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { reactivateWooWebhooks } from '@/lib/platforms/woocommerce/woocommerce-api';
import { markStoreNeedsReconnection } from '@/lib/stores/connect-store';
import { fetchSourcePage } from '@/lib/sync/order-source';
import { recordSourceOrders } from '@/lib/sync/record-source-orders';
import { withAdvisoryLock } from '@/lib/db/advisory-lock';
import { hasApiAccess, loadSyncStore } from '@/lib/sync/sync-store-access';

// Orders updated a little before the watermark are read again: clocks differ and a platform may
// commit an update after reporting a later one.
const overlapMs = 10 * 60 * 1000;

export type TReconcileResult = { recovered: number; reactivatedWebhooks: number } | 'skipped' | 'busy' | 'needs_reconnection';

/**
 * Reads the orders the platform changed since the store's watermark and records them: it
 * catches every webhook the platform gave up on (Shopify retries for 4 hours, WooCommerce never).
 * Also re-activates WooCommerce webhooks that WooCommerce disabled after failed deliveries.
 */
export async function reconcileStore(tenantId: string, storeId: string): Promise<TReconcileResult> {
  const result = await withAdvisoryLock(`reconcile:${tenantId}:${storeId}`, async (): Promise<TReconcileResult> => {
    const where = { tenantId_storeId: { tenantId, storeId } };
    try {
      const store = await loadSyncStore(tenantId, storeId);
      if (!store || store.status !== 'active' || !hasApiAccess(store)) return 'skipped';
      const sync = await db().storeSync.upsert({ where, create: { tenantId, storeId }, update: {} });
      const startedAt = new Date();
      const from = sync.reconcileWatermark ?? sync.backfillStartedAt ?? new Date(startedAt.getTime() - 86_400_000);
      const since = new Date(from.getTime() - overlapMs);

      let reactivatedWebhooks = 0;
      if (store.platform === 'woocommerce') {
        reactivatedWebhooks = await reactivateWooWebhooks(
          { siteUrl: store.siteUrl!, consumerKey: store.credentials.consumerKey!, consumerSecret: store.credentials.consumerSecret! },
          storeId,
        );
      }
      let recovered = 0;
      let cursor: string | null = null;
      do {
        const page = await fetchSourcePage(store, { field: 'updated', since, cursor });
        recovered += (await recordSourceOrders(store, page.payloads, `${store.platform}:reconcile`)).recovered;
        cursor = page.nextCursor;
      } while (cursor);

      await db().storeSync.update({
        where,
        data: { reconcileWatermark: startedAt, reconcileLastAt: new Date(), reconcileLastRecovered: recovered, reconcileLastError: null },
      });
      if (recovered || reactivatedWebhooks) logger.info({ storeId, recovered, reactivatedWebhooks }, 'reconciliation recovered missed changes');
      return { recovered, reactivatedWebhooks };
    } catch (error) {
      if (error instanceof StoreAuthorizationError && (await markStoreNeedsReconnection(tenantId, storeId, error))) {
        await db().storeSync.updateMany({ where: { tenantId, storeId }, data: { reconcileLastError: error.message, reconcileLastAt: new Date() } });
        return 'needs_reconnection';
      }
      await db().storeSync.updateMany({ where: { tenantId, storeId }, data: { reconcileLastError: (error as Error).message.slice(0, 1000), reconcileLastAt: new Date() } });
      throw error;
    }
  });
  return result ?? 'busy';
}

/** Every store the scheduler should reconcile, across tenants: a system job's view. */
export async function unsafeListStoresToSync(): Promise<Array<{ tenantId: string; storeId: string; backfillStatus: string | null }>> {
  const { rows } = await systemPool().query<{ tenant_id: string; id: string; backfill_status: string | null }>(
    `SELECT s.tenant_id, s.id, y.backfill_status FROM stores s
       LEFT JOIN store_syncs y ON y.tenant_id = s.tenant_id AND y.store_id = s.id
      WHERE s.status = 'active'`,
  );
  return rows.map((row) => ({ tenantId: row.tenant_id, storeId: row.id, backfillStatus: row.backfill_status }));
}
