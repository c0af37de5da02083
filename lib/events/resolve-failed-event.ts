import { pool, withTransaction, type TSql } from '@/lib/db/client';
import { notFound } from '@/lib/errors/app-error';
import { logger } from '@/lib/log';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import { enqueueIngestWebhook, removeIngestJob } from '@/lib/queue/ingest-queue';
import { withTenant } from '@/lib/db/tenant-scope';

type TScope = { tenantId: string; visibleStoreIds: string[] | null; actor: TAuditActor };

/** Takes a FAILED event of a visible store, or 404s: another tenant's or store's event does not exist. */
async function takeFailedEvent(sql: TSql, scope: TScope, eventId: string) {
  const { rows } = await sql.query<{ id: string; order_id: string | null }>(
    `SELECT id, order_id FROM webhook_events
      WHERE tenant_id = $1 AND id = $2 AND status = 'FAILED' AND ($3::text[] IS NULL OR store_id = ANY($3::text[]))
      FOR UPDATE`,
    [scope.tenantId, eventId, scope.visibleStoreIds],
  );
  if (!rows[0]) throw notFound('No failed event with this id');
  return rows[0];
}

/** Puts a failed event back on the queue for a fresh round of attempts. */
export async function retryFailedEvent(scope: TScope, eventId: string): Promise<void> {
  return withTenant(scope.tenantId, async () => {
    await withTransaction(async (sql) => {
      await takeFailedEvent(sql, scope, eventId);
      await sql.query(`UPDATE webhook_events SET status = 'RECEIVED', last_error = NULL, processed_at = NULL WHERE tenant_id = $1 AND id = $2`, [
        scope.tenantId,
        eventId,
      ]);
      await recordAuditEvent(sql, { tenantId: scope.tenantId, actor: scope.actor, action: 'webhook_event.retried', subjectType: 'webhook_event', subjectId: eventId });
    });
    try {
      // BullMQ keeps the failed job under the event's id; it must go before the same id can queue again.
      await removeIngestJob(eventId);
      await enqueueIngestWebhook({ tenantId: scope.tenantId, eventId });
      await pool().query(`UPDATE webhook_events SET status = 'QUEUED', queued_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'RECEIVED'`, [
        scope.tenantId,
        eventId,
      ]);
    } catch (error) {
      logger.warn({ err: error, eventId }, 'retry could not reach the queue; the inbox sweeper will enqueue it');
    }
  });
}

/** Marks a failed event as dealt with; its order leaves Needs attention if that was the reason. */
export async function ignoreFailedEvent(scope: TScope, eventId: string): Promise<void> {
  return withTenant(scope.tenantId, async () => {
    await withTransaction(async (sql) => {
      const event = await takeFailedEvent(sql, scope, eventId);
      await sql.query(`UPDATE webhook_events SET status = 'IGNORED' WHERE tenant_id = $1 AND id = $2`, [scope.tenantId, eventId]);
      if (event.order_id) {
        await sql.query(
          `UPDATE orders SET attention_reason = NULL WHERE tenant_id = $1 AND id = $2 AND attention_reason = 'sync_failed'
              AND NOT EXISTS (SELECT 1 FROM webhook_events WHERE tenant_id = $1 AND order_id = $2 AND status = 'FAILED')`,
          [scope.tenantId, event.order_id],
        );
      }
      await recordAuditEvent(sql, { tenantId: scope.tenantId, actor: scope.actor, action: 'webhook_event.ignored', subjectType: 'webhook_event', subjectId: eventId });
    });
  });
}
