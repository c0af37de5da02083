import { pool } from '@/lib/db/client';
import { orderConditions, orderTabs, SqlParameters, type TOrderFilters, type TOrderTab } from '@/lib/orders/order-filters';

/** Counts stop here: past it a tab shows "10,000+". An exact COUNT over a million orders is not worth its cost. */
export const countCap = 10_000;

export type TTabCounts = Record<TOrderTab, { count: number; isCapped: boolean }>;

/** The live count of each Order Center tab under the current filters (all but the tab itself). */
export async function countOrdersByTab(tenantId: string, filters: Omit<TOrderFilters, 'tab'>): Promise<TTabCounts> {
  const entries = await Promise.all(
    orderTabs.map(async (tab) => {
      const parameters = new SqlParameters();
      const where = orderConditions(tenantId, { ...filters, tab }, parameters);
      const { rows } = await pool().query<{ count: number }>(
        `SELECT count(*)::int AS count FROM (SELECT 1 FROM orders o WHERE ${where.join(' AND ')} LIMIT ${parameters.add(countCap + 1)}) capped`,
        parameters.values,
      );
      const count = rows[0]?.count ?? 0;
      return [tab, { count: Math.min(count, countCap), isCapped: count > countCap }] as const;
    }),
  );
  return Object.fromEntries(entries) as TTabCounts;
}
