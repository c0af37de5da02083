import { AsyncLocalStorage } from 'node:async_hooks';

// Row-level security (migration 20261127400000) shows a connection of the app's role only the
// rows of the tenant its transaction names: `SET LOCAL app.tenant_id`. The tenant a piece of work
// is for travels with it here; the app's pool (lib/db/client.ts) sets it at the start of every
// transaction it runs, and runs each lone statement as a transaction of its own.
// Prisma sends the findUnique calls of one tick as one query, under whichever scope asked first:
// code inside a tenant uses findFirst.

// One store per process: the Next.js server may load this module once per bundle, and the pool
// (lib/db/client.ts, a process-wide singleton too) must see the scope every page opened.
const globalForScope = globalThis as unknown as { orderHubTenantScope?: AsyncLocalStorage<{ tenantId: string }> };
const scope = (globalForScope.orderHubTenantScope ??= new AsyncLocalStorage<{ tenantId: string }>());

const plausibleTenantId = /^[A-Za-z0-9_-]{1,64}$/;

/** Runs `work` for one tenant: every query in it, however deep, sees that tenant's rows only. */
export function withTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  const current = scope.getStore();
  if (current && current.tenantId !== tenantId) {
    return Promise.reject(new Error(`A query for tenant ${tenantId} inside the scope of tenant ${current.tenantId}`));
  }
  if (!plausibleTenantId.test(tenantId)) return Promise.reject(new Error('Not a tenant id'));
  // Awaited inside: a Prisma query only starts when awaited, and must start within the scope.
  const run = async () => await work();
  return current ? run() : scope.run({ tenantId }, run);
}

/** Runs `work` outside any tenant's scope (work it schedules for others, each in their own). */
export function outsideTenant<T>(work: () => T): T {
  return scope.exit(work);
}

/** The tenant of the work in progress, if any. */
export function currentTenantId(): string | null {
  return scope.getStore()?.tenantId ?? null;
}

/** The statement that opens a transaction for the tenant (the id is checked plain: no quoting needed). */
export function beginForTenant(tenantId: string): string {
  if (!plausibleTenantId.test(tenantId)) throw new Error('Not a tenant id');
  return `BEGIN; SET LOCAL app.tenant_id = '${tenantId}'`;
}
