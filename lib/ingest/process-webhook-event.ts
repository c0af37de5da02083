import { commitTogether, planForAnyTenant, pool, withTransaction } from '@/lib/db/client';
import { batchedByTenant } from '@/lib/db/batched-by-tenant';
import { logger } from '@/lib/log';
import { recordOrderDeleted } from '@/lib/orders/record-order';
import { recordOrderTogether } from '@/lib/orders/record-orders-together';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { interpretWebhookEvent } from '@/lib/ingest/interpret-webhook-event';
import { markEventIgnored, markEventProcessed, recordEventFailure } from '@/lib/ingest/webhook-event-status';
import { disconnectStore, markStoreNeedsReconnection } from '@/lib/stores/connect-store';
import { exportCustomerData, redactCustomer, redactShop } from '@/lib/stores/compliance/shopify-compliance';
import { StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { flagOrderOfFailedEvent } from '@/lib/ingest/flag-order-of-failed-event';
import { isSkippedTikTokOrigin, skippedTikTokOriginReason } from '@/lib/duplicates/skip-tiktok-origin';
import type { TPlatform } from '@/lib/orders/canonical-order';
import type { TAuditActor } from '@/lib/audit/record-audit-event';

export type TProcessOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'deleted' | 'ignored' | 'skipped' | 'missing' | 'disconnected' | 'compliance';

type TEventRow = {
  id: string;
  store_id: string;
  platform: TPlatform;
  topic: string;
  raw_body: string;
  status: string;
  shop_cipher: string | null;
  credentials: string | null;
};

/** Inbox events with their store, by id: those asked for at the same moment in one statement. */
const loadEvent = batchedByTenant<{ tenantId: string; eventId: string }, TEventRow | undefined>({
  batchesAtOnce: 3,
  requestsAtOnce: 16,
  run: (requests) => loadEvents(requests[0]!.tenantId, requests.map((request) => request.eventId)),
});

async function loadEvents(tenantId: string, eventIds: string[]): Promise<Array<TEventRow | undefined>> {
  // BEGIN, the plan setting, the statement and COMMIT in one round trip (commitTogether).
  const { rows } = await withTransaction(async (sql) => {
    const [, loaded] = await commitTogether(sql, () => [
      planForAnyTenant(sql),
      sql.query<TEventRow>({
        name: 'process-webhook-event/load-events',
        text: `SELECT e.id, e.store_id, e.platform, e.topic, e.raw_body, e.status, s.shop_cipher, s.credentials
           FROM webhook_events e
           JOIN stores s ON s.tenant_id = e.tenant_id AND s.id = e.store_id
          WHERE e.tenant_id = $1 AND e.id = ANY($2::text[])`,
        values: [tenantId, eventIds],
      }),
    ] as const);
    return loaded;
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return eventIds.map((eventId) => byId.get(eventId));
}

/**
 * Turns one inbox event into an order. A payload that can never become an order fails the event
 * at once with its reason (and throws PayloadValidationError); any other error is recorded and
 * rethrown so the queue retries, until the last attempt marks the event FAILED.
 */
export async function processWebhookEvent(tenantId: string, eventId: string, attempt: { isFinal: boolean }): Promise<TProcessOutcome> {
  const event = await loadEvent({ tenantId, eventId });
  if (!event) return 'missing';
  if (event.status === 'PROCESSED' || event.status === 'IGNORED') return 'skipped';

  const platformActor: TAuditActor = { type: 'platform', id: event.platform };
  try {
    const action = await interpretWebhookEvent(
      { platform: event.platform, topic: event.topic, rawBody: event.raw_body },
      { shopCipher: event.shop_cipher, credentials: event.credentials },
    );
    if (action.kind === 'ignore') {
      await markEventIgnored(tenantId, eventId, action.reason);
      return 'ignored';
    }
    if (action.kind === 'disconnect') {
      await disconnectStore(tenantId, event.store_id, platformActor);
      await markEventProcessed(pool(), tenantId, eventId, null);
      return 'disconnected';
    }
    if (action.kind === 'compliance') {
      if (action.topic === 'customers/data_request') await exportCustomerData(tenantId, event.store_id, eventId, action.payload);
      else if (action.topic === 'customers/redact') await redactCustomer(tenantId, event.store_id, eventId, action.payload);
      else await redactShop(tenantId, event.store_id);
      return 'compliance';
    }
    if (action.kind === 'delete') {
      await recordOrderDeleted({ tenantId, storeId: event.store_id, externalId: action.externalId, eventId, actor: platformActor });
      return 'deleted';
    }
    if (await isSkippedTikTokOrigin(tenantId, event.store_id, action.order)) {
      await markEventIgnored(tenantId, eventId, skippedTikTokOriginReason);
      return 'ignored';
    }
    const result = await recordOrderTogether({
      tenantId,
      storeId: event.store_id,
      platform: event.platform,
      order: action.order,
      eventId,
      actor: platformActor,
    });
    return result.outcome;
  } catch (error) {
    // The platform refused the store's token (TikTok order detail): the merchant must reconnect.
    if (error instanceof StoreAuthorizationError) await markStoreNeedsReconnection(tenantId, event.store_id, error).catch(() => false);
    const isPermanent = error instanceof PayloadValidationError;
    const reason = error instanceof Error ? error.message : String(error);
    const isFinal = isPermanent || attempt.isFinal;
    try {
      await recordEventFailure(tenantId, eventId, reason, isFinal);
      if (isFinal) await flagOrderOfFailedEvent({ tenantId, eventId, storeId: event.store_id, platform: event.platform, rawBody: event.raw_body });
    } catch (recordError) {
      logger.error({ err: recordError, eventId }, 'could not record the failure of a webhook event');
    }
    throw error;
  }
}
