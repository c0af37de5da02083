import type pg from 'pg';
import { ingestDirectly } from '@/bench/baselines/ingest-directly';
import { blastRequests } from '@/bench/lib/blast-requests';
import { deliveryCursor, type TOrderPlan } from '@/bench/lib/plan-orders';
import { waitForOrders, type TIngestWatch } from '@/bench/lib/wait-for-orders';

export type THotNumber = { ordersPerSecond: number; isExact: boolean; detail: string; direct: { ordersPerSecond: number } };

/**
 * Scenario 4: `plan` holds K different orders with one channel number N, sent at once (one
 * connection per 20 orders, at most 50). Then the numbers must be exactly #N-1 … #N-K.
 */
export async function allocateHotNumber(input: {
  baseUrl: string;
  pool: pg.Pool;
  watch: TIngestWatch;
  databaseUrl: string;
  tenantId: string;
  number: string;
  plan: TOrderPlan;
  baselineTenantId: string;
  baselinePlan: TOrderPlan;
  baselineConnections: number;
}): Promise<THotNumber> {
  const count = input.plan.orderCount;
  const started = performance.now();
  await blastRequests({ baseUrl: input.baseUrl, connections: Math.min(50, Math.ceil(count / 20)), amount: input.plan.deliveries.length, next: deliveryCursor(input.plan) });
  const done = await waitForOrders(input.watch, input.tenantId, 300_000);
  const seconds = (done.reachedAt - started) / 1000;

  const { rows } = await input.pool.query<{ number: string }>(`SELECT number FROM orders WHERE tenant_id = $1`, [input.tenantId]);
  const numbers = new Set(rows.map((row) => row.number));
  const expected = Array.from({ length: count }, (_, index) => `#${input.number}-${index + 1}`);
  const missing = expected.filter((number) => !numbers.has(number));
  const isExact = rows.length === count && missing.length === 0;
  const detail = isExact ? `exactly #${input.number}-1 … #${input.number}-${count}` : `${rows.length} orders, ${missing.length} numbers missing, ${done.failed} failed`;

  const direct = await ingestDirectly(input.databaseUrl, input.baselineTenantId, input.baselinePlan, input.baselineConnections);
  return { ordersPerSecond: done.orders / seconds, isExact, detail, direct };
}
