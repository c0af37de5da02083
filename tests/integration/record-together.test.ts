import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant-scope';
import { recordOrderTogether } from '@/lib/orders/record-orders-together';
import { recordOrders } from '@/lib/orders/record-order';
import type { TCanonicalOrder } from '@/lib/orders/canonical-order';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { shopifyOrderBody, type TShopifyOrderInput } from '@/tests/fixtures/shopify';
import { findOrders } from '@/tests/support/orders';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';

// The worker's ingest jobs hand their orders to recordOrderTogether, which writes those that arrive
// at the same moment in shared transactions. Each order must come out as recordOrder alone makes it.

const actor = { type: 'system' as const, id: null };

function shopifyOrder(input: Partial<TShopifyOrderInput> & { id: string; number: number }): TCanonicalOrder {
  // A buyer of its own per order: orders of one buyer and basket are twin candidates, never batched together.
  const customer = input.customer ?? { firstName: `Buyer${input.id}`, lastName: 'Together', email: `buyer-${input.id}@example.com` };
  return normalizeShopifyOrder(parseJsonLossless(shopifyOrderBody({ ...input, customer })));
}

async function transactionsOf(tenantId: string): Promise<number> {
  const { rows } = await pool().query<{ count: number }>(`SELECT count(DISTINCT xmin::text)::int AS count FROM orders WHERE tenant_id = $1`, [tenantId]);
  return rows[0]!.count;
}

describe('orders recorded together', () => {
  it('writes orders handed in at once in shared transactions, each as it would be alone', async () => {
    const { tenantId } = await createTestTenant('Together');
    const { storeId } = await addShopifyStore(tenantId);
    const record = (order: TCanonicalOrder) => withTenant(tenantId, () => recordOrderTogether({ tenantId, storeId, platform: 'shopify', order, actor }));

    const results = await Promise.all(Array.from({ length: 24 }, (_, index) => record(shopifyOrder({ id: String(8_500_000_000_000 + index), number: 6000 + index }))));
    expect(results.map((result) => [result.outcome, result.number])).toEqual(Array.from({ length: 24 }, (_, index) => ['created', `#${6000 + index}`]));
    const orders = await findOrders(tenantId);
    expect(orders.map((order) => order.number).sort()).toEqual(Array.from({ length: 24 }, (_, index) => `#${6000 + index}`));
    expect(new Set(results.map((result) => result.orderId))).toEqual(new Set(orders.map((order) => order.id)));
    // Fewer transactions than orders: they went out together.
    expect(await transactionsOf(tenantId)).toBeLessThan(24);

    // The same orders again, and a newer state of half of them: unchanged and updated, nothing doubled.
    const again = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        record(shopifyOrder({ id: String(8_500_000_000_000 + index), number: 6000 + index, updatedAt: index % 2 ? '2026-11-26T00:00:00Z' : undefined })),
      ),
    );
    expect(again.map((result) => result.outcome)).toEqual(Array.from({ length: 24 }, (_, index) => (index % 2 ? 'updated' : 'unchanged')));
    expect(await findOrders(tenantId)).toHaveLength(24);
  });

  it('never puts one number, one order or two twins in one transaction: numbers, states and twins come out right', async () => {
    const { tenantId } = await createTestTenant('Together');
    const first = await addShopifyStore(tenantId);
    const second = await addShopifyStore(tenantId);
    const record = (storeId: string, order: TCanonicalOrder) => withTenant(tenantId, () => recordOrderTogether({ tenantId, storeId, platform: 'shopify', order, actor }));
    const twinBuyer = { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' };

    const others = (first: number) => Array.from({ length: 4 }, (_, index) => record(second.storeId, shopifyOrder({ id: String(8_600_000_000_000 + first + index), number: first + index })));
    // Each case handed in with other orders, apart from the next: a number group or twins in one
    // transaction would fail nothing, and come out wrong.
    // Two different orders with channel number 7001 (a third follows).
    await Promise.all([
      record(first.storeId, shopifyOrder({ id: '8600000000001', number: 7001 })),
      ...others(7100),
      record(second.storeId, shopifyOrder({ id: '8600000000002', number: 7001 })),
    ]);
    // Two copies of one purchase from two stores; the third order with number 7001.
    await Promise.all([
      record(first.storeId, shopifyOrder({ id: '8600000000003', number: 7001 })),
      record(first.storeId, shopifyOrder({ id: '8600000000020', number: 7020, customer: twinBuyer })),
      ...others(7200),
      record(second.storeId, shopifyOrder({ id: '8600000000021', number: 7021, customer: twinBuyer })),
    ]);
    // One order twice, its update handed in with its creation.
    await Promise.all([
      record(first.storeId, shopifyOrder({ id: '8600000000010', number: 7010 })),
      ...others(7300),
      record(first.storeId, shopifyOrder({ id: '8600000000010', number: 7010, updatedAt: '2026-11-27T00:00:00Z', financialStatus: 'refunded' })),
    ]);

    const orders = await findOrders(tenantId);
    expect(orders).toHaveLength(18);
    const group = orders.filter((order) => order.source_number === '7001');
    expect(group.map((order) => order.number).sort()).toEqual(['#7001-1', '#7001-2', '#7001-3']);
    expect(group.flatMap((order) => order.former_numbers)).toEqual(['#7001']);
    const twice = orders.filter((order) => order.external_id === '8600000000010');
    expect(twice.map((order) => [order.number, order.status, order.source_updated_at.toISOString()])).toEqual([['#7010', 'refunded', '2026-11-27T00:00:00.000Z']]);
    const { rows: twins } = await pool().query<{ original: string; copy: string }>(
      `SELECT o.number AS original, c.number AS copy FROM order_twins t
         JOIN orders o ON o.tenant_id = t.tenant_id AND o.id = t.original_order_id
         JOIN orders c ON c.tenant_id = t.tenant_id AND c.id = t.copy_order_id
        WHERE t.tenant_id = $1`,
      [tenantId],
    );
    expect(twins).toHaveLength(1);
    expect([twins[0]!.original, twins[0]!.copy].sort()).toEqual(['#7020', '#7021']);
  });

  it('fails an order that cannot be recorded alone, and records the others handed in with it', async () => {
    const { tenantId } = await createTestTenant('Together');
    const { storeId } = await addShopifyStore(tenantId);
    const record = (order: TCanonicalOrder) => withTenant(tenantId, () => recordOrderTogether({ tenantId, storeId, platform: 'shopify', order, actor }));
    const good = Array.from({ length: 6 }, (_, index) => shopifyOrder({ id: String(8_700_000_000_000 + index), number: 7500 + index }));
    const valid = shopifyOrder({ id: '8700000000099', number: 7599 });
    // Past the schema (recordOrder takes its input as checked): a quantity its column cannot hold.
    const broken = { ...valid, lines: [{ ...valid.lines[0]!, quantity: 2 ** 31 }] } as TCanonicalOrder;

    const settled = await Promise.allSettled([...good.slice(0, 3).map(record), record(broken), ...good.slice(3).map(record)]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({ code: '22003' });
    const orders = await findOrders(tenantId);
    expect(orders.map((order) => order.number).sort()).toEqual(Array.from({ length: 6 }, (_, index) => `#${7500 + index}`));
    // Its number was not taken: recorded once it can be, it is the plain #7599.
    const recorded = await record(valid);
    expect(recorded.number).toBe('#7599');
  });

  it('refuses to record orders that share a key in one transaction', async () => {
    const { tenantId } = await createTestTenant('Together');
    const { storeId } = await addShopifyStore(tenantId);
    const inputs = ['8800000000001', '8800000000002'].map((id) => ({ tenantId, storeId, platform: 'shopify' as const, order: shopifyOrder({ id, number: 7700 }), actor }));
    await expect(withTenant(tenantId, () => recordOrders(inputs))).rejects.toThrow('share no key');
    expect(await findOrders(tenantId)).toEqual([]);
  });
});
