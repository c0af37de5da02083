import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant-scope';
import { listOrders } from '@/lib/orders/list-orders';
import { resolveTwin } from '@/lib/duplicates/resolve-twin';
import { countPendingTwins, listTwins } from '@/lib/duplicates/list-twins';
import { findTikTokOriginOverlaps, setSkipTikTokOrigin } from '@/lib/duplicates/skip-tiktok-origin';
import { placeSupplierOrder } from '@/lib/suppliers/place-supplier-order';
import { createApiKey } from '@/lib/auth/api-keys';
import { shopifyOrderBody, type TShopifyOrderInput } from '@/tests/fixtures/shopify';
import { buildTikTokOrder, tiktokNotificationBody } from '@/tests/fixtures/tiktok';
import { seedFakeTikTokShop } from '@/tests/fakes/tiktok-shop';
import { addShopifyStore, addTikTokStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify, sendTikTok } from '@/tests/support/webhooks';
import { findEvents, findOrders, settledOrders } from '@/tests/support/orders';
import { linkAliExpress, mapSkus } from '@/tests/support/supplier';
import { GET as getOrderRoute } from '@/app/api/v1/orders/[id]/route';

// A TikTok Shop order reaching the hub directly and again through Shopify's TikTok channel app.
const lines = [{ sku: 'TWIN-CASE', title: 'Phone case', quantity: 2, price: '8.50' }];
const buyer = { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' };

async function tenantWithTikTokAndShopify() {
  const tenant = await createTestTenant();
  const tiktok = await addTikTokStore(tenant.tenantId);
  await seedFakeTikTokShop(process.env.TIKTOK_API_BASE!, { shop: { shopId: tiktok.shopId, cipher: tiktok.shopCipher, accessToken: tiktok.accessToken } });
  const shopify = await addShopifyStore(tenant.tenantId);
  let events = 0;
  const sendTikTokOrder = async (orderId: string) => {
    await seedFakeTikTokShop(process.env.TIKTOK_API_BASE!, { order: { cipher: tiktok.shopCipher, order: buildTikTokOrder({ id: orderId, lines, customer: buyer }) } });
    expect((await sendTikTok({ body: tiktokNotificationBody({ shopId: tiktok.shopId, orderId, updateTime: 1_795_000_000 }) })).status).toBe(200);
    return settledOrders(tenant.tenantId, ++events);
  };
  const sendShopifyOrder = async (input: Partial<TShopifyOrderInput> & { id: string; number: number }) => {
    expect((await sendShopify({ shopDomain: shopify.shopDomain, body: shopifyOrderBody({ lines, customer: buyer, ...input }) })).status).toBe(200);
    return settledOrders(tenant.tenantId, ++events);
  };
  return { ...tenant, tiktok, shopify, sendTikTokOrder, sendShopifyOrder };
}

async function twinRows(tenantId: string) {
  const { rows } = await pool().query<{ id: string; original: string; copy: string; confidence: string; resolution: string }>(
    `SELECT t.id, o.platform::text AS original, c.platform::text AS copy, t.confidence, t.resolution
       FROM order_twins t JOIN orders o ON o.tenant_id = t.tenant_id AND o.id = t.original_order_id JOIN orders c ON c.tenant_id = t.tenant_id AND c.id = t.copy_order_id
      WHERE t.tenant_id = $1`,
    [tenantId],
  );
  return rows;
}

/** The tenant's pairs as [original number, copy number, confidence]. */
async function twinNumbers(tenantId: string) {
  return (await listTwins(tenantId, null)).map((twin) => [twin.original.number, twin.copy.number, twin.confidence]);
}

describe('twin orders', () => {
  it('links a Shopify copy to the TikTok order it came from when TikTok arrives first', async () => {
    const hub = await tenantWithTikTokAndShopify();
    await hub.sendTikTokOrder('576461413038700001');
    const copy = { id: '6310000000001', number: 7001, sourceName: 'tiktok', noteAttributes: [{ name: 'TikTok Order ID', value: '576461413038700001' }] };
    await hub.sendShopifyOrder(copy);
    expect(await twinRows(hub.tenantId)).toEqual([{ id: expect.any(String), original: 'tiktok', copy: 'shopify', confidence: 'certain', resolution: 'pending' }]);
    // Later states of both orders are updates: recorded, and neither is linked again.
    expect((await sendTikTok({ body: tiktokNotificationBody({ shopId: hub.tiktok.shopId, orderId: '576461413038700001', updateTime: 1_795_000_100 }) })).status).toBe(200);
    const update = shopifyOrderBody({ lines, customer: buyer, ...copy, financialStatus: 'refunded', updatedAt: '2026-11-28T10:00:00Z' });
    expect((await sendShopify({ shopDomain: hub.shopify.shopDomain, topic: 'orders/updated', body: update })).status).toBe(200);
    const orders = await settledOrders(hub.tenantId, 4);
    expect((await findEvents(hub.tenantId)).map((event) => event.status)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED', 'PROCESSED']);
    expect(orders.find((order) => order.external_id === '6310000000001')?.status).toBe('refunded');
    expect(await twinRows(hub.tenantId)).toHaveLength(1);
  });

  it('links them the same way when the Shopify copy arrives first, each connector style of carrying the id', async () => {
    const hub = await tenantWithTikTokAndShopify();
    await hub.sendShopifyOrder({ id: '6310000000011', number: 7011, sourceName: 'tiktok', sourceIdentifier: '576461413038700011' });
    await hub.sendShopifyOrder({ id: '6310000000012', number: 7012, tags: 'TikTok, TTS-576461413038700012' });
    await hub.sendShopifyOrder({ id: '6310000000013', number: 7013, name: 'TTS576461413038700013' });
    expect(await twinRows(hub.tenantId)).toEqual([]);
    for (const id of ['576461413038700011', '576461413038700012', '576461413038700013']) await hub.sendTikTokOrder(id);
    const twins = await twinRows(hub.tenantId);
    expect(twins).toHaveLength(3);
    expect(twins.every((twin) => twin.original === 'tiktok' && twin.copy === 'shopify' && twin.confidence === 'certain')).toBe(true);
    // The same notification again links nothing twice.
    expect((await sendTikTok({ body: tiktokNotificationBody({ shopId: hub.tiktok.shopId, orderId: '576461413038700011', updateTime: 1_795_000_000 }) })).status).toBe(200);
    await settledOrders(hub.tenantId);
    expect(await twinRows(hub.tenantId)).toHaveLength(3);
    expect(await countPendingTwins(hub.tenantId, null)).toBe(3);
  });

  it('flags a probable twin (same items, total and recipient within two hours) and nothing for a different basket', async () => {
    const tenant = await createTestTenant();
    const first = await addShopifyStore(tenant.tenantId);
    const second = await addShopifyStore(tenant.tenantId);
    await sendShopify({ shopDomain: first.shopDomain, body: shopifyOrderBody({ id: '6320000000001', number: 8001, lines, customer: buyer, createdAt: '2026-11-20T10:00:00Z' }) });
    await sendShopify({ shopDomain: second.shopDomain, body: shopifyOrderBody({ id: '6320000000002', number: 9001, lines, customer: { ...buyer, firstName: 'ALAN' }, createdAt: '2026-11-20T11:30:00Z' }) });
    // Not twins: a third unit, or the same basket a day later.
    await sendShopify({ shopDomain: second.shopDomain, body: shopifyOrderBody({ id: '6320000000003', number: 9002, lines: [{ ...lines[0]!, quantity: 3 }], customer: buyer, createdAt: '2026-11-20T10:30:00Z' }) });
    await sendShopify({ shopDomain: second.shopDomain, body: shopifyOrderBody({ id: '6320000000004', number: 9003, lines, customer: buyer, createdAt: '2026-11-21T10:30:00Z' }) });
    await settledOrders(tenant.tenantId, 4);
    const twins = await listTwins(tenant.tenantId, null);
    expect(twins.map((twin) => [twin.original.number, twin.copy.number, twin.confidence])).toEqual([['#8001', '#9001', 'probable']]);
    expect(twins[0]!.copy.lines).toEqual([expect.objectContaining({ sku: 'TWIN-CASE', quantity: 2 })]);
    // A later state of the copy is an update: recorded, and not linked again.
    const update = shopifyOrderBody({ id: '6320000000002', number: 9001, lines, customer: { ...buyer, firstName: 'ALAN' }, createdAt: '2026-11-20T11:30:00Z', updatedAt: '2026-11-20T12:00:00Z' });
    expect((await sendShopify({ shopDomain: second.shopDomain, topic: 'orders/updated', body: update })).status).toBe(200);
    await settledOrders(tenant.tenantId, 5);
    expect((await findEvents(tenant.tenantId)).every((event) => event.status === 'PROCESSED')).toBe(true);
    expect(await twinNumbers(tenant.tenantId)).toEqual([['#8001', '#9001', 'probable']]);
  });

  it('finds the probable twin among a flash sale of same-priced orders from the same hour', async () => {
    const tenant = await createTestTenant();
    const sale = await addShopifyStore(tenant.tenantId);
    const other = await addShopifyStore(tenant.tenantId);
    // 30 buyers of one product at one price; the last of them is the one whose copy comes in.
    for (let index = 0; index < 30; index++) {
      const customer = { firstName: `Buyer${index}`, lastName: 'Sale', email: `buyer${index}@example.com` };
      const createdAt = new Date(Date.parse('2026-11-20T10:00:00Z') + index * 60_000).toISOString();
      expect((await sendShopify({ shopDomain: sale.shopDomain, body: shopifyOrderBody({ id: String(6330000000000 + index), number: 8100 + index, lines, customer, createdAt }) })).status).toBe(200);
    }
    await settledOrders(tenant.tenantId, 30);
    const lastBuyer = { firstName: 'Buyer29', lastName: 'Sale', email: 'buyer29@example.com' };
    await sendShopify({ shopDomain: other.shopDomain, body: shopifyOrderBody({ id: '6330000000100', number: 9100, lines, customer: lastBuyer, createdAt: '2026-11-20T10:45:00Z' }) });
    await settledOrders(tenant.tenantId, 31);
    expect(await twinNumbers(tenant.tenantId)).toEqual([['#8129', '#9100', 'probable']]);
  });

  it('compares the recipient an order has now: an update that changes it is found by the copy', async () => {
    const tenant = await createTestTenant();
    const first = await addShopifyStore(tenant.tenantId);
    const second = await addShopifyStore(tenant.tenantId);
    const gift = { firstName: 'Grace', lastName: 'Hopper', email: 'alan@example.com' };
    await sendShopify({ shopDomain: first.shopDomain, body: shopifyOrderBody({ id: '6340000000001', number: 8201, lines, customer: buyer, createdAt: '2026-11-20T10:00:00Z' }) });
    await settledOrders(tenant.tenantId, 1);
    // The buyer makes it a gift: the order now goes to someone else.
    await sendShopify({
      shopDomain: first.shopDomain,
      topic: 'orders/updated',
      body: shopifyOrderBody({ id: '6340000000001', number: 8201, lines, customer: gift, createdAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:20:00Z' }),
    });
    await settledOrders(tenant.tenantId, 2);
    await sendShopify({ shopDomain: second.shopDomain, body: shopifyOrderBody({ id: '6340000000002', number: 9201, lines, customer: gift, createdAt: '2026-11-20T10:30:00Z' }) });
    await settledOrders(tenant.tenantId, 3);
    expect(await twinNumbers(tenant.tenantId)).toEqual([['#8201', '#9201', 'probable']]);
  });

  it('refuses to place either order of a pending pair; "same purchase" archives the copy, "different" lets both proceed', async () => {
    const hub = await tenantWithTikTokAndShopify();
    await linkAliExpress(hub);
    await mapSkus(hub.tenantId, [{ sku: 'TWIN-CASE', productId: '1005001000601' }]);
    await hub.sendTikTokOrder('576461413038700021');
    await hub.sendShopifyOrder({ id: '6310000000021', number: 7021, sourceName: 'tiktok', sourceIdentifier: '576461413038700021' });
    await hub.sendTikTokOrder('576461413038700022');
    const orders = await hub.sendShopifyOrder({ id: '6310000000022', number: 7022, sourceName: 'tiktok', sourceIdentifier: '576461413038700022' });
    const byNumber = (number: string) => orders.find((order) => order.number === number)!;
    const actor = { type: 'user' as const, id: hub.userId };

    expect(await placeSupplierOrder(hub.tenantId, byNumber('#7021').id, actor)).toEqual({ kind: 'refused', reason: 'twin_pending', detail: '#576461413038700021' });
    expect(await placeSupplierOrder(hub.tenantId, byNumber('#576461413038700021').id, actor)).toEqual({ kind: 'refused', reason: 'twin_pending', detail: '#7021' });
    const attempts = await pool().query(`SELECT 1 FROM supplier_order_attempts WHERE tenant_id = $1`, [hub.tenantId]);
    expect(attempts.rowCount).toBe(0);

    const [second, first] = await listTwins(hub.tenantId, null);
    await resolveTwin(hub.tenantId, first!.id, 'same_purchase', actor, null);
    await expect(resolveTwin(hub.tenantId, first!.id, 'different', actor, null)).rejects.toThrow(/already resolved/);
    expect(await placeSupplierOrder(hub.tenantId, byNumber('#7021').id, actor)).toEqual({ kind: 'refused', reason: 'archived' });
    expect(await placeSupplierOrder(hub.tenantId, byNumber('#576461413038700021').id, actor)).toMatchObject({ kind: 'placed' });

    await resolveTwin(hub.tenantId, second!.id, 'different', actor, null);
    expect(await placeSupplierOrder(hub.tenantId, byNumber('#7022').id, actor)).toMatchObject({ kind: 'placed' });
    expect(await placeSupplierOrder(hub.tenantId, byNumber('#576461413038700022').id, actor)).toMatchObject({ kind: 'placed' });

    const stages = await pool().query<{ number: string; stage: string }>(`SELECT number, stage FROM orders WHERE tenant_id = $1 ORDER BY number`, [hub.tenantId]);
    expect(stages.rows).toEqual([
      { number: '#576461413038700021', stage: 'awaiting_supplier' },
      { number: '#576461413038700022', stage: 'awaiting_supplier' },
      { number: '#7021', stage: 'archived' },
      { number: '#7022', stage: 'awaiting_supplier' },
    ]);
    const audit = await pool().query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM audit_events WHERE tenant_id = $1 AND action LIKE 'twin.%' ORDER BY created_at`, [hub.tenantId]);
    expect(audit.rows).toEqual([
      { action: 'twin.same_purchase', actor_id: hub.userId },
      { action: 'twin.different', actor_id: hub.userId },
    ]);

    // Another tenant cannot see or resolve the pair.
    const stranger = await createTestTenant();
    await expect(resolveTwin(stranger.tenantId, second!.id, 'same_purchase', { type: 'user', id: stranger.userId }, null)).rejects.toThrow(/not found/i);
  });

  it('shows twins and supplier orders in the REST Order JSON', async () => {
    const hub = await tenantWithTikTokAndShopify();
    await hub.sendTikTokOrder('576461413038700031');
    const orders = await hub.sendShopifyOrder({ id: '6310000000031', number: 7031, sourceName: 'tiktok', sourceIdentifier: '576461413038700031' });
    const copy = orders.find((order) => order.number === '#7031')!;
    const original = orders.find((order) => order.number === '#576461413038700031')!;
    const { apiKey: key } = await createApiKey(hub.tenantId, 'twins test');
    const response = await getOrderRoute(new Request(`http://localhost/api/v1/orders/${copy.id}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id: copy.id }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { twins: unknown[]; supplierOrders: unknown[] };
    expect(body.twins).toEqual([{ orderId: original.id, number: '#576461413038700031', confidence: 'certain', resolution: 'pending' }]);
    expect(body.supplierOrders).toEqual([]);
    // The list reads each order's twins with the page: both sides name each other.
    const listed = (await withTenant(hub.tenantId, () => listOrders(hub.tenantId, {}))).data;
    expect(listed.find((order) => order.id === original.id)!.twins).toEqual([{ orderId: copy.id, number: '#7031', confidence: 'certain', resolution: 'pending' }]);
    expect(listed.find((order) => order.id === copy.id)!.twins).toEqual(body.twins);
  });

  it('warns about TikTok-origin orders arriving through Shopify, and skips them once the store is set to', async () => {
    const hub = await tenantWithTikTokAndShopify();
    expect(await findTikTokOriginOverlaps(hub.tenantId)).toEqual([]);
    await hub.sendShopifyOrder({ id: '6310000000041', number: 7041, sourceName: 'tiktok', sourceIdentifier: '576461413038700041' });
    expect(await findTikTokOriginOverlaps(hub.tenantId)).toEqual([{ storeId: hub.shopify.storeId, storeName: expect.any(String), tiktokOriginOrders: 1, skipping: false }]);

    await setSkipTikTokOrigin(hub.tenantId, hub.shopify.storeId, true, { type: 'user', id: hub.userId });
    await hub.sendShopifyOrder({ id: '6310000000042', number: 7042, sourceName: 'tiktok', sourceIdentifier: '576461413038700042' });
    // An ordinary Shopify order still comes in.
    await hub.sendShopifyOrder({ id: '6310000000043', number: 7043 });
    expect((await findOrders(hub.tenantId)).map((order) => order.number)).toEqual(['#7041', '#7043']);
    const events = await findEvents(hub.tenantId);
    expect(events[1]).toMatchObject({ status: 'IGNORED', last_error: expect.stringMatching(/skipped/) });
    expect(await findTikTokOriginOverlaps(hub.tenantId)).toEqual([expect.objectContaining({ skipping: true })]);

    const stranger = await createTestTenant();
    await expect(setSkipTikTokOrigin(stranger.tenantId, hub.shopify.storeId, false, { type: 'user', id: stranger.userId })).rejects.toThrow(/not found/i);
  });
});
