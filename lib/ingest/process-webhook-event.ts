import { pool } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { recordOrder, recordOrderDeleted } from '@/lib/orders/record-order';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { interpretWebhookEvent } from '@/lib/ingest/interpret-webhook-event';
import { markEventIgnored, recordEventFailure } from '@/lib/ingest/webhook-event-status';
import type { TPlatform } from '@/lib/orders/canonical-order';
import type { TAuditActor } from '@/lib/audit/record-audit-event';

export type TProcessOutcome = 'created' | 'updated' | 'stale' | 'deleted' | 'ignored' | 'skipped' | 'missing';

type TEventRow = {
  store_id: string;
  platform: TPlatform;
  topic: string;
  raw_body: string;
  status: string;
  shop_cipher: string | null;
  credentials: string | null;
};

/**
 * Turns one inbox event into an order. A payload that can never become an order fails the event
 * at once with its reason (and throws PayloadValidationError); any other error is recorded and
 * rethrown so the queue retries, until the last attempt marks the event FAILED.
 */
export async function processWebhookEvent(tenantId: string, eventId: string, attempt: { isFinal: boolean }): Promise<TProcessOutcome> {
  const { rows } = await pool().query<TEventRow>({
    // Named, so each connection parses and plans it once (see lib/db/client.ts).
    name: 'process-webhook-event/load-event',
    text: `SELECT e.store_id, e.platform, e.topic, e.raw_body, e.status, s.shop_cipher, s.credentials
       FROM webhook_events e
       JOIN stores s ON s.tenant_id = e.tenant_id AND s.id = e.store_id
      WHERE e.tenant_id = $1 AND e.id = $2`,
    values: [tenantId, eventId],
  });
  const event = rows[0];
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
    if (action.kind === 'delete') {
      await recordOrderDeleted({ tenantId, storeId: event.store_id, externalId: action.externalId, eventId, actor: platformActor });
      return 'deleted';
    }
    const result = await recordOrder({
      tenantId,
      storeId: event.store_id,
      platform: event.platform,
      order: action.order,
      eventId,
      actor: platformActor,
    });
    return result.outcome;
  } catch (error) {
    const isPermanent = error instanceof PayloadValidationError;
    const reason = error instanceof Error ? error.message : String(error);
    await recordEventFailure(tenantId, eventId, reason, isPermanent || attempt.isFinal).catch((recordError) =>
      logger.error({ err: recordError, eventId }, 'could not record the failure of a webhook event'),
    );
    throw error;
  }
}
