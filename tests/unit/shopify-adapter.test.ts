import { describe, expect, it } from 'vitest';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';

const parse = (input: Parameters<typeof shopifyOrderBody>[0]) => normalizeShopifyOrder(parseJsonLossless(shopifyOrderBody(input)));

describe('normalizeShopifyOrder', () => {
  it('keeps 18-digit ids exact and strips # from the name', () => {
    const order = parse({ id: '820982911946154508', number: 1001 });
    expect(order.externalId).toBe('820982911946154508');
    expect(order.sourceNumber).toBe('1001');
    expect(order.totalPrice).toBe('25.9');
  });

  it('reads the id from admin_graphql_api_id even after a lossy JSON.parse', () => {
    const lossy = JSON.parse(shopifyOrderBody({ id: '820982911946154508', number: 1 }));
    expect(lossy.id).toBe(820982911946154500);
    expect(normalizeShopifyOrder(lossy).externalId).toBe('820982911946154508');
  });

  it('keeps a non-numeric name as the channel number', () => {
    expect(parse({ id: '1', number: 1001, name: 'EU-1001-A' }).sourceNumber).toBe('EU-1001-A');
  });

  it('maps financial and fulfilment status', () => {
    expect(parse({ id: '1', number: 1, financialStatus: 'pending' }).status).toBe('pending');
    expect(parse({ id: '1', number: 1, financialStatus: 'paid', fulfillmentStatus: 'partial' }).status).toBe('partially_fulfilled');
    expect(parse({ id: '1', number: 1, fulfillmentStatus: 'fulfilled' }).status).toBe('fulfilled');
    expect(parse({ id: '1', number: 1, financialStatus: 'refunded' }).status).toBe('refunded');
    expect(parse({ id: '1', number: 1, cancelledAt: '2026-11-21T10:00:00Z' }).status).toBe('cancelled');
    expect(parse({ id: '1', number: 1, fulfillmentStatus: 'pending' }).status).toBe('paid');
  });

  it('reads offsets in timestamps', () => {
    const order = parse({ id: '1', number: 1, createdAt: '2020-09-10T04:26:51-04:00' });
    expect(order.placedAt.toISOString()).toBe('2020-09-10T08:26:51.000Z');
  });

  it('accepts tags as a string and as an array', () => {
    const payload = parseJsonLossless(shopifyOrderBody({ id: '1', number: 1 })) as Record<string, unknown>;
    payload.tags = ['TikTok', 'TTS-576461413038785752'];
    expect(normalizeShopifyOrder(payload).origin).toEqual({ platform: 'tiktok', externalId: '576461413038785752' });
  });

  it('throws a typed validation error for a payload that is not an order', () => {
    expect(() => normalizeShopifyOrder({ id: 1 })).toThrow(PayloadValidationError);
    expect(() => normalizeShopifyOrder(null)).toThrow(PayloadValidationError);
    expect(() => normalizeShopifyOrder({ ...(parseJsonLossless(shopifyOrderBody({ id: '1', number: 1 })) as object), total_price: 'NaN' })).toThrow(
      /total_price/,
    );
  });
});
