import type pg from 'pg';
import { ingestDirectly } from '@/bench/baselines/ingest-directly';
import { analyzeWrittenTables } from '@/bench/lib/stand-in-for-autovacuum';
import { blastRequests } from '@/bench/lib/blast-requests';
import type { TLoadResult } from '@/bench/lib/load-result';
import { paceRequests } from '@/bench/lib/pace-requests';
import { percentile } from '@/bench/lib/percentile';
import { countCpu, countServerCpu } from '@/bench/lib/measure-cpu';
import { deliveryCursor, type TOrderPlan } from '@/bench/lib/plan-orders';
import { waitForOrders, type TIngestWatch } from '@/bench/lib/wait-for-orders';

export type TEndToEnd = {
  burst: {
    ordersPerSecond: number;
    seconds: number;
    orders: number;
    /** Groups whose two orders ended as #N-1 and #N-2 (the plan has one per 20 orders). */
    suffixedPairs: number;
    failed: number;
    acknowledgement: TLoadResult;
    webCpuMsPerOrder: number;
    workerCpuMsPerOrder: number;
    /** Every Postgres process of the machine: the web's and the worker's statements. */
    postgresCpuMsPerOrder: number;
    /** Redis: the queue (the direct-SQL script has none). */
    redisCpuMsPerOrder: number;
  };
  steady: { lagP50Ms: number; lagP99Ms: number; orders: number; failed: number; acknowledgement: TLoadResult };
  direct: { ordersPerSecond: number; orders: number; cpuMsPerOrder: number; postgresCpuMsPerOrder: number };
};

/** Received → recorded, per order of the tenant received since `since` (database clock). */
async function ingestLags(pool: pg.Pool, tenantId: string, since: Date): Promise<number[]> {
  const { rows } = await pool.query<{ lag_ms: number }>(
    `SELECT extract(epoch FROM processed_at - received_at) * 1000 AS lag_ms
       FROM webhook_events WHERE tenant_id = $1 AND received_at >= $2 AND status = 'PROCESSED'`,
    [tenantId, since],
  );
  return rows.map((row) => Number(row.lag_ms));
}

async function countSuffixedPairs(pool: pg.Pool, tenantId: string): Promise<number> {
  const { rows } = await pool.query<{ pairs: number }>(
    `SELECT count(*)::int AS pairs FROM (
       SELECT source_number FROM orders WHERE tenant_id = $1 GROUP BY source_number
       HAVING array_agg(number ORDER BY number) = ARRAY['#' || source_number || '-1', '#' || source_number || '-2']) pairs`,
    [tenantId],
  );
  return rows[0]!.pairs;
}

/**
 * Scenario 2: the burst plan as fast as the web answers, timed until its last order is committed;
 * then the steady plan at 200 webhooks/s, with each order's lag; then the direct-SQL baseline.
 */
export async function ingestEndToEnd(input: {
  baseUrl: string;
  webPid: number;
  workerPid: number;
  pool: pg.Pool;
  watch: TIngestWatch;
  databaseUrl: string;
  tenantId: string;
  /** Sent first and waited for, so that web and worker are warm (JIT, pools) as in production. */
  warmUp: { tenantId: string; plan: TOrderPlan };
  burst: TOrderPlan;
  steady: TOrderPlan;
  baselineTenantId: string;
  baselinePlan: TOrderPlan;
  baselineConnections: number;
}): Promise<TEndToEnd> {
  const { pool, tenantId } = input;
  await blastRequests({ baseUrl: input.baseUrl, connections: 10, amount: input.warmUp.plan.deliveries.length, next: deliveryCursor(input.warmUp.plan) });
  await waitForOrders(input.watch, input.warmUp.tenantId, 120_000);
  // The statistics know the warm-up's orders before the sale starts, as autovacuum's would on a
  // database that has seen orders before: its ANALYZE follows 50 changed rows on an empty table.
  await analyzeWrittenTables(pool);
  const started = performance.now();
  const webCpu = countCpu(input.webPid);
  const workerCpu = countCpu(input.workerPid);
  const postgresCpu = countServerCpu('postgres');
  const redisCpu = countServerCpu('redis-server');
  const acknowledgement = await blastRequests({ baseUrl: input.baseUrl, connections: 10, amount: input.burst.deliveries.length, next: deliveryCursor(input.burst) });
  const burstDone = await waitForOrders(input.watch, tenantId, 600_000);
  const burstSeconds = (burstDone.reachedAt - started) / 1000;
  const webCpuMsPerOrder = webCpu.perOperation(burstDone.orders);
  const workerCpuMsPerOrder = workerCpu.perOperation(burstDone.orders);
  const postgresCpuMsPerOrder = postgresCpu.perOperation(burstDone.orders);
  const redisCpuMsPerOrder = redisCpu.perOperation(burstDone.orders);
  const suffixedPairs = await countSuffixedPairs(pool, tenantId);

  const since = (await pool.query<{ now: Date }>('SELECT now()')).rows[0]!.now;
  const steadyAcknowledgement = await paceRequests({ baseUrl: input.baseUrl, rate: 200, count: input.steady.deliveries.length, next: deliveryCursor(input.steady) });
  const steadyDone = await waitForOrders(input.watch, tenantId, 600_000);
  const lags = await ingestLags(pool, tenantId, since);

  const direct = await ingestDirectly(input.databaseUrl, input.baselineTenantId, input.baselinePlan, input.baselineConnections);
  return {
    burst: {
      ordersPerSecond: burstDone.orders / burstSeconds,
      seconds: burstSeconds,
      orders: burstDone.orders,
      suffixedPairs,
      failed: burstDone.failed,
      acknowledgement,
      webCpuMsPerOrder,
      workerCpuMsPerOrder,
      postgresCpuMsPerOrder,
      redisCpuMsPerOrder,
    },
    steady: {
      lagP50Ms: percentile(lags, 50),
      lagP99Ms: percentile(lags, 99),
      orders: steadyDone.orders - burstDone.orders,
      failed: steadyDone.failed - burstDone.failed,
      acknowledgement: steadyAcknowledgement,
    },
    direct,
  };
}
