import { pool } from '@/lib/db/client';
import { batchedByTenant } from '@/lib/db/batched-by-tenant';
import { createId } from '@/lib/ids';
import { logger } from '@/lib/log';
import { enqueueIngestWebhook } from '@/lib/queue/ingest-queue';
import type { TPlatform } from '@/lib/orders/canonical-order';
import { withTenant } from '@/lib/db/tenant-scope';
import { headerOf, type TWebhookDelivery } from '@/lib/webhooks/webhook-delivery';

export type TIncomingEvent = {
  tenantId: string;
  storeId: string;
  platform: TPlatform;
  topic: string;
  dedupKey: string;
  headers: Record<string, string>;
  rawBody: string;
  /** A topic or state we do not process: kept as IGNORED with this reason, never enqueued. */
  ignoredReason?: string;
};

export type TAcceptResult = { eventId: string; isRepeat: boolean; isQueued: boolean };

/**
 * Writes the event to the inbox (the unique dedup key makes a repeat a no-op), then enqueues the
 * ingest job. Postgres errors propagate (the route answers 503 and the platform retries); a Redis
 * failure does not: the event goes back to RECEIVED and the inbox sweeper enqueues it later.
 *
 * The row is written as QUEUED already, so a webhook costs one write, not an insert and an update
 * (half the commits on the hottest path). Should the process die between the insert and the
 * enqueue, the sweeper still finds the event: QUEUED for a minute without a job in Redis.
 */
export async function acceptWebhookEvent(event: TIncomingEvent): Promise<TAcceptResult> {
  return withTenant(event.tenantId, () => storeInInbox(event));
}

async function storeInInbox(event: TIncomingEvent): Promise<TAcceptResult> {
  const { eventId, isNew } = await insertIntoInbox(event);
  if (!isNew) return { eventId, isRepeat: true, isQueued: false };
  if (event.ignoredReason) return { eventId, isRepeat: false, isQueued: false };

  try {
    await enqueueIngestWebhook({ tenantId: event.tenantId, eventId });
  } catch (error) {
    logger.warn({ err: error, eventId }, 'could not enqueue webhook event; the inbox sweeper will');
    // RECEIVED tells the sweeper to enqueue it after seconds rather than after a minute.
    await pool()
      .query(`UPDATE webhook_events SET status = 'RECEIVED', queued_at = NULL WHERE tenant_id = $1 AND id = $2 AND status = 'QUEUED'`, [event.tenantId, eventId])
      .catch((updateError) => logger.warn({ err: updateError, eventId }, 'could not mark the event RECEIVED; the sweeper finds it as QUEUED'));
    return { eventId, isRepeat: false, isQueued: false };
  }
  return { eventId, isRepeat: false, isQueued: true };
}

/**
 * Inserts the event into the inbox, in one statement with the other webhooks of its tenant the
 * web process receives at the same moment (batchedByTenant). isNew is false for a repeat.
 */
const insertIntoInbox = batchedByTenant<TIncomingEvent, { eventId: string; isNew: boolean }>({
  batchesAtOnce: 3,
  requestsAtOnce: 16,
  run: insertEvents,
});

async function insertEvents(events: TIncomingEvent[]): Promise<Array<{ eventId: string; isNew: boolean }>> {
  const eventIds = events.map(() => createId('evt'));
  const { rows } = await pool().query<{ id: string }>({
    name: 'accept-webhook-event/insert',
    // In the order of their dedup keys, as every insert takes them: two inserts of the same keys
    // queue rather than wait on each other crosswise. A repeat within the statement is a repeat too.
    text: `INSERT INTO webhook_events (tenant_id, id, store_id, platform, topic, dedup_key, headers, raw_body, status, last_error, processed_at, queued_at)
     SELECT $1, e.id, e.store_id, e.platform::"Platform", e.topic, e.dedup_key, e.headers::jsonb, e.raw_body, e.status::"WebhookEventStatus",
            e.last_error, CASE WHEN e.is_ignored THEN now() END, CASE WHEN e.is_ignored THEN NULL ELSE now() END
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[])
            AS e(id, store_id, platform, topic, dedup_key, headers, raw_body, status, last_error, is_ignored)
      ORDER BY e.dedup_key
     ON CONFLICT (tenant_id, dedup_key) DO NOTHING
     RETURNING id`,
    values: [
      events[0]!.tenantId,
      eventIds,
      events.map((event) => event.storeId),
      events.map((event) => event.platform),
      events.map((event) => withoutNul(event.topic).slice(0, 200)),
      events.map((event) => withoutNul(event.dedupKey).slice(0, 500)),
      events.map((event) => JSON.stringify(event.headers)),
      events.map((event) => event.rawBody),
      events.map((event) => (event.ignoredReason ? 'IGNORED' : 'QUEUED')),
      events.map((event) => event.ignoredReason ?? null),
      events.map((event) => Boolean(event.ignoredReason)),
    ],
  });
  const inserted = new Set(rows.map((row) => row.id));
  return eventIds.map((eventId) => ({ eventId, isNew: inserted.has(eventId) }));
}

/** Dedup keys come from payload fields; a NUL in one would make Postgres refuse the whole insert. */
function withoutNul(text: string): string {
  return text.replaceAll('\u0000', '');
}

/** The headers worth keeping with an event (platform headers, minus signatures). */
export function keptHeaders(delivery: TWebhookDelivery, prefixes: string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of Object.keys(delivery.headers)) {
    const lower = name.toLowerCase();
    if (lower.includes('signature') || lower.includes('hmac') || lower === 'authorization') continue;
    const value = headerOf(delivery, name);
    if (value === null) continue;
    if (prefixes.some((prefix) => lower.startsWith(prefix)) || lower === 'content-type' || lower === 'user-agent') kept[lower] = value;
  }
  return kept;
}
