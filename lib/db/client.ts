import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/db/generated/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { beginForTenant, currentTenantId } from '@/lib/db/tenant-scope';

type TDatabase = { pool: pg.Pool; prisma: PrismaClient; systemPool: pg.Pool };

const globalForDatabase = globalThis as unknown as { orderHubDatabase?: TDatabase };

type TQueryArgs = unknown[];
type TRawQuery = (...args: unknown[]) => Promise<unknown>;

type TCorkable = { cork(): void; uncork(): void };

/**
 * Calls `send` with the connection's writes held back: every statement it sends leaves in one
 * write. The app's connections are pipelined, so the statements do not wait for each other's
 * answers either, and they all come back in one round trip. Every write is a system call that
 * wakes a Postgres backend (bench/results/2026-11-27-notes.md).
 */
function corked<T>(client: pg.ClientBase, send: () => T): T {
  const stream = (client as unknown as { connection: { stream: TCorkable } }).connection.stream;
  stream.cork();
  try {
    return send();
  } finally {
    stream.uncork();
  }
}

type TAnswers<P extends readonly Promise<unknown>[]> = { -readonly [K in keyof P]: Awaited<P[K]> };

/** Waits for every promise, then throws the first failure in their order (the cause: what follows a failed statement in a transaction fails because of it). */
async function allOrFirstFailure<P extends readonly Promise<unknown>[]>(sent: P): Promise<TAnswers<P>> {
  const settled = await Promise.allSettled(sent);
  const failure = settled.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as TAnswers<P>;
}

function attempt<T>(work: () => Promise<T>): Promise<T> {
  try {
    return work();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Sends statements of one transaction together: one write, one round trip (see corked). `send`
 * must call sql.query for each at once, without waiting in between; the results come back in
 * the same order. For statements that do not need each other's answers.
 */
export function sendTogether<P extends readonly Promise<unknown>[]>(sql: TSql, send: () => P): Promise<TAnswers<P>> {
  return allOrFirstFailure(corked(sql, send));
}

/** The transactions withTransaction() has open, and whether commitTogether sent their COMMIT. */
const openTransactions = new WeakMap<object, { isCommitSent: boolean }>();

/**
 * Sends the last statements of a withTransaction() together with its COMMIT: one write, one
 * round trip, where waiting for their answers before sending COMMIT took two. For work that knows
 * all it has left to write: nothing may follow it, and withTransaction sends no COMMIT of its own.
 * Should one of them fail in Postgres, it answers the COMMIT with a rollback and the first failure
 * is thrown. `send` must call sql.query for each statement at once, through functions that are not
 * async: one that throws while building its statement then throws out of `send`, before COMMIT is
 * sent (an async one would turn the throw into a rejection, and COMMIT would keep the rest).
 */
export async function commitTogether<P extends readonly Promise<unknown>[]>(sql: TSql, send: () => P): Promise<TAnswers<P>> {
  const transaction = openTransactions.get(sql);
  if (!transaction || transaction.isCommitSent) throw new Error('commitTogether runs once, inside withTransaction');
  const [answers, committed] = await allOrFirstFailure(
    corked(sql, () => {
      const sent = send();
      transaction.isCommitSent = true;
      return [allOrFirstFailure(sent), sql.query('COMMIT')] as const;
    }),
  );
  if (committed.command !== 'COMMIT') throw new Error('The transaction was rolled back: one of its statements failed');
  return answers;
}

/**
 * Plans the rest of the transaction's statements for an average tenant: sent first in a transaction
 * of look-ups and writes by key (the ingest's). Planned for the tenant at hand, as Postgres does by
 * default, a tenant its statistics do not know yet (a new merchant's first sale, a table analyzed
 * before the tenant's orders came) is estimated at no rows: every index that starts with
 * tenant_id then looks as cheap as the right one, and the look-up of a stored order walked every
 * order of the tenant, planned anew each time (bench/results/2026-11-27-notes.md). A generic plan
 * counts an average tenant and is made once per connection. The Order Center's lists, whose
 * values change their best plan, keep Postgres' default.
 */
export function planForAnyTenant(sql: TSql): Promise<unknown> {
  return sql.query('SET LOCAL plan_cache_mode = force_generic_plan');
}

/**
 * Runs one lone statement as a transaction of its own, for the tenant (row-level security):
 * BEGIN with the tenant, the statement and COMMIT leave together (corked) and come back in one
 * round trip, where waiting for each took three. `work` must send its statement at once, as a
 * client.query call does. Should the statement fail, Postgres turns the COMMIT into a rollback;
 * should BEGIN alone fail (a cancel landing on it), the statement ran on its own without a
 * tenant, where row-level security shows it no tenant's rows, and BEGIN's error is thrown.
 */
async function inTenantTransaction<T>(client: pg.PoolClient, tenantId: string, work: () => Promise<T>): Promise<T> {
  const sent = corked(client, () => [client.query(beginForTenant(tenantId)), attempt(work), client.query('COMMIT')] as const);
  const [, statement] = await allOrFirstFailure(sent);
  return statement;
}

function commandOf(args: unknown[]): string {
  const first = args[0] as string | { text?: string } | undefined;
  return (typeof first === 'string' ? first : (first?.text ?? '')).trim().toUpperCase();
}

/**
 * A checked-out client that names its tenant: BEGIN also sets the tenant for the transaction, a
 * statement outside a transaction runs in one of its own. Prisma's interactive transactions and
 * withTransaction() both go through here.
 */
function tenantClient(client: pg.PoolClient, tenantId: string): pg.PoolClient {
  let inTransaction = false;
  const raw = client.query.bind(client) as TRawQuery;
  const query = async (...args: TQueryArgs) => {
    const command = commandOf(args);
    if (command === 'BEGIN') {
      inTransaction = true;
      if (args.length === 1 && typeof args[0] === 'string') return raw(beginForTenant(tenantId));
      const begun = await raw(...args);
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      return begun;
    }
    if (command === 'COMMIT' || command === 'ROLLBACK') {
      inTransaction = false;
      return raw(...args);
    }
    if (inTransaction) return raw(...args);
    return inTenantTransaction(client, tenantId, () => raw(...args));
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The app's pool. Inside withTenant() every statement runs in a transaction that names the
 * tenant; outside, statements run as they are (and, connected as the app's role, see no tenant's
 * rows: only users, sessions and the like).
 */
class TenantScopedPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const tenantId = currentTenantId();
    if (!tenantId || typeof args[args.length - 1] === 'function') return (super.query as (...rest: unknown[]) => never)(...args);
    return (async () => {
      const client = await super.connect();
      let failure: Error | undefined;
      try {
        return await inTenantTransaction(client, tenantId, () => (client.query as (...rest: unknown[]) => Promise<unknown>)(...args));
      } catch (error) {
        failure = error as Error;
        throw error;
      } finally {
        client.release(failure && isDatabaseUnavailable(failure) ? failure : undefined);
      }
    })() as never;
  }

  override connect(...args: unknown[]): never {
    if (typeof args[0] === 'function') return (super.connect as (...rest: unknown[]) => never)(...args);
    const tenantId = currentTenantId();
    return super.connect().then((client) => (tenantId ? tenantClient(client, tenantId) : client)) as never;
  }
}

function newPool(PoolClass: typeof pg.Pool, connectionString: string, purpose: 'app' | 'system'): pg.Pool {
  const service = process.env.HUB_SERVICE ?? 'order-hub';
  const pool = new PoolClass({
    connectionString,
    // Shows in pg_stat_activity which process (and which of its two connections) a session is.
    application_name: (purpose === 'app' ? service : `${service}:system`).slice(0, 63),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // The app's connections send the statements of a lone tenant statement together (above).
    pipeline: purpose === 'app',
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
  return pool;
}

function connect(): TDatabase {
  const pool = newPool(TenantScopedPool, env().DATABASE_URL, 'app');
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Work across tenants (a webhook's store, the schedulers, the sweeper, sign-in) connects as
  // the owner where one is configured: SYSTEM_DATABASE_URL. Without it, the same connection.
  const systemUrl = env().SYSTEM_DATABASE_URL;
  if (!systemUrl || systemUrl === env().DATABASE_URL) return { pool, prisma, systemPool: pool };
  return { pool, prisma, systemPool: newPool(pg.Pool, systemUrl, 'system') };
}

function database(): TDatabase {
  globalForDatabase.orderHubDatabase ??= connect();
  return globalForDatabase.orderHubDatabase;
}

/** The Prisma client for everyday reads and writes, for the tenant of withTenant(). */
export function db(): PrismaClient {
  return database().prisma;
}

/** The pg pool, for the hand-written SQL on the hot paths (inbox insert, recordOrder). */
export function pool(): pg.Pool {
  return database().pool;
}

/**
 * For the few lookups that must cross tenants (their functions are named unsafe…): not for tenant
 * work. Plain SQL only: a second Prisma client would cost each process tens of megabytes.
 */
export function systemPool(): pg.Pool {
  return database().systemPool;
}

export async function disconnectDatabase(): Promise<void> {
  const current = globalForDatabase.orderHubDatabase;
  if (!current) return;
  globalForDatabase.orderHubDatabase = undefined;
  await current.prisma.$disconnect();
  await current.pool.end().catch(() => undefined);
  if (current.systemPool !== current.pool) await current.systemPool.end().catch(() => undefined);
}

export type TSql = pg.PoolClient;

/**
 * Runs `work` in one transaction on one connection; rolls back on any error. BEGIN leaves in one
 * write with the statements `work` sends before it first waits (corked, pipelined): opening the
 * transaction costs no round trip of its own. BEGIN fails only with its connection, and so do
 * the statements sent behind it. COMMIT follows work's answers, unless work sent it with its last
 * statements (commitTogether).
 */
export async function withTransaction<T>(work: (sql: TSql) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  const transaction = { isCommitSent: false };
  openTransactions.set(client, transaction);
  try {
    const sent = corked(client, () => [client.query('BEGIN'), attempt(() => work(client))] as const);
    const [, result] = await allOrFirstFailure(sent);
    if (transaction.isCommitSent) return result;
    // Postgres answers COMMIT of a failed transaction with ROLLBACK, not an error: a statement
    // whose failure went unobserved must not pass for a committed transaction.
    const committed = await client.query('COMMIT');
    if (committed.command !== 'COMMIT') throw new Error('The transaction was rolled back: one of its statements failed');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    openTransactions.delete(client);
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
