import { describe, expect, it } from 'vitest';
import { buildTikTokOrder, tiktokNotificationBody } from '@/tests/fixtures/tiktok';
import { seedFakeTikTokShop } from '@/tests/fakes/tiktok-shop';
import { fakeTikTok } from '@/tests/support/fakes';
import { addTikTokStore, createTestTenant } from '@/tests/support/tenants';
import { sendTikTok } from '@/tests/support/webhooks';
import { findEvents, findLinesOf, findOrders, settledOrders } from '@/tests/support/orders';

async function tiktokShop() {
  const tenant = await createTestTenant();
  const store = await addTikTokStore(tenant.tenantId);
  await seedFakeTikTokShop(process.env.TIKTOK_API_BASE!, { shop: { shopId: store.shopId, cipher: store.shopCipher, accessToken: store.accessToken } });
  const putOrder = (order: Record<string, unknown>) => seedFakeTikTokShop(process.env.TIKTOK_API_BASE!, { order: { cipher: store.shopCipher, order } });
  return { ...tenant, ...store, putOrder };
}

describe('TikTok Shop webhooks into the Order Center', () => {
  it('fetches the order with a signed API call and aggregates one-unit line items by SKU', async () => {
    const shop = await tiktokShop();
    const order = buildTikTokOrder({
      id: '576461413038785752',
      updateTime: 1_795_000_600,
      lines: [
        { sku: 'CASE-BLK', title: 'Phone case', variantTitle: 'Black', quantity: 3, price: '8.50' },
        { sku: 'CABLE-1M', title: 'USB-C cable', quantity: 1, price: '4.25' },
      ],
    });
    await shop.putOrder(order);
    const response = await sendTikTok({ body: tiktokNotificationBody({ shopId: shop.shopId, orderId: '576461413038785752', updateTime: 1_795_000_600 }) });
    expect(response.status).toBe(200);

    const [recorded] = await settledOrders(shop.tenantId, 1);
    expect(recorded).toMatchObject({ number: '#576461413038785752', external_id: '576461413038785752', status: 'paid', total_price: '29.7500', customer_name: 'Alan Turing' });
    expect(await findLinesOf(shop.tenantId, recorded!.id)).toEqual([
      { sku: 'CASE-BLK', title: 'Phone case — Black', quantity: 3, unit_price: '8.5000' },
      { sku: 'CABLE-1M', title: 'USB-C cable', quantity: 1, unit_price: '4.2500' },
    ]);
  });

  it('records an UNPAID order that has no recipient address yet; without a notification id, dedups on shop, type, order and update time', async () => {
    const shop = await tiktokShop();
    await shop.putOrder(buildTikTokOrder({ id: '576461413038785001', status: 'UNPAID', customer: { firstName: 'X', lastName: 'Y', email: 'relay@scs.tiktokw.us' } }));
    const notification = (updateTime: number) =>
      tiktokNotificationBody({ shopId: shop.shopId, orderId: '576461413038785001', status: 'UNPAID', updateTime, notificationId: null });
    await sendTikTok({ body: notification(1_795_000_000) });
    const repeat = await sendTikTok({ body: notification(1_795_000_000) });
    expect(await repeat.json()).toMatchObject({ duplicate: true });
    const [recorded] = await settledOrders(shop.tenantId, 1);
    expect(recorded).toMatchObject({ status: 'pending', customer_name: null, customer_email: 'relay@scs.tiktokw.us' });

    // A later change of the same order is a new event.
    const later = await sendTikTok({ body: notification(1_795_000_060) });
    expect(await later.json()).not.toMatchObject({ duplicate: true });
    await settledOrders(shop.tenantId, 2);
    expect((await findEvents(shop.tenantId)).map((event) => event.status)).toEqual(['PROCESSED', 'PROCESSED']);
    expect(await findOrders(shop.tenantId)).toHaveLength(1);
  });

  it('dedups on tts_notification_id and stores other notification types as IGNORED', async () => {
    const shop = await tiktokShop();
    await shop.putOrder(buildTikTokOrder({ id: '576461413038785002' }));
    const body = tiktokNotificationBody({ shopId: shop.shopId, orderId: '576461413038785002', updateTime: 1_795_000_000, notificationId: 'n-1' });
    await sendTikTok({ body });
    const repeat = await sendTikTok({ body });
    expect(await repeat.json()).toMatchObject({ duplicate: true });
    await sendTikTok({ body: tiktokNotificationBody({ shopId: shop.shopId, orderId: '576461413038785002', updateTime: 1_795_000_001, notificationId: 'n-2', type: 6 }) });
    await settledOrders(shop.tenantId, 2);
    expect((await findEvents(shop.tenantId)).map((event) => event.status).sort()).toEqual(['IGNORED', 'PROCESSED']);
    expect(await findOrders(shop.tenantId)).toHaveLength(1);
  });

  it('waits and tries again when TikTok Shop answers "too many requests"', async () => {
    const shop = await tiktokShop();
    await shop.putOrder(buildTikTokOrder({ id: '576461413038785004' }));
    await fakeTikTok.rateLimit(shop.shopId, 2);
    await sendTikTok({ body: tiktokNotificationBody({ shopId: shop.shopId, orderId: '576461413038785004', updateTime: 1_795_000_000 }) });

    const [recorded] = await settledOrders(shop.tenantId, 1);
    expect(recorded).toMatchObject({ external_id: '576461413038785004' });
    const [event] = await findEvents(shop.tenantId);
    // Retried inside the one job, not failed and re-queued.
    expect(event).toMatchObject({ status: 'PROCESSED', attempts: 1 });
    expect((await fakeTikTok.state(shop.shopId)).calls).toBe(3);
  });

  it('retries while the API does not know the order, then fails the event with the reason', async () => {
    const shop = await tiktokShop();
    await sendTikTok({ body: tiktokNotificationBody({ shopId: shop.shopId, orderId: '576461413038785003', updateTime: 1_795_000_000 }) });
    await settledOrders(shop.tenantId, 1, 30_000);
    const [event] = await findEvents(shop.tenantId);
    expect(event).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(event!.last_error).toContain('did not return order 576461413038785003');
  });

  it('refuses a webhook signed with another secret, and a shop nobody connected, with the same 401', async () => {
    const shop = await tiktokShop();
    const forged = await sendTikTok({ body: tiktokNotificationBody({ shopId: shop.shopId, orderId: '1', updateTime: 1 }), appSecret: 'wrong' });
    const unknown = await sendTikTok({ body: tiktokNotificationBody({ shopId: '999', orderId: '1', updateTime: 1 }) });
    expect(forged.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await forged.json());
    expect(await findEvents(shop.tenantId)).toEqual([]);
  });
});
