import { pool, type TSql } from '@/lib/db/client';

// Status changes of an inbox row. A processed or ignored event is final; FAILED can go back to
// the queue when someone retries it.

/** Sends its statement at once (not async: it can go out with COMMIT, see commitTogether). */
export function markEventProcessed(sql: Pick<TSql, 'query'>, tenantId: string, eventId: string, orderId: string | null): Promise<void> {
  return sql.query(
    `UPDATE webhook_events
        SET status = 'PROCESSED', order_id = COALESCE($3, order_id), attempts = attempts + 1, last_error = NULL, processed_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, eventId, orderId],
  ).then(() => undefined);
}

export async function markEventIgnored(tenantId: string, eventId: string, reason: string): Promise<void> {
  await pool().query(
    `UPDATE webhook_events SET status = 'IGNORED', attempts = attempts + 1, last_error = $3, processed_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, eventId, reason],
  );
}

/** Records a failed attempt; the last one (or a payload that can never work) makes it FAILED. */
export async function recordEventFailure(tenantId: string, eventId: string, reason: string, isFinal: boolean): Promise<void> {
  await pool().query(
    `UPDATE webhook_events
        SET attempts = attempts + 1, last_error = $3,
            status = CASE WHEN $4 THEN 'FAILED'::"WebhookEventStatus" ELSE status END,
            processed_at = CASE WHEN $4 THEN now() ELSE processed_at END
      WHERE tenant_id = $1 AND id = $2 AND status <> 'PROCESSED'`,
    [tenantId, eventId, reason.slice(0, 2000), isFinal],
  );
}
