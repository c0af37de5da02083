import { pool } from '@/lib/db/client';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import type { TPlatform } from '@/lib/orders/canonical-order';

/** The order id a payload names, read loosely: the payload may be exactly what failed to parse. */
function externalIdIn(platform: TPlatform, rawBody: string): string | null {
  try {
    const payload = parseJsonLossless(rawBody) as Record<string, unknown> & { data?: Record<string, unknown> };
    const candidate =
      platform === 'tiktok'
        ? payload.data?.order_id
        : platform === 'shopify'
          ? (String(payload.admin_graphql_api_id ?? '').match(/\/Order\/(\d+)$/)?.[1] ?? payload.id)
          : payload.id;
    return typeof candidate === 'string' || typeof candidate === 'number' ? String(candidate) : null;
  } catch {
    return null;
  }
}

/**
 * When an update of a known order fails for good, the order itself goes to Needs attention (a
 * failed sync) and the event points at it, so the merchant sees it where they work.
 */
export async function flagOrderOfFailedEvent(event: { tenantId: string; eventId: string; storeId: string; platform: TPlatform; rawBody: string }): Promise<void> {
  const externalId = externalIdIn(event.platform, event.rawBody);
  if (!externalId) return;
  await pool().query(
    `WITH flagged AS (
       UPDATE orders SET attention_reason = COALESCE(attention_reason, 'sync_failed'), updated_at = now()
        WHERE tenant_id = $1 AND store_id = $2 AND external_id = $3
        RETURNING id)
     UPDATE webhook_events SET order_id = (SELECT id FROM flagged) WHERE tenant_id = $1 AND id = $4 AND EXISTS (SELECT 1 FROM flagged)`,
    [event.tenantId, event.storeId, externalId, event.eventId],
  );
}
