import { pool } from '@/lib/db/client';
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
  const eventId = createId('evt');
  const status = event.ignoredReason ? 'IGNORED' : 'QUEUED';
  const { rows } = await pool().query<{ id: string }>({
    name: 'accept-webhook-event/insert',
    text: `INSERT INTO webhook_events (tenant_id, id, store_id, platform, topic, dedup_key, headers, raw_body, status, last_error, processed_at, queued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN now() END, CASE WHEN $11 THEN NULL ELSE now() END)
     ON CONFLICT (tenant_id, dedup_key) DO NOTHING
     RETURNING id`,
    values: [
      event.tenantId,
      eventId,
      event.storeId,
      event.platform,
      withoutNul(event.topic).slice(0, 200),
      withoutNul(event.dedupKey).slice(0, 500),
      JSON.stringify(event.headers),
      event.rawBody,
      status,
      event.ignoredReason ?? null,
      Boolean(event.ignoredReason),
    ],
  });
  if (!rows[0]) return { eventId, isRepeat: true, isQueued: false };
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
