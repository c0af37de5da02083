import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { wooOrderBody } from '@/tests/fixtures/woocommerce';
import { addShopifyStore, addWooStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify, sendWoo } from '@/tests/support/webhooks';
import { settledOrders } from '@/tests/support/orders';
import { GET as listOrdersRoute } from '@/app/api/v1/orders/route';
import { recordOrder } from '@/lib/orders/record-order';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { withTenant } from '@/lib/db/tenant-scope';
import type { TCanonicalOrder } from '@/lib/orders/canonical-order';

describe('Order Center numbers (#1001 → #1001-1, #1001-2)', () => {
  it('suffixes colliding numbers in arrival order and never again for a repeat', async () => {
    const { tenantId, apiKey } = await createTestTenant();
    const shopify = await addShopifyStore(tenantId);
    const woo = await addWooStore(tenantId);
    const third = await addShopifyStore(tenantId);

    const firstBody = shopifyOrderBody({ id: '8100000000001', number: 1001 });
    await sendShopify({ shopDomain: shopify.shopDomain, body: firstBody, eventId: 'first' });
    expect((await settledOrders(tenantId, 1)).map((order) => order.number)).toEqual(['#1001']);

    await sendWoo({ ...woo, secret: woo.webhookSecret, body: wooOrderBody({ id: 1001, number: '1001' }) });
    let orders = await settledOrders(tenantId, 2);
    expect(orders.map((order) => [order.number, order.former_numbers])).toEqual([
      ['#1001-1', ['#1001']],
      ['#1001-2', []],
    ]);

    await sendShopify({ shopDomain: third.shopDomain, body: shopifyOrderBody({ id: '8100000000003', number: 1001 }) });
    await settledOrders(tenantId, 3);
    // A repeat delivery and an update of the first order change nothing.
    await sendShopify({ shopDomain: shopify.shopDomain, body: firstBody, eventId: 'first-again' });
    await sendShopify({ shopDomain: shopify.shopDomain, topic: 'orders/updated', body: shopifyOrderBody({ id: '8100000000001', number: 1001, updatedAt: '2026-11-25T00:00:00Z' }) });
    orders = await settledOrders(tenantId, 5);
    expect(orders.map((order) => order.number)).toEqual(['#1001-1', '#1001-2', '#1001-3']);
    // The counter counts different orders only: a repeat or an update takes no count.
    const counter = await pool().query(`SELECT member_count, last_suffix FROM order_number_counters WHERE tenant_id = $1 AND source_number = '1001'`, [tenantId]);
    expect(counter.rows).toEqual([{ member_count: 3, last_suffix: 3 }]);

    const { rows } = await pool().query(
      `SELECT before, after FROM audit_events WHERE tenant_id = $1 AND action = 'order.renumbered'`,
      [tenantId],
    );
    expect(rows).toEqual([{ before: { number: '#1001' }, after: expect.objectContaining({ number: '#1001-1' }) }]);

    for (const q of ['1001', '#1001']) {
      const response = await listOrdersRoute(
        new Request(`http://localhost/api/v1/orders?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${apiKey}` } }),
        { params: Promise.resolve({}) },
      );
      const page = (await response.json()) as { data: Array<{ number: string; formerNumbers: string[] }> };
      expect(page.data.map((order) => order.number).sort()).toEqual(['#1001-1', '#1001-2', '#1001-3']);
    }
  });

  it('gives 20 different orders sent at once exactly #N-1 … #N-20', async () => {
    const { tenantId } = await createTestTenant();
    const stores = await Promise.all(Array.from({ length: 4 }, () => addShopifyStore(tenantId)));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        sendShopify({
          shopDomain: stores[index % 4]!.shopDomain,
          body: shopifyOrderBody({ id: String(8_200_000_000_000 + index), number: 7777 }),
        }),
      ),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const orders = await settledOrders(tenantId, 20, 30_000);
    expect(orders.map((order) => order.number).sort()).toEqual(
      Array.from({ length: 20 }, (_, index) => `#7777-${index + 1}`).sort(),
    );
    const { rows } = await pool().query(`SELECT member_count, last_suffix FROM order_number_counters WHERE tenant_id = $1`, [tenantId]);
    expect(rows).toEqual([{ member_count: 20, last_suffix: 20 }]);
  });

  it('keeps numbers per tenant: another account may have its own #1001', async () => {
    const first = await createTestTenant();
    const second = await createTestTenant();
    const a = await addShopifyStore(first.tenantId);
    const b = await addShopifyStore(second.tenantId);
    await sendShopify({ shopDomain: a.shopDomain, body: shopifyOrderBody({ id: '8300000000001', number: 1001 }) });
    await sendShopify({ shopDomain: b.shopDomain, body: shopifyOrderBody({ id: '8300000000001', number: 1001 }) });
    expect((await settledOrders(first.tenantId, 1)).map((order) => order.number)).toEqual(['#1001']);
    expect((await settledOrders(second.tenantId, 1)).map((order) => order.number)).toEqual(['#1001']);
  });

  it('skips a suffix that a channel number already holds', async () => {
    const { tenantId } = await createTestTenant();
    const woo = await addWooStore(tenantId);
    const shopify = await addShopifyStore(tenantId);
    await sendWoo({ ...woo, secret: woo.webhookSecret, body: wooOrderBody({ id: 11, number: '500-1' }) });
    await settledOrders(tenantId, 1);
    await sendShopify({ shopDomain: shopify.shopDomain, body: shopifyOrderBody({ id: '8400000000001', number: 500 }) });
    await settledOrders(tenantId, 2);
    await sendShopify({ shopDomain: shopify.shopDomain, body: shopifyOrderBody({ id: '8400000000002', number: 500 }) });
    const orders = await settledOrders(tenantId, 3);
    expect(orders.map((order) => order.number).sort()).toEqual(['#500-1', '#500-2', '#500-3']);
    expect(orders.find((order) => order.external_id === '11')!.number).toBe('#500-1');
  });

  it('gives the number back when a statement after the counter fails: nothing recorded, the next order is plain', async () => {
    const { tenantId } = await createTestTenant();
    const { storeId } = await addShopifyStore(tenantId);
    const order = normalizeShopifyOrder(parseJsonLossless(shopifyOrderBody({ id: '8200000000001', number: 4001 })));
    // Past the schema (recordOrder takes its input as checked): a quantity its column cannot hold
    // fails the insert, which is sent after the counter in the same transaction.
    const broken = { ...order, lines: [{ ...order.lines[0]!, quantity: 2 ** 31 }] } as TCanonicalOrder;
    const record = (candidate: TCanonicalOrder) =>
      withTenant(tenantId, () => recordOrder({ tenantId, storeId, platform: 'shopify', order: candidate, actor: { type: 'system', id: null } }));
    await expect(record(broken)).rejects.toMatchObject({ code: '22003' });
    const counters = await pool().query(`SELECT member_count FROM order_number_counters WHERE tenant_id = $1`, [tenantId]);
    expect(counters.rows).toEqual([]);
    expect(await record(order)).toMatchObject({ number: '#4001', outcome: 'created' });
    expect((await settledOrders(tenantId)).map((stored) => stored.number)).toEqual(['#4001']);
  });

  it('keeps an update whole: when one of its statements fails or cannot be built, none of it is committed', async () => {
    const { tenantId } = await createTestTenant();
    const { storeId } = await addShopifyStore(tenantId);
    const order = normalizeShopifyOrder(parseJsonLossless(shopifyOrderBody({ id: '8200000000002', number: 4002 })));
    const record = (candidate: TCanonicalOrder) =>
      withTenant(tenantId, () => recordOrder({ tenantId, storeId, platform: 'shopify', order: candidate, actor: { type: 'system', id: null } }));
    await record(order);
    const refunded = { ...order, status: 'refunded', sourceUpdatedAt: new Date(order.sourceUpdatedAt.getTime() + 60_000) };
    // Its fields, lines and audit go out together with COMMIT: a line Postgres refuses, then a
    // line that cannot even be turned into a statement (past the schema, as above).
    await expect(record({ ...refunded, lines: [{ ...order.lines[0]!, quantity: 2 ** 31 }] } as TCanonicalOrder)).rejects.toMatchObject({ code: '22003' });
    const unwritable = Object.defineProperty({ ...order.lines[0]! }, 'unitPrice', {
      get: () => {
        throw new Error('a price that cannot be written');
      },
    });
    await expect(record({ ...refunded, lines: [unwritable] } as TCanonicalOrder)).rejects.toThrow('a price that cannot be written');
    expect((await settledOrders(tenantId)).map((stored) => stored.status)).toEqual([order.status]);
    const audit = await pool().query(`SELECT action FROM audit_events WHERE tenant_id = $1 AND action = 'order.status_changed'`, [tenantId]);
    expect(audit.rows).toEqual([]);
    expect(await record(refunded as TCanonicalOrder)).toMatchObject({ outcome: 'updated' });
    expect((await settledOrders(tenantId)).map((stored) => stored.status)).toEqual(['refunded']);
  });
});
