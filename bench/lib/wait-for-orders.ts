import type pg from 'pg';

/**
 * Polls until the tenant holds `expected` orders and no event waits any more. Resolves with the
 * moment (performance.now) that was first seen, and how many events ended FAILED.
 */
export async function waitForOrders(pool: pg.Pool, tenantId: string, expected: number, timeoutMs: number): Promise<{ reachedAt: number; orders: number; failed: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ orders: number; pending: number; failed: number }>(
      `SELECT (SELECT count(*)::int FROM orders WHERE tenant_id = $1) AS orders,
              (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1 AND status IN ('RECEIVED', 'QUEUED')) AS pending,
              (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1 AND status = 'FAILED') AS failed`,
      [tenantId],
    );
    const state = rows[0]!;
    const now = performance.now();
    if ((state.orders >= expected && state.pending === 0) || now > deadline) return { reachedAt: now, orders: state.orders, failed: state.failed };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
