import type pg from 'pg';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueNames } from '@/lib/queue/job-definitions';

/** What the bench watches ingest through: Postgres, and the web's and worker's ingest queue. */
export type TIngestWatch = { pool: pg.Pool; queue: Queue; close: () => Promise<void> };

export function watchIngest(pool: pg.Pool, redisUrl: string, prefix: string): TIngestWatch {
  // Commands fail rather than wait for a Redis that is gone: the bench stops with the error.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(queueNames.ingest, { connection, prefix });
  return {
    pool,
    queue,
    close: async () => {
      await queue.close();
      connection.disconnect();
    },
  };
}

// A job in any of these states has an event still to process (or to retry).
const unfinishedStates = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the tenant's webhooks are all processed: no ingest job left unfinished (of any
 * tenant: the queue is shared), and no event of the tenant RECEIVED or QUEUED. Resolves with the
 * moment the queue was seen empty (performance.now), the tenant's orders and how many of its
 * events ended FAILED. Called once every delivery has been answered.
 *
 * Watching must not take the CPU it measures. The queue's job counts cost Redis a few
 * microseconds and are asked every 20 ms; Postgres' counts read the tenant's orders and events,
 * more with every order (and with autovacuum off, every dead index entry of a status update), so
 * they are asked only once the queue is empty. Asked every 50 ms through a full-size run they
 * ran 428 times, 22 ms each on average, and Postgres used 0.1–0.4 ms more CPU per order
 * (bench/results/2026-11-27-notes.md).
 */
export async function waitForOrders(watch: TIngestWatch, tenantId: string, timeoutMs: number): Promise<{ reachedAt: number; orders: number; failed: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const counts = await watch.queue.getJobCounts(...unfinishedStates);
    const seenAt = performance.now();
    const isQueueEmpty = Object.values(counts).every((count) => count === 0);
    if (isQueueEmpty || seenAt > deadline) {
      const state = await countEvents(watch.pool, tenantId);
      // An event that never reached the queue (Redis refused it) waits in Postgres for the sweeper.
      // With none waiting, nothing more comes: orders short of the plan are failed events, or
      // deliveries the web did not accept (the load generator's errors say so).
      if (state.pending === 0 || seenAt > deadline) return { reachedAt: seenAt, orders: state.orders, failed: state.failed };
      await sleep(250);
    } else {
      await sleep(20);
    }
  }
}

async function countEvents(pool: pg.Pool, tenantId: string): Promise<{ orders: number; pending: number; failed: number }> {
  const { rows } = await pool.query<{ orders: number; pending: number; failed: number }>(
    `SELECT (SELECT count(*)::int FROM orders WHERE tenant_id = $1) AS orders,
            (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1 AND status IN ('RECEIVED', 'QUEUED')) AS pending,
            (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1 AND status = 'FAILED') AS failed`,
    [tenantId],
  );
  return rows[0]!;
}
