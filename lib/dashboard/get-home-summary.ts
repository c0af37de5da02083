import { pool } from '@/lib/db/client';
import type { TPlatform } from '@/lib/orders/canonical-order';
import { countOrdersByTab, type TTabCounts } from '@/lib/orders/count-orders-by-tab';
import { listFailedEvents, type TFailedEvent } from '@/lib/events/list-failed-events';

export type TDailyOrders = { day: string; counts: Record<TPlatform, number> };

export type THomeSummary = { days: TDailyOrders[]; tabs: TTabCounts; recentFailures: TFailedEvent[] };

const platforms: TPlatform[] = ['shopify', 'woocommerce', 'tiktok'];

/** The last 30 days, one entry per UTC day (oldest first), zero-filled. */
function lastThirtyDays(now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: 30 }, (_, index) => new Date(today - (29 - index) * 86_400_000).toISOString().slice(0, 10));
}

/** Home: orders per day per channel over 30 days, the tab counts, the latest failures. */
export async function getHomeSummary(tenantId: string, visibleStoreIds: string[] | null, now = new Date()): Promise<THomeSummary> {
  const days = lastThirtyDays(now);
  const [daily, tabs, recentFailures] = await Promise.all([
    pool().query<{ day: string; platform: TPlatform; count: number }>(
      `SELECT to_char(placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, platform, count(*)::int AS count
         FROM orders
        WHERE tenant_id = $1 AND placed_at >= $2 AND ($3::text[] IS NULL OR store_id = ANY($3::text[]))
        GROUP BY 1, 2`,
      [tenantId, new Date(`${days[0]}T00:00:00Z`), visibleStoreIds],
    ),
    countOrdersByTab(tenantId, { visibleStoreIds }),
    listFailedEvents(tenantId, visibleStoreIds, 5),
  ]);
  const byDay = new Map(days.map((day) => [day, Object.fromEntries(platforms.map((platform) => [platform, 0])) as Record<TPlatform, number>]));
  for (const row of daily.rows) {
    const counts = byDay.get(row.day);
    if (counts) counts[row.platform] = row.count;
  }
  return { days: days.map((day) => ({ day, counts: byDay.get(day)! })), tabs, recentFailures };
}
