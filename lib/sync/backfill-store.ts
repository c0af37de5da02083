import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { markStoreNeedsReconnection } from '@/lib/stores/connect-store';
import { countSourceOrders, fetchSourcePage } from '@/lib/sync/order-source';
import { recordSourceOrders } from '@/lib/sync/record-source-orders';
import { withAdvisoryLock } from '@/lib/db/advisory-lock';
import { hasApiAccess, loadSyncStore } from '@/lib/sync/sync-store-access';

export type TBackfillOutcome = 'done' | 'paused' | 'busy' | 'skipped' | 'needs_reconnection';

/**
 * Reads the store's orders of the last BACKFILL_DAYS days, page by page, into recordOrder. The
 * cursor is saved after every page, so a restarted worker resumes where it stopped; pages read
 * twice change nothing (recordOrder is idempotent). `shouldStop` lets a stopping worker pause.
 */
export async function backfillStore(tenantId: string, storeId: string, shouldStop: () => boolean = () => false): Promise<TBackfillOutcome> {
  const outcome = await withAdvisoryLock(`backfill:${tenantId}:${storeId}`, async (): Promise<TBackfillOutcome> => {
    const store = await loadSyncStore(tenantId, storeId);
    if (!store || store.status !== 'active' || !hasApiAccess(store)) return 'skipped';
    const sync = await db().storeSync.upsert({ where: { tenantId_storeId: { tenantId, storeId } }, create: { tenantId, storeId }, update: {} });
    if (sync.backfillStatus === 'done') return 'skipped';

    const where = { tenantId_storeId: { tenantId, storeId } };
    let since = sync.backfillSince;
    let cursor = sync.backfillCursor;
    let done = sync.backfillDone;
    let total = sync.backfillTotal;
    try {
      if (sync.backfillStatus !== 'running' || !since) {
        const startedAt = new Date();
        since = new Date(startedAt.getTime() - env().BACKFILL_DAYS * 86_400_000);
        total = await countSourceOrders(store, 'created', since);
        cursor = null;
        done = 0;
        await db().storeSync.update({
          where,
          data: { backfillStatus: 'running', backfillSince: since, backfillStartedAt: startedAt, backfillFinishedAt: null, backfillDone: 0, backfillTotal: total, backfillCursor: null, backfillError: null },
        });
      }
      for (;;) {
        const page = await fetchSourcePage(store, { field: 'created', since, cursor });
        await recordSourceOrders(store, page.payloads, `${store.platform}:backfill`);
        done += page.payloads.length;
        total = page.total ?? total;
        cursor = page.nextCursor;
        if (!cursor) {
          // Reconciliation takes over from when the backfill began.
          await db().storeSync.update({
            where,
            data: { backfillStatus: 'done', backfillDone: done, backfillTotal: total ?? done, backfillCursor: null, backfillFinishedAt: new Date(), reconcileWatermark: sync.reconcileWatermark ?? sync.backfillStartedAt ?? new Date() },
          });
          return 'done';
        }
        await db().storeSync.update({ where, data: { backfillDone: done, backfillTotal: total, backfillCursor: cursor, backfillError: null } });
        if (shouldStop()) return 'paused';
      }
    } catch (error) {
      // A token another worker refreshed meanwhile is not a broken store: the job tries again.
      if (error instanceof StoreAuthorizationError && (await markStoreNeedsReconnection(tenantId, storeId, error))) {
        await db().storeSync.update({ where, data: { backfillStatus: 'failed', backfillError: error.message } });
        return 'needs_reconnection';
      }
      await db().storeSync.update({ where, data: { backfillError: (error as Error).message.slice(0, 1000) } });
      logger.warn({ err: error, storeId }, 'backfill page failed; it will be retried');
      throw error;
    }
  });
  return outcome ?? 'busy';
}
