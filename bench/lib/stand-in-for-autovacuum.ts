import type pg from 'pg';
import { runsWithoutAutovacuum } from '@/lib/db/warn-without-autovacuum';

// The web and worker keep their hot statements prepared on each connection, and Postgres plans a
// prepared statement from the statistics it has when the statement is first used. A new bench
// database is empty then; autovacuum's ANALYZE later refreshes the statistics, and with them the
// plans. A server with autovacuum off (some development machines) never does: the cached plan for
// "find the stored order" went on scanning every order of the tenant, and end to end fell from
// 265 to 113 orders/s at 20,000 orders (bench/results/2026-11-27-notes.md). Production runs with
// autovacuum; so that the bench measures that, it does autovacuum's ANALYZE itself when the
// server does not.

const writtenTables = ['webhook_events', 'orders', 'order_lines', 'order_skus', 'order_number_counters', 'order_twins', 'audit_events'];

/** Autovacuum's ANALYZE of the tables the ingest writes, at once. */
export async function analyzeWrittenTables(pool: pg.Pool): Promise<void> {
  await pool.query(`ANALYZE ${writtenTables.join(', ')}`);
}

export type TAutovacuumStandIn = { isStandingIn: boolean; stop: () => Promise<void> };

/** ANALYZEs the tables the ingest writes every `everyMs` while the server's autovacuum is off. */
export async function standInForAutovacuum(pool: pg.Pool, everyMs = 10_000): Promise<TAutovacuumStandIn> {
  if (!(await runsWithoutAutovacuum(pool))) return { isStandingIn: false, stop: async () => undefined };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => analyzeWrittenTables(pool)).catch(() => undefined);
  }, everyMs);
  return {
    isStandingIn: true,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
