import { pool } from '@/lib/db/client';
import type { TOrderPromise } from '@/tests/chaos/sender';

// The verdict of a chaos scenario, read from Postgres alone: whatever the processes believed,
// only what the database holds counts.

export type TVerdict = {
  /** Orders in the tenant. */
  orders: number;
  /** Promises (a 200 answer) with no order, or an order older than the promised state. */
  lost: number;
  /** Orders that should not exist, orders created more than once, numbers held twice. */
  duplicated: number;
  /** Number groups that are not exactly #N (alone) or #N-1 … #N-K, or whose counter disagrees. */
  gaps: number;
  /** Inbox events not (yet) PROCESSED or IGNORED. */
  unsettled: number;
};

export async function readVerdict(tenantId: string, promises: TOrderPromise[]): Promise<TVerdict> {
  const storeIds = promises.map((promise) => promise.storeId);
  const externalIds = promises.map((promise) => promise.externalId);
  const updatedAts = promises.map((promise) => promise.updatedAt);
  const { rows } = await pool().query<TVerdict>(
    `WITH promised AS (
       SELECT DISTINCT store_id, external_id FROM unnest($2::text[], $3::text[]) AS p(store_id, external_id)
     ), lost AS (
       SELECT count(*)::int AS n
         FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS p(store_id, external_id, updated_at)
        WHERE NOT EXISTS (SELECT 1 FROM orders o
                           WHERE o.tenant_id = $1 AND o.store_id = p.store_id AND o.external_id = p.external_id
                             AND o.source_updated_at >= p.updated_at)
     ), unexpected AS (
       SELECT count(*)::int AS n FROM orders o
        WHERE o.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM promised p WHERE p.store_id = o.store_id AND p.external_id = o.external_id)
     ), twice AS (
       SELECT (count(*) - count(DISTINCT (store_id, external_id)))::int + (count(*) - count(DISTINCT number))::int AS n
         FROM orders WHERE tenant_id = $1
     ), created_more_than_once AS (
       SELECT count(*)::int AS n FROM (
         SELECT subject_id FROM audit_events WHERE tenant_id = $1 AND action = 'order.created' GROUP BY subject_id HAVING count(*) > 1) x
     ), groups AS (
       SELECT source_number, count(*)::int AS members,
              array_agg(number COLLATE "C" ORDER BY number COLLATE "C") AS numbers
         FROM orders WHERE tenant_id = $1 GROUP BY source_number
     ), broken_groups AS (
       SELECT count(*)::int AS n FROM groups g
         LEFT JOIN order_number_counters c ON c.tenant_id = $1 AND c.source_number = g.source_number
        WHERE g.numbers <> CASE WHEN g.members = 1 THEN ARRAY['#' || g.source_number COLLATE "C"]
                                ELSE (SELECT array_agg(('#' || g.source_number || '-' || i) COLLATE "C" ORDER BY ('#' || g.source_number || '-' || i) COLLATE "C")
                                        FROM generate_series(1, g.members) i) END
           OR c.member_count IS DISTINCT FROM g.members
           OR (g.members > 1 AND c.last_suffix IS DISTINCT FROM g.members)
     )
     SELECT (SELECT count(*)::int FROM orders WHERE tenant_id = $1) AS orders,
            (SELECT n FROM lost) AS lost,
            (SELECT n FROM unexpected) + (SELECT n FROM twice) + (SELECT n FROM created_more_than_once) AS duplicated,
            (SELECT n FROM broken_groups) AS gaps,
            (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1 AND status NOT IN ('PROCESSED', 'IGNORED')) AS unsettled`,
    [tenantId, storeIds, externalIds, updatedAts],
  );
  return rows[0]!;
}

/**
 * Polls the verdict until nothing is lost or waiting any more, or `timeoutMs` passes; returns the
 * last verdict either way (a timeout shows as lost or unsettled, never as a timing assertion).
 * Query errors (Postgres restarting) only mean "not yet".
 */
export async function settleVerdict(tenantId: string, promises: TOrderPromise[], timeoutMs: number): Promise<TVerdict> {
  const deadline = Date.now() + timeoutMs;
  let last: TVerdict | undefined;
  for (;;) {
    try {
      last = await readVerdict(tenantId, promises);
      if (last.lost === 0 && last.unsettled === 0) return last;
    } catch {
      // not reachable yet
    }
    if (Date.now() > deadline) return last ?? (await readVerdict(tenantId, promises));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
