import { describe, expect, it } from 'vitest';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify } from '@/tests/support/webhooks';
import { findEvents, findLinesOf, findOrders, settledOrders } from '@/tests/support/orders';

describe('Shopify webhooks into the Order Center', () => {
  it('records an order with exact 18-digit ids, decimal money and its lines', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const body = shopifyOrderBody({
      id: '820982911946154508',
      number: 1001,
      lines: [
        { sku: 'LED-5M', title: 'LED strip', quantity: 2, price: '12.95' },
        { sku: null, title: 'Gift wrap', quantity: 1, price: '3.10' },
      ],
      tags: 'vip, repeat customer',
    });
    expect(body).toContain('"id":820982911946154508');

    const response = await sendShopify({ shopDomain, body });
    expect(response.status).toBe(200);

    const [order] = await settledOrders(tenantId, 1);
    expect(order).toMatchObject({
      number: '#1001',
      source_number: '1001',
      external_id: '820982911946154508',
      status: 'paid',
      total_price: '29.0000',
      customer_name: 'Ada Lovelace',
      customer_email: 'ada@example.com',
    });
    expect(await findLinesOf(tenantId, order!.id)).toEqual([
      { sku: 'LED-5M', title: 'LED strip', quantity: 2, unit_price: '12.9500' },
      { sku: null, title: 'Gift wrap', quantity: 1, unit_price: '3.1000' },
    ]);
  });

  it('accepts guest orders and redacted customer data', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '5000000000001', number: 1002, customer: null }) });
    await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '5000000000002', number: 1003, redacted: true }) });
    const orders = await settledOrders(tenantId, 2);
    expect(orders.map((order) => [order.number, order.customer_name, order.customer_email]).sort()).toEqual([
      ['#1002', null, null],
      ['#1003', null, null],
    ]);
  });

  it('turns ten deliveries of one webhook into one order and one processed event', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const body = shopifyOrderBody({ id: '6100000000001', number: 2001 });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => sendShopify({ shopDomain, body, eventId: 'evt-same-1', webhookId: 'whk-same-1' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const orders = await settledOrders(tenantId, 1);
    expect(orders).toHaveLength(1);
    expect(await findEvents(tenantId)).toHaveLength(1);
  });

  it('keys dedup on the webhook id when a delivery has no event id', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const body = shopifyOrderBody({ id: '6100000000002', number: 2002 });
    await sendShopify({ shopDomain, body, eventId: null, webhookId: 'only-webhook-id' });
    const repeat = await sendShopify({ shopDomain, body, eventId: null, webhookId: 'only-webhook-id' });
    expect(await repeat.json()).toMatchObject({ ok: true, duplicate: true });
    await settledOrders(tenantId, 1);
    expect(await findEvents(tenantId)).toHaveLength(1);
  });

  it('records orders/updated that arrives before orders/create, and ignores the older create', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const base = { id: '6200000000001', number: 3001, createdAt: '2026-11-20T10:00:00Z' };
    await sendShopify({ shopDomain, topic: 'orders/updated', body: shopifyOrderBody({ ...base, updatedAt: '2026-11-20T12:00:00Z', fulfillmentStatus: 'fulfilled' }) });
    await settledOrders(tenantId, 1);
    await sendShopify({ shopDomain, topic: 'orders/create', body: shopifyOrderBody({ ...base, updatedAt: '2026-11-20T10:00:00Z' }) });
    const orders = await settledOrders(tenantId, 2);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ number: '#3001', status: 'fulfilled' });
    expect(orders[0]!.source_updated_at.toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });

  it('ignores an older update that arrives after a newer one', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const base = { id: '6200000000002', number: 3002, createdAt: '2026-11-20T10:00:00Z' };
    await sendShopify({ shopDomain, body: shopifyOrderBody({ ...base, updatedAt: '2026-11-20T10:00:00Z' }) });
    await settledOrders(tenantId, 1);
    await sendShopify({ shopDomain, topic: 'orders/cancelled', body: shopifyOrderBody({ ...base, updatedAt: '2026-11-21T09:00:00Z', cancelledAt: '2026-11-21T09:00:00Z' }) });
    await settledOrders(tenantId, 2);
    await sendShopify({ shopDomain, topic: 'orders/updated', body: shopifyOrderBody({ ...base, updatedAt: '2026-11-20T15:00:00Z', fulfillmentStatus: 'fulfilled' }) });
    const orders = await settledOrders(tenantId, 3);
    expect(orders[0]).toMatchObject({ status: 'cancelled' });
    expect((await findEvents(tenantId)).map((event) => event.status)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED']);
  });

  it('stores other topics as IGNORED and answers 200', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const response = await sendShopify({ shopDomain, topic: 'products/update', body: JSON.stringify({ id: 1, title: 'Lamp' }) });
    expect(response.status).toBe(200);
    expect(await findEvents(tenantId)).toMatchObject([{ status: 'IGNORED', topic: 'products/update' }]);
    expect(await findOrders(tenantId)).toEqual([]);
  });

  it('records the TikTok order id that a Shopify order carries as its origin', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    await sendShopify({
      shopDomain,
      body: shopifyOrderBody({ id: '6300000000001', number: 4001, sourceName: 'tiktok', noteAttributes: [{ name: 'TikTok Order ID', value: '576461413038785752' }] }),
    });
    const [order] = await settledOrders(tenantId, 1);
    expect(order).toMatchObject({ origin_platform: 'tiktok', origin_external_id: '576461413038785752' });
  });

  it('fails a signed payload that is not an order, with the reason, and records nothing', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    const response = await sendShopify({ shopDomain, body: JSON.stringify({ id: 'abc def', name: '#1', total_price: 'lots' }) });
    expect(response.status).toBe(200);
    await settledOrders(tenantId, 1);
    const [event] = await findEvents(tenantId);
    expect(event!.status).toBe('FAILED');
    expect(event!.last_error).toMatch(/Invalid Shopify order/);
    expect(await findOrders(tenantId)).toEqual([]);
  });
});
