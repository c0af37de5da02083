import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess, type TWorkerProcess } from '@/tests/support/processes';

// This file's jobs go to a queue prefix of their own, served by a worker this test kills.
process.env.QUEUE_PREFIX = '{hub-backfill-restart}';
const workerEnv = { QUEUE_PREFIX: '{hub-backfill-restart}', INGEST_CONCURRENCY: '2' };

let worker: TWorkerProcess | undefined;

beforeAll(async () => {
  worker = await startWorkerProcess('worker-backfill', workerEnv);
});
afterAll(async () => {
  await worker?.stop();
});

describe('backfill across a worker restart', () => {
  it('imports 500 orders with progress, survives a killed worker and doubles nothing', async () => {
    const { db } = await import('@/lib/db/client');
    const { connectStore } = await import('@/lib/stores/connect-store');
    const { enqueueBackfill } = await import('@/lib/queue/sync-queue');
    const { fakeShopify } = await import('@/tests/support/fakes');
    const { createTestTenant, uniqueSuffix } = await import('@/tests/support/tenants');
    const { findOrders } = await import('@/tests/support/orders');
    const { waitFor } = await import('@/tests/support/wait');

    const tenant = await createTestTenant();
    const shop = `backfill-${uniqueSuffix()}.myshopify.com`;
    await fakeShopify.addShop(shop);
    const created = (index: number) => new Date(Date.now() - (index % 55) * 86_400_000 - index * 1000).toISOString();
    await fakeShopify.putOrders(shop, Array.from({ length: 500 }, (_, index) => ({ id: String(8_100_000_000_000 + index), number: 10_001 + index, createdAt: created(index) })));
    // Connected as OAuth would leave it; slow pages, so the worker dies mid-way.
    await fetch(`http://127.0.0.1:${process.env.FAKES_PORT}/__admin/shops`, { method: 'POST', body: JSON.stringify({ shop, accessToken: 'shpat_backfill_test' }) });
    await fakeShopify.throttle(shop, { latencyMs: 250 });
    const { storeId } = await connectStore(tenant.tenantId, { platform: 'shopify', name: shop, shopDomain: shop, credentials: { accessToken: 'shpat_backfill_test' } }, { type: 'system', id: 'test' });
    await enqueueBackfill({ tenantId: tenant.tenantId, storeId });

    const progress = () => db().storeSync.findUniqueOrThrow({ where: { tenantId_storeId: { tenantId: tenant.tenantId, storeId } } });
    const partial = await waitFor(async () => {
      const sync = await progress();
      return sync.backfillDone >= 100 ? sync : undefined;
    }, 'a fifth of the backfill', 60_000);
    expect(partial).toMatchObject({ backfillStatus: 'running', backfillTotal: 500 });
    expect(partial.backfillDone).toBeLessThan(500);

    await worker!.stop('SIGKILL');
    const stoppedAt = (await progress()).backfillDone;
    worker = await startWorkerProcess('worker-backfill-2', workerEnv);

    const done = await waitFor(async () => {
      const sync = await progress();
      return sync.backfillStatus === 'done' ? sync : undefined;
    }, 'the backfill to finish after the restart', 120_000);
    expect(done.backfillDone).toBeGreaterThanOrEqual(500);
    expect(stoppedAt).toBeLessThan(500);
    const orders = await findOrders(tenant.tenantId);
    expect(orders).toHaveLength(500);
    expect(new Set(orders.map((order) => order.external_id)).size).toBe(500);
    expect(new Set(orders.map((order) => order.number)).size).toBe(500);
  }, 180_000);
});
