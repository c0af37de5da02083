import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant-scope';
import { getOrder } from '@/lib/orders/get-order';
import { listOrders } from '@/lib/orders/list-orders';
import { connectStore } from '@/lib/stores/connect-store';
import { backfillStore } from '@/lib/sync/backfill-store';
import { placeSupplierOrder } from '@/lib/suppliers/place-supplier-order';
import { syncSupplierOrders } from '@/lib/suppliers/sync-supplier-orders';
import { buildTikTokOrder } from '@/tests/fixtures/tiktok';
import { fakeAliExpress, fakeShopify, fakeTikTok, fakeWoo } from '@/tests/support/fakes';
import { connectedShopifyStore, linkAliExpress, mapSkus } from '@/tests/support/supplier';
import { createTestTenant, uniqueSuffix } from '@/tests/support/tenants';

const system = { type: 'system' as const, id: 'test' };
const recent = () => new Date(Date.now() - 3600_000);

/** One store of each channel, each with one order the backfill brings in, all mapped to AliExpress. */
async function threeChannels() {
  const tenant = await createTestTenant();
  const shopify = await connectedShopifyStore(tenant.tenantId);
  await fakeShopify.putOrders(shopify.shop, [
    { id: '9500000000001', number: 5101, createdAt: recent().toISOString(), customer: { firstName: 'Sol', lastName: 'Shop', email: 's@example.com' }, lines: [{ sku: 'TRK-1', title: 'Lamp', quantity: 1, price: '20.00' }] },
  ]);

  const site = `woo-trk-${uniqueSuffix()}`;
  const siteUrl = await fakeWoo.addSite(site);
  const wooKeys = { consumerKey: `ck_${uniqueSuffix()}`, consumerSecret: `cs_${uniqueSuffix()}` };
  await fakeWoo.addKeys(site, wooKeys.consumerKey, wooKeys.consumerSecret);
  await fakeWoo.putOrders(site, [{ id: 51, number: '5201', createdGmt: recent().toISOString().slice(0, 19), lines: [{ sku: 'TRK-1', title: 'Lamp', quantity: 2, price: '20.00' }] }]);
  const woo = await connectStore(tenant.tenantId, { platform: 'woocommerce', name: site, siteUrl, credentials: { ...wooKeys, webhookSecret: 'unused' } }, system);

  const shopId = `7496${Date.now()}`.slice(0, 19);
  const cipher = `ROW_${uniqueSuffix()}`;
  const tiktokToken = `tok-${uniqueSuffix()}`;
  await fakeTikTok.addShop({ shopId, cipher, accessToken: tiktokToken });
  const tiktokOrderId = `5770${Date.now()}`.slice(0, 18);
  await fakeTikTok.putOrder(cipher, buildTikTokOrder({ id: tiktokOrderId, createTime: Math.floor(recent().getTime() / 1000), lines: [{ sku: 'TRK-1', title: 'Lamp', quantity: 1, price: '20.00' }] }));
  const tiktok = await connectStore(tenant.tenantId, { platform: 'tiktok', name: 'TikTok shop', shopId, shopCipher: cipher, credentials: { accessToken: tiktokToken } }, system);

  for (const storeId of [shopify.storeId, woo.storeId, tiktok.storeId]) expect(await backfillStore(tenant.tenantId, storeId)).toBe('done');
  const { rows: orders } = await pool().query<{ id: string; platform: string; external_id: string }>(`SELECT id, platform, external_id FROM orders WHERE tenant_id = $1 ORDER BY platform::text`, [tenant.tenantId]);
  expect(orders.map((order) => order.platform)).toEqual(['shopify', 'tiktok', 'woocommerce']);
  return { tenant, orders, shop: shopify.shop, site, shopId, tiktokOrderId };
}

describe('tracking back to the channels', () => {
  it('moves each order through the supplier’s stages and sends the tracking to Shopify, WooCommerce and TikTok Shop', async () => {
    const { tenant, orders, shop, site, shopId, tiktokOrderId } = await threeChannels();
    await linkAliExpress(tenant);
    await mapSkus(tenant.tenantId, [{ sku: 'TRK-1', productId: '1005001000501' }]);
    for (const order of orders) expect(await placeSupplierOrder(tenant.tenantId, order.id, { type: 'user', id: tenant.userId })).toMatchObject({ kind: 'placed' });

    const supplierOrders = async () =>
      (
        await pool().query<{ order_id: string; external_order_id: string; status: string; tracking_pushed_at: Date | null }>(
          `SELECT order_id, external_order_id, status, tracking_pushed_at FROM supplier_orders WHERE tenant_id = $1`,
          [tenant.tenantId],
        )
      ).rows;
    const stages = async () => (await pool().query<{ platform: string; stage: string }>(`SELECT platform, stage FROM orders WHERE tenant_id = $1 ORDER BY platform::text`, [tenant.tenantId])).rows.map((row) => row.stage);
    expect(await stages()).toEqual(['awaiting_supplier', 'awaiting_supplier', 'awaiting_supplier']);

    // Paid at AliExpress, not shipped yet: nothing goes to the channels.
    for (const placed of await supplierOrders()) await fakeAliExpress.updateOrder(placed.external_order_id, { status: 'WAIT_SELLER_SEND_GOODS' });
    expect(await syncSupplierOrders(tenant.tenantId)).toEqual({ polled: 3, pushed: 0, failedPushes: 0 });
    expect((await supplierOrders()).map((row) => row.status)).toEqual(['awaiting_shipment', 'awaiting_shipment', 'awaiting_shipment']);
    expect((await fakeShopify.state(shop)).fulfillments).toEqual([]);

    // Shipped with tracking: every channel hears of it, once.
    const tracking = new Map<string, string>();
    for (const placed of await supplierOrders()) {
      const number = `LP${placed.external_order_id.slice(-8)}CN`;
      tracking.set(placed.order_id, number);
      await fakeAliExpress.updateOrder(placed.external_order_id, { status: 'WAIT_BUYER_ACCEPT_GOODS', logisticsStatus: 'SELLER_SEND_GOODS', trackingNumber: number, carrier: 'CAINIAO_STANDARD' });
    }
    expect(await syncSupplierOrders(tenant.tenantId)).toEqual({ polled: 3, pushed: 3, failedPushes: 0 });
    expect(await stages()).toEqual(['shipped', 'shipped', 'shipped']);
    const numberOf = (platform: string) => tracking.get(orders.find((order) => order.platform === platform)!.id)!;

    const shopifyState = await fakeShopify.state(shop);
    expect(shopifyState.fulfillments).toEqual([{ orderId: orders.find((order) => order.platform === 'shopify')!.external_id, trackingNumbers: [numberOf('shopify')], company: 'CAINIAO_STANDARD', notifyCustomer: true }]);

    const wooState = await fakeWoo.state(site);
    expect(wooState.orders.find((order) => order.id === 51)).toMatchObject({ status: 'completed', meta_data: expect.arrayContaining([{ key: '_tracking_number', value: numberOf('woocommerce') }]) });
    expect(wooState.notes).toEqual([{ orderId: 51, note: expect.stringContaining(numberOf('woocommerce')), customer_note: true }]);

    expect((await fakeTikTok.state(shopId)).shipments).toEqual([{ packageId: `pkg-${tiktokOrderId}`, trackingNumber: numberOf('tiktok'), provider: 'CAINIAO_STANDARD' }]);

    // The REST API shows each order's supplier order with its tracking and when it reached the
    // channel, the same in the list (read with the page) and in the single order.
    const listed = (await withTenant(tenant.tenantId, () => listOrders(tenant.tenantId, {}))).data;
    expect(listed).toHaveLength(3);
    for (const placed of await supplierOrders()) {
      const json = listed.find((order) => order.id === placed.order_id)!;
      expect(json.supplierOrders).toEqual([
        {
          id: expect.any(String),
          provider: 'aliexpress',
          externalOrderId: placed.external_order_id,
          status: 'shipped',
          trackingNumbers: [tracking.get(placed.order_id)],
          carrier: 'CAINIAO_STANDARD',
          trackingSentAt: placed.tracking_pushed_at!.toISOString(),
          accountId: expect.any(String),
          accountStatus: 'active',
        },
      ]);
      expect(await withTenant(tenant.tenantId, () => getOrder(tenant.tenantId, placed.order_id))).toEqual(json);
    }

    // Polling again sends nothing twice; delivery completes the orders.
    for (const placed of await supplierOrders()) await fakeAliExpress.updateOrder(placed.external_order_id, { status: 'FINISH', logisticsStatus: 'BUYER_ACCEPT_GOODS' });
    expect(await syncSupplierOrders(tenant.tenantId)).toEqual({ polled: 3, pushed: 0, failedPushes: 0 });
    expect(await stages()).toEqual(['completed', 'completed', 'completed']);
    expect((await fakeShopify.state(shop)).fulfillments).toHaveLength(1);
    expect((await fakeWoo.state(site)).notes).toHaveLength(1);
    expect((await fakeTikTok.state(shopId)).shipments).toHaveLength(1);
    // Delivered and pushed: nothing left to poll.
    expect(await syncSupplierOrders(tenant.tenantId)).toEqual({ polled: 0, pushed: 0, failedPushes: 0 });
  });

  it('keeps a failed push in Needs attention and sends it on the next sync once the store is back', async () => {
    const { tenant, orders, shop } = await threeChannels();
    await linkAliExpress(tenant);
    await mapSkus(tenant.tenantId, [{ sku: 'TRK-1', productId: '1005001000502' }]);
    const shopifyOrder = orders.find((order) => order.platform === 'shopify')!;
    expect(await placeSupplierOrder(tenant.tenantId, shopifyOrder.id, { type: 'user', id: tenant.userId })).toMatchObject({ kind: 'placed' });
    const { rows } = await pool().query<{ external_order_id: string }>(`SELECT external_order_id FROM supplier_orders WHERE tenant_id = $1`, [tenant.tenantId]);
    await fakeAliExpress.updateOrder(rows[0]!.external_order_id, { status: 'WAIT_BUYER_ACCEPT_GOODS', logisticsStatus: 'SELLER_SEND_GOODS', trackingNumber: 'LP000111CN', carrier: 'CAINIAO_STANDARD' });

    await fakeShopify.throttle(shop, { rateLimits: 10 });
    expect(await syncSupplierOrders(tenant.tenantId)).toMatchObject({ pushed: 0, failedPushes: 1 });
    const attention = await pool().query<{ attention_reason: string | null; stage: string }>(`SELECT attention_reason, stage FROM orders WHERE tenant_id = $1 AND id = $2`, [tenant.tenantId, shopifyOrder.id]);
    expect(attention.rows[0]).toMatchObject({ stage: 'shipped', attention_reason: expect.stringMatching(/^tracking_push_failed: /) });
    expect((await fakeShopify.state(shop)).fulfillments).toEqual([]);

    await fakeShopify.throttle(shop, { rateLimits: 0 });
    expect(await syncSupplierOrders(tenant.tenantId)).toMatchObject({ pushed: 1, failedPushes: 0 });
    expect((await fakeShopify.state(shop)).fulfillments).toHaveLength(1);
    const cleared = await pool().query<{ attention_reason: string | null }>(`SELECT attention_reason FROM orders WHERE tenant_id = $1 AND id = $2`, [tenant.tenantId, shopifyOrder.id]);
    expect(cleared.rows[0]!.attention_reason).toBeNull();
  });
});
