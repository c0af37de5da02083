import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/db/generated/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';

type TDatabase = { pool: pg.Pool; prisma: PrismaClient };

const globalForDatabase = globalThis as unknown as { orderHubDatabase?: TDatabase };

function connect(): TDatabase {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Fail fast when Postgres is down so a webhook route can answer 503 and the platform retries.
    connectionTimeoutMillis: 3000,
  });
  // The error carries its whole pg client; log what helps, not that.
  pool.on('error', (error: Error & { code?: string }) => logger.warn({ code: error.code, reason: error.message }, 'idle Postgres client failed'));
  // A checked-out client (a transaction, the sweeper's lock) whose connection drops emits 'error'
  // with no pool listener attached; unhandled, that kills the process when Postgres restarts. Its
  // pending query fails anyway and the pool discards the broken client on release.
  pool.on('connect', (client) => {
    client.on('error', (error: Error & { code?: string }) => logger.debug({ code: error.code, reason: error.message }, 'Postgres connection lost'));
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { pool, prisma };
}

function database(): TDatabase {
  globalForDatabase.orderHubDatabase ??= connect();
  return globalForDatabase.orderHubDatabase;
}

/** The Prisma client for everyday reads and writes. */
export function db(): PrismaClient {
  return database().prisma;
}

/** The pg pool, for the hand-written SQL on the hot paths (inbox insert, recordOrder). */
export function pool(): pg.Pool {
  return database().pool;
}

export async function disconnectDatabase(): Promise<void> {
  const current = globalForDatabase.orderHubDatabase;
  if (!current) return;
  globalForDatabase.orderHubDatabase = undefined;
  await current.prisma.$disconnect();
  await current.pool.end().catch(() => undefined);
}

export type TSql = pg.PoolClient;

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function withTransaction<T>(work: (sql: TSql) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const connectionErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '53300']);

/** True when the error means Postgres is unreachable rather than that the query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const candidate = error as { code?: string; message?: string; cause?: unknown; errors?: unknown[] };
  if (candidate.code && connectionErrorCodes.has(candidate.code)) return true;
  if (/timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|the database system is (starting up|shutting down)/i.test(candidate.message ?? '')) return true;
  if (Array.isArray(candidate.errors) && candidate.errors.some(isDatabaseUnavailable)) return true;
  return candidate.cause !== undefined && candidate.cause !== error && isDatabaseUnavailable(candidate.cause);
}
