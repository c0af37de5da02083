import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyShopifyWebhook } from '@/lib/platforms/shopify/verify-shopify-webhook';

const secret = 'unit-test-secret';
const body = Buffer.from('{"id":820982911946154508,"name":"#1001"}');
const sign = (bytes: Buffer, key = secret) => createHmac('sha256', key).update(bytes).digest('base64');
const classic = {
  'x-shopify-hmac-sha256': sign(body),
  'x-shopify-topic': 'orders/create',
  'x-shopify-shop-domain': 'acme.myshopify.com',
  'x-shopify-api-version': '2025-07',
  'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
};

describe('verifyShopifyWebhook', () => {
  it('accepts a classic delivery and names its topic as the Shopify library does', () => {
    expect(verifyShopifyWebhook(classic, body, secret)).toEqual({
      valid: true,
      topic: 'ORDERS_CREATE',
      webhookId: classic['x-shopify-webhook-id'],
      eventId: null,
    });
    const withEvent = { ...classic, 'x-shopify-event-id': 'evt-1' };
    expect(verifyShopifyWebhook(withEvent, body, secret)).toMatchObject({ valid: true, eventId: 'evt-1' });
  });

  it('rejects another key, a changed body, an empty body and a missing required header', () => {
    expect(verifyShopifyWebhook({ ...classic, 'x-shopify-hmac-sha256': sign(body, 'other') }, body, secret).valid).toBe(false);
    expect(verifyShopifyWebhook(classic, Buffer.from('{"id":1}'), secret).valid).toBe(false);
    expect(verifyShopifyWebhook({ ...classic, 'x-shopify-hmac-sha256': sign(Buffer.alloc(0)) }, Buffer.alloc(0), secret).valid).toBe(false);
    for (const name of ['x-shopify-topic', 'x-shopify-shop-domain', 'x-shopify-api-version', 'x-shopify-webhook-id']) {
      const headers: Record<string, string> = { ...classic };
      delete headers[name];
      expect(verifyShopifyWebhook(headers, body, secret).valid).toBe(false);
    }
  });

  it('checks the raw bytes: a body that is not valid UTF-8 verifies against its own bytes', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    expect(verifyShopifyWebhook({ ...classic, 'x-shopify-hmac-sha256': sign(bytes) }, bytes, secret).valid).toBe(true);
  });

  it('accepts events-API deliveries (shopify-* headers), which must carry an event id', () => {
    const events = {
      'shopify-hmac-sha256': sign(body),
      'shopify-topic': 'orders/updated',
      'shopify-shop-domain': 'acme.myshopify.com',
      'shopify-api-version': '2025-07',
      'shopify-webhook-id': 'wh-1',
    };
    expect(verifyShopifyWebhook(events, body, secret).valid).toBe(false);
    expect(verifyShopifyWebhook({ ...events, 'shopify-event-id': 'evt-9' }, body, secret)).toEqual({
      valid: true,
      topic: 'ORDERS_UPDATED',
      webhookId: 'wh-1',
      eventId: 'evt-9',
    });
  });
});
