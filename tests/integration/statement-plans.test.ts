import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase } from '@/tests/support/private-database';

// The statements the code names are prepared once per connection of the app's pool. Planned for
// the tenant at hand, a tenant Postgres' statistics do not know yet is estimated at no rows, and
// the look-up of a stored order walked every order of the tenant. Here on a database of this
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

async function recordShopifyOrders(tenantId: string, storeId: string, count: number, firstId: number): Promise<void> {
  const { recordOrder } = await import('@/lib/orders/record-order');
  const { normalizeShopifyOrder } = await import('@/lib/platforms/shopify/normalize-shopify-order');
  const { parseJsonLossless } = await import('@/lib/platforms/parse-json');
  const { withTenant } = await import('@/lib/db/tenant-scope');
  const { shopifyOrderBody } = await import('@/tests/fixtures/shopify');
  for (let index = 0; index < count; index++) {
    const order = normalizeShopifyOrder(parseJsonLossless(shopifyOrderBody({ id: String(firstId + index), number: 1000 + index })));
    await withTenant(tenantId, () => recordOrder({ tenantId, storeId, platform: 'shopify', order, actor: { type: 'system', id: null } }));
  }
}

type TPlanNode = { 'Node Type': string; 'Index Name'?: string; 'Index Cond'?: string; 'Shared Hit Blocks': number; Plans?: TPlanNode[] };

function indexScans(node: TPlanNode): TPlanNode[] {
  return [...(node['Index Name'] ? [node] : []), ...(node.Plans ?? []).flatMap(indexScans)];
}

describe('statements prepared on the app’s connections', () => {
  it('find a stored order of a tenant the statistics do not know by its key, not by walking the tenant’s orders', async () => {
    const { pool } = await import('@/lib/db/client');
    const { withTenant } = await import('@/lib/db/tenant-scope');
    const { findStoredOrder } = await import('@/lib/orders/record-order');
    const { addShopifyStore, createTestTenant } = await import('@/tests/support/tenants');

    const known = await createTestTenant('Known to the statistics');
    const knownStore = await addShopifyStore(known.tenantId);
    await recordShopifyOrders(known.tenantId, knownStore.storeId, 150, 9_100_000_000_000);
    await pool().query('ANALYZE orders');

    const { tenantId } = await createTestTenant('New to the statistics');
    const { storeId } = await addShopifyStore(tenantId);
    await recordShopifyOrders(tenantId, storeId, 300, 9_200_000_000_000);

    const plan = await withTenant(tenantId, async () => {
      const client = await pool().connect();
      try {
        await client.query('BEGIN');
        // The connection's own settings, as every prepared statement of the pool runs with them.
        await client.query(`PREPARE stored_order(text, text, text) AS ${findStoredOrder.text}`);
        const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: TPlanNode }> }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE stored_order(${[tenantId, storeId, '9200000000000150'].map((value) => client.escapeLiteral(value)).join(', ')})`,
        );
        await client.query('DEALLOCATE stored_order');
        await client.query('COMMIT');
        return rows[0]!['QUERY PLAN'][0]!.Plan;
      } finally {
        client.release();
      }
    });
    const [scan] = indexScans(plan);
    // The channel id narrows the index scan itself; walking the tenant's 300 orders reads hundreds of blocks.
    expect(scan?.['Index Cond']).toContain('external_id');
    expect(plan['Shared Hit Blocks']).toBeLessThan(20);
  }, 120_000);
});
