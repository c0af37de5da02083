import { logger } from '@/lib/log';
import { recordOrder } from '@/lib/orders/record-order';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { normalizeSourceOrder } from '@/lib/sync/order-source';
import { isSkippedTikTokOrigin } from '@/lib/duplicates/skip-tiktok-origin';
import type { TSyncStore } from '@/lib/sync/sync-store-access';

/**
 * Feeds one page of platform orders through the same recordOrder as webhooks. An order the
 * adapter refuses is skipped and logged, never the whole page. Returns how many the page
 * created or changed: what webhooks had not brought.
 */
export async function recordSourceOrders(store: TSyncStore, payloads: unknown[], actorId: string): Promise<{ recovered: number; skipped: number }> {
  let recovered = 0;
  let skipped = 0;
  for (const payload of payloads) {
    let order;
    try {
      order = normalizeSourceOrder(store, payload);
    } catch (error) {
      if (!(error instanceof PayloadValidationError)) throw error;
      skipped++;
      logger.warn({ storeId: store.storeId, reason: error.message }, 'skipped an order the adapter refused');
      continue;
    }
    if (await isSkippedTikTokOrigin(store.tenantId, store.storeId, order)) continue;
    const result = await recordOrder({
      tenantId: store.tenantId,
      storeId: store.storeId,
      platform: store.platform,
      order,
      actor: { type: 'platform', id: actorId },
    });
    if (result.outcome === 'created' || result.outcome === 'updated') recovered++;
  }
  return { recovered, skipped };
}
