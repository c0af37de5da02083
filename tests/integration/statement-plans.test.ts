import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase } from '@/tests/support/private-database';

// The ingest's statements are prepared once per connection and planned for any tenant
// (planForAnyTenant, lib/db/client.ts). Planned for the tenant at hand, a tenant Postgres'
// statistics do not know yet is estimated at no rows, and the look-up of a stored order walked
// every order of the tenant. Here on a database of this
// file's own, so that the statistics know exactly one tenant, as on a young installation when its
// next merchant's first sale comes in.

let privateDatabase: Awaited<ReturnType<typeof createPrivateDatabase>>;

beforeAll(async () => {
  privateDatabase = await createPrivateDatabase('plans');
  process.env.DATABASE_URL = privateDatabase.url;
  process.env.SYSTEM_DATABASE_URL = privateDatabase.url;
}, 180_000);

afterAll(async () => {
  const { disconnectDatabase } = await import('@/lib/db/client');
  await disconnectDatabase();
  await privateDatabase?.drop();
});

async function recordShopifyOrders(tenantId: string, storeId: string, count: number, firstId: number, updatedAt?: string): Promise<void> {
  const { recordOrder } = await import('@/lib/orders/record-order');
  const { normalizeShopifyOrder } = await import('@/lib/platforms/shopify/normalize-shopify-order');
  const { parseJsonLossless } = await import('@/lib/platforms/parse-json');
  const { withTenant } = await import('@/lib/db/tenant-scope');
  const { shopifyOrderBody } = await import('@/tests/fixtures/shopify');
  for (let index = 0; index < count; index++) {
    // A buyer of its own per order, as in a sale: orders of one buyer are compared as twin candidates.
    const customer = { firstName: `Buyer${index}`, lastName: 'Plans', email: `buyer-${index}@example.com` };
    const order = normalizeShopifyOrder(parseJsonLossless(shopifyOrderBody({ id: String(firstId + index), number: 1000 + index, customer, updatedAt })));
    await withTenant(tenantId, () => recordOrder({ tenantId, storeId, platform: 'shopify', order, actor: { type: 'system', id: null } }));
  }
}

/** Index entries read on `orders` so far, once the pool's connections have closed and reported theirs. */
async function ordersIndexEntriesRead(): Promise<number> {
  const { disconnectDatabase } = await import('@/lib/db/client');
  await disconnectDatabase();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    // A closed connection reports as it exits: read until two readings agree.
    let previous = -1;
    for (;;) {
      const { rows } = await client.query<{ read: string }>(`SELECT coalesce(sum(idx_tup_read), 0)::text AS read FROM pg_stat_user_indexes WHERE relname = 'orders'`);
      const read = Number(rows[0]!.read);
      if (read === previous) return read;
      previous = read;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } finally {
    await client.end();
  }
}

describe('the ingest’s statements', () => {
  it('find the orders of a tenant the statistics do not know by their keys, not by walking the tenant’s orders', async () => {
    const { pool } = await import('@/lib/db/client');
    const { addShopifyStore, createTestTenant } = await import('@/tests/support/tenants');

    const known = await createTestTenant('Known to the statistics');
    const knownStore = await addShopifyStore(known.tenantId);
    await recordShopifyOrders(known.tenantId, knownStore.storeId, 150, 9_100_000_000_000);
    await pool().query('ANALYZE orders');

    const { tenantId } = await createTestTenant('New to the statistics');
    const { storeId } = await addShopifyStore(tenantId);
    await recordShopifyOrders(tenantId, storeId, 300, 9_200_000_000_000);
    // On connections of their own, as after a quiet spell (the pool closes idle ones after 10 s),
    // where Postgres plans a prepared statement for the values at hand five times before it
    // weighs a generic plan: ten of the new tenant's orders again, newer.
    const before = await ordersIndexEntriesRead();
    await recordShopifyOrders(tenantId, storeId, 10, 9_200_000_000_000, '2026-11-26T00:00:00Z');
    const read = (await ordersIndexEntriesRead()) - before;
    // By key, each order's lookup, counter and twin search read a few entries. Planned for a
    // tenant estimated at no rows, the lookup and the counter's two walked all 300 orders.
    expect(read).toBeLessThan(1_000);
  }, 120_000);
});
