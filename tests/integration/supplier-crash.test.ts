import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess, type TWorkerProcess } from '@/tests/support/processes';

// The placements of this file go to a queue of their own, served by a worker the test kills while
// AliExpress is creating orders, before its answers arrive.
process.env.QUEUE_PREFIX = '{hub-supplier-crash}';
const workerEnv = { QUEUE_PREFIX: '{hub-supplier-crash}', SUPPLIER_BACKOFF_MS: '500' };

let worker: TWorkerProcess | undefined;
beforeAll(async () => {
  worker = await startWorkerProcess('worker-supplier-crash', workerEnv);
});
afterAll(async () => {
  await worker?.stop();
});

describe('bulk placement through a crash', () => {
  it('places 20 orders with a worker killed between the calls and their commits: still exactly 20 supplier orders', async () => {
    const { pool } = await import('@/lib/db/client');
    const { enqueuePlaceSupplierOrder } = await import('@/lib/queue/supplier-queue');
    const { fakeAliExpress } = await import('@/tests/support/fakes');
    const { connectedShopifyStore, linkAliExpress, mapSkus, shopifyOrder } = await import('@/tests/support/supplier');
    const { createTestTenant } = await import('@/tests/support/tenants');
    const { settledOrders } = await import('@/tests/support/orders');
    const { waitFor } = await import('@/tests/support/wait');

    const tenant = await createTestTenant();
    const { shop } = await connectedShopifyStore(tenant.tenantId);
    const { aeUserId } = await linkAliExpress(tenant);
    await mapSkus(tenant.tenantId, [{ sku: 'BULK-1', productId: '1005001000301' }]);
    for (let index = 0; index < 20; index++) {
      await shopifyOrder(shop, { id: String(9_400_000_000_000 + index), number: 4001 + index, customer: { firstName: 'Bulk', lastName: `Buyer${index}`, email: `b${index}@example.com` }, lines: [{ sku: 'BULK-1', title: 'Thing', quantity: 1 + (index % 3), price: '3.00' }] });
    }
    const orders = await settledOrders(tenant.tenantId, 20);

    await fakeAliExpress.setLatency(1500);
    try {
      for (const order of orders) await enqueuePlaceSupplierOrder({ tenantId: tenant.tenantId, orderId: order.id, actorId: tenant.userId });
      // Kill the worker once AliExpress has made some orders whose answers are still on the way.
      await waitFor(async () => (await fakeAliExpress.orders(aeUserId)).length >= 4, 'AliExpress to create the first orders', 60_000);
      await worker!.stop('SIGKILL');
      const pendingAtCrash = await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM supplier_order_attempts WHERE tenant_id = $1 AND status = 'pending'`, [tenant.tenantId]);
      expect(pendingAtCrash.rows[0]!.count).toBeGreaterThan(0);
      await fakeAliExpress.setLatency(0);
      worker = await startWorkerProcess('worker-supplier-crash-2', workerEnv);

      await waitFor(
        async () => {
          const { rows } = await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM orders WHERE tenant_id = $1 AND stage = 'awaiting_supplier'`, [tenant.tenantId]);
          return rows[0]!.count === 20;
        },
        'every order to reach the supplier',
        120_000,
      );
    } finally {
      await fakeAliExpress.setLatency(0);
    }
    expect(await fakeAliExpress.orders(aeUserId)).toHaveLength(20);
    const { rows } = await pool().query<{ order_id: string; count: number }>(
      `SELECT order_id, count(*)::int AS count FROM supplier_orders WHERE tenant_id = $1 GROUP BY order_id`,
      [tenant.tenantId],
    );
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.count === 1)).toBe(true);
    const attempts = await pool().query<{ status: string; count: number }>(`SELECT status, count(*)::int AS count FROM supplier_order_attempts WHERE tenant_id = $1 GROUP BY status`, [tenant.tenantId]);
    expect(attempts.rows).toEqual([{ status: 'placed', count: 20 }]);
  }, 180_000);
});
