import { systemPool } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { enqueueIngestWebhook, findIngestJobState, removeIngestJob } from '@/lib/queue/ingest-queue';

// Redis is only the transport and may lose data; the inbox in Postgres is the truth. The sweeper
// puts back on the queue what never reached it (RECEIVED: Redis was down when the webhook came),
// what the queue has since forgotten (QUEUED for a while, but no job in Redis), and what finished
// without Postgres hearing of it: a job whose last attempt failed while Postgres was down could not
// mark its event FAILED, or a failover to a replica lost the last commits. BullMQ keeps a finished
// job under the event's id, so adding it again would be a no-op and the event would wait forever.

const sweeperLockId = 4_247_001;
const liveJobStates = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

// The sweeper works across tenants (one sweep for the whole inbox): the owner's connection.

export type TSweepResult = { enqueued: number; examined: number };

export async function sweepInbox(options: { receivedGraceMs?: number; queuedGraceMs?: number; limit?: number } = {}): Promise<TSweepResult> {
  const receivedGraceMs = options.receivedGraceMs ?? 2_000;
  const queuedGraceMs = options.queuedGraceMs ?? 60_000;
  const limit = options.limit ?? 500;
  const client = await systemPool().connect();
  let candidates: Array<{ tenant_id: string; id: string; status: string }>;
  try {
    // One sweeper at a time across worker replicas.
    const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [sweeperLockId]);
    if (!lock.rows[0]?.locked) return { enqueued: 0, examined: 0 };
    try {
      const { rows } = await client.query<{ tenant_id: string; id: string; status: string }>(
        `(SELECT tenant_id, id, status FROM webhook_events
           WHERE status = 'RECEIVED' AND received_at < now() - make_interval(secs => $1::float8 / 1000)
           ORDER BY received_at LIMIT $3)
         UNION ALL
         (SELECT tenant_id, id, status FROM webhook_events
           WHERE status = 'QUEUED' AND queued_at < now() - make_interval(secs => $2::float8 / 1000)
           ORDER BY queued_at LIMIT $3)`,
        [receivedGraceMs, queuedGraceMs, limit],
      );
      candidates = rows;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [sweeperLockId]);
    }
  } finally {
    client.release();
  }

  let enqueued = 0;
  for (const event of candidates) {
    const state = await findIngestJobState(event.id);
    if (state && liveJobStates.has(state)) {
      if (event.status === 'QUEUED') continue; // still on its way: waiting, running or retrying
    } else if (state) {
      // A finished job wrote what it could before it finished, so the event's status read now is
      // the truth: only an event still waiting gets a new job.
      if (!(await isStillWaiting(event.tenant_id, event.id))) continue;
      await removeIngestJob(event.id);
    }
    await enqueueIngestWebhook({ tenantId: event.tenant_id, eventId: event.id });
    await systemPool().query(
      `UPDATE webhook_events SET status = 'QUEUED', queued_at = now() WHERE tenant_id = $1 AND id = $2 AND status IN ('RECEIVED', 'QUEUED')`,
      [event.tenant_id, event.id],
    );
    enqueued++;
  }
  if (enqueued) logger.info({ enqueued }, 'inbox sweeper enqueued events');
  return { enqueued, examined: candidates.length };
}

async function isStillWaiting(tenantId: string, eventId: string): Promise<boolean> {
  const { rows } = await systemPool().query<{ status: string }>(`SELECT status FROM webhook_events WHERE tenant_id = $1 AND id = $2`, [tenantId, eventId]);
  return rows[0]?.status === 'RECEIVED' || rows[0]?.status === 'QUEUED';
}
