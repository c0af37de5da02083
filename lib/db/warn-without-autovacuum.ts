import type pg from 'pg';
import { systemPool } from '@/lib/db/client';
import { logger } from '@/lib/log';

/**
 * Postgres plans the hot statements the web and worker keep prepared from the statistics it has
 * when they are first used, and re-plans them when ANALYZE refreshes those statistics. Without
 * autovacuum nothing does: plans made while the tables were small stay, and ingest slows down as
 * orders accumulate (113 instead of 265 orders/s at 20,000 orders in bench/results). Said once,
 * at start, where whoever runs the hub will read it.
 */
export async function warnWithoutAutovacuum(): Promise<void> {
  try {
    if (await runsWithoutAutovacuum(systemPool())) {
      logger.warn('Postgres runs with autovacuum off: statistics are never refreshed and ingest slows down as orders accumulate. Turn autovacuum on (the default), or run ANALYZE regularly.');
    }
  } catch (error) {
    logger.debug({ err: error }, 'could not read the autovacuum setting');
  }
}

/** True when the server behind `pool` runs with autovacuum off. */
export async function runsWithoutAutovacuum(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ autovacuum: string }>('SHOW autovacuum');
  return rows[0]?.autovacuum === 'off';
}
