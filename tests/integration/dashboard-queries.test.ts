import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { findOrderPage } from '@/lib/orders/list-orders';
import { countOrdersByTab } from '@/lib/orders/count-orders-by-tab';
import { listStoreOverview } from '@/lib/stores/list-store-overview';
import { getHomeSummary } from '@/lib/dashboard/get-home-summary';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { wooOrderBody } from '@/tests/fixtures/woocommerce';
import { addShopifyStore, addWooStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify, sendWoo } from '@/tests/support/webhooks';
import { settledOrders } from '@/tests/support/orders';

async function tenantWithOrders() {
  const tenant = await createTestTenant();
  const shopify = await addShopifyStore(tenant.tenantId);
  const woo = await addWooStore(tenant.tenantId);
  const day = (index: number) => new Date(Date.now() - index * 86_400_000).toISOString();
  await Promise.all(
    Array.from({ length: 7 }, (_, index) =>
      sendShopify({
        shopDomain: shopify.shopDomain,
        body: shopifyOrderBody({ id: String(9_500_000_000_000 + index), number: 3000 + index, createdAt: day(index + 1), fulfillmentStatus: index < 2 ? 'fulfilled' : null, cancelledAt: index === 6 ? day(1) : null }),
      }),
    ),
  );
  await sendWoo({ ...woo, secret: woo.webhookSecret, body: wooOrderBody({ id: 70, number: '7000', status: 'completed', createdGmt: day(0).slice(0, 19) }) });
  await sendShopify({ shopDomain: shopify.shopDomain, body: JSON.stringify({ id: 1, nonsense: true }) });
  await settledOrders(tenant.tenantId, 9);
  return { ...tenant, shopify, woo };
}

describe('Order Center queries', () => {
  it('puts orders in tabs by stage and counts them, the failed sync aside', async () => {
    const tenant = await tenantWithOrders();
    const counts = await countOrdersByTab(tenant.tenantId, {});
    expect(Object.fromEntries(Object.entries(counts).map(([tab, value]) => [tab, value.count]))).toEqual({
      to_order: 4,
      awaiting_supplier: 0,
      shipped: 2,
      completed: 1,
      cancelled: 1,
      archived: 0,
      needs_attention: 0,
    });
    const shipped = await findOrderPage(tenant.tenantId, { tab: 'shipped' }, { limit: 50 });
    expect(shipped.rows.map((row) => row.number)).toEqual(['#3000', '#3001']);
    const onlyWoo = await countOrdersByTab(tenant.tenantId, { storeId: tenant.woo.storeId });
    expect(onlyWoo.completed.count).toBe(1);
    expect(onlyWoo.to_order.count).toBe(0);
  });

  it('pages forwards and back by keyset, filters by date range and hides stores the viewer may not see', async () => {
    const tenant = await tenantWithOrders();
    const first = await findOrderPage(tenant.tenantId, {}, { limit: 3 });
    expect(first.rows.map((row) => row.number)).toEqual(['#7000', '#3000', '#3001']);
    expect(first.previousCursor).toBeNull();
    const second = await findOrderPage(tenant.tenantId, {}, { limit: 3, after: first.nextCursor! });
    expect(second.rows.map((row) => row.number)).toEqual(['#3002', '#3003', '#3004']);
    const back = await findOrderPage(tenant.tenantId, {}, { limit: 3, before: second.previousCursor! });
    expect(back.rows.map((row) => row.number)).toEqual(first.rows.map((row) => row.number));
    expect(back.previousCursor).toBeNull();

    const since = new Date(Date.now() - 2.5 * 86_400_000);
    const recent = await findOrderPage(tenant.tenantId, { placedFrom: since }, { limit: 50 });
    expect(recent.rows.map((row) => row.number)).toEqual(['#7000', '#3000', '#3001']);

    const staffView = await findOrderPage(tenant.tenantId, { visibleStoreIds: [tenant.woo.storeId] }, { limit: 50 });
    expect(staffView.rows.map((row) => row.number)).toEqual(['#7000']);
    const staffAskingForOther = await findOrderPage(tenant.tenantId, { visibleStoreIds: [tenant.woo.storeId], storeId: tenant.shopify.storeId }, { limit: 50 });
    expect(staffAskingForOther.rows).toEqual([]);
  });

  it('summarises stores and the home page', async () => {
    const tenant = await tenantWithOrders();
    const stores = await listStoreOverview(tenant.tenantId, null);
    expect(stores.map((store) => [store.platform, store.orderCount, store.failedEventCount, store.lastWebhookAt instanceof Date])).toEqual([
      ['shopify', 7, 1, true],
      ['woocommerce', 1, 0, true],
    ]);
    const summary = await getHomeSummary(tenant.tenantId, null);
    expect(summary.days).toHaveLength(30);
    expect(summary.days.reduce((sum, day) => sum + day.counts.shopify, 0)).toBe(7);
    expect(summary.days.at(-1)!.counts.woocommerce).toBe(1);
    expect(summary.recentFailures).toHaveLength(1);
    expect(summary.tabs.shipped.count).toBe(2);
    const { rows } = await pool().query(`SELECT count(*)::int AS count FROM orders WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(rows[0].count).toBe(8);
  });
});
