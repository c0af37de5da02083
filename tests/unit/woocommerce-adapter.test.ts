import { describe, expect, it } from 'vitest';
import { normalizeWooCommerceOrder } from '@/lib/platforms/woocommerce/normalize-woocommerce-order';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { buildWooOrder, wooOrderBody } from '@/tests/fixtures/woocommerce';

describe('normalizeWooCommerceOrder', () => {
  it('reads PHP-escaped JSON, dates without offset as UTC, and decodes entities in names', () => {
    const order = normalizeWooCommerceOrder(parseJsonLossless(wooOrderBody({ id: 7, number: '1001', createdGmt: '2026-11-20T15:15:00' })));
    expect(order.sourceNumber).toBe('1001');
    expect(order.externalId).toBe('7');
    expect(order.placedAt.toISOString()).toBe('2026-11-20T15:15:00.000Z');
    expect(order.lines[0]!.title).toBe('White mug – 11 oz');
  });

  it('prices lines from the exact total, not the float price', () => {
    const payload = buildWooOrder({ id: 8, lines: [{ sku: 'A', title: 'Third', quantity: 3, price: '3.33' }] });
    const line = (payload.line_items as Array<Record<string, unknown>>)[0]!;
    line.total = '10.00';
    line.price = 3.3333333333333335;
    expect(normalizeWooCommerceOrder(payload).lines[0]!.unitPrice).toBe('3.3333');
  });

  it('maps statuses and keeps a null sku', () => {
    const statuses = ['pending', 'on-hold', 'processing', 'completed', 'cancelled', 'refunded', 'failed', 'custom-status'];
    expect(statuses.map((status) => normalizeWooCommerceOrder(buildWooOrder({ id: 9, status })).status)).toEqual([
      'pending',
      'pending',
      'paid',
      'fulfilled',
      'cancelled',
      'refunded',
      'pending',
      'pending',
    ]);
    expect(normalizeWooCommerceOrder(buildWooOrder({ id: 9, lines: [{ sku: null, title: 'x', quantity: 1, price: '1' }] })).lines[0]!.sku).toBeNull();
  });

  it('keeps an entity that names no character as text instead of failing the order', () => {
    // String.fromCodePoint(99999999) throws a RangeError: the order would fail with no reason.
    const payload = buildWooOrder({ id: 10, lines: [{ sku: 'A', title: 'Mug &#99999999; &#x110000; &ndash; &#8211;', quantity: 1, price: '1' }] });
    expect(normalizeWooCommerceOrder(payload).lines[0]!.title).toBe('Mug &#99999999; &#x110000; – –');
  });
});
