import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { normalizeTikTokOrder } from '@/lib/platforms/tiktok/normalize-tiktok-order';
import { signTikTokRequest, signTikTokWebhook } from '@/lib/platforms/tiktok/sign-tiktok-request';
import { buildTikTokOrder } from '@/tests/fixtures/tiktok';

describe('normalizeTikTokOrder', () => {
  it('aggregates one-unit line items by sku_id and keeps string ids', () => {
    const order = normalizeTikTokOrder(
      buildTikTokOrder({ id: '576461413038785752', lines: [{ sku: 'A', title: 'Case', quantity: 3, price: '2.00' }, { sku: 'B', title: 'Cable', quantity: 2, price: '1.50' }] }),
    );
    expect(order.externalId).toBe('576461413038785752');
    expect(order.sourceNumber).toBe('576461413038785752');
    expect(order.lines.map((line) => [line.sku, line.quantity, line.unitPrice])).toEqual([
      ['A', 3, '2'],
      ['B', 2, '1.5'],
    ]);
    expect(order.totalPrice).toBe('9');
  });

  it('has no address while UNPAID or ON_HOLD', () => {
    for (const status of ['UNPAID', 'ON_HOLD']) {
      const order = normalizeTikTokOrder(buildTikTokOrder({ id: '1', status }));
      expect(order.shippingAddress).toBeNull();
      expect(order.status).toBe('pending');
    }
  });

  it('reads the state and city from district_info', () => {
    const order = normalizeTikTokOrder(buildTikTokOrder({ id: '1' }));
    expect(order.shippingAddress).toMatchObject({ province: 'Texas', city: 'Austin', countryCode: 'US' });
  });
});

describe('TikTok Shop signatures', () => {
  it('signs requests as documented: path, sorted parameters, body, wrapped in the secret', () => {
    const query = { timestamp: '1700000000', app_key: 'key', shop_cipher: 'c', sign: 'ignored', access_token: 'ignored' };
    const expected = createHmac('sha256', 'secret').update('secret/order/202309/ordersapp_keykeyshop_cipherctimestamp1700000000{"a":1}secret').digest('hex');
    expect(signTikTokRequest({ path: '/order/202309/orders', query, body: '{"a":1}', appSecret: 'secret' })).toBe(expected);
  });

  it('signs webhooks as hex HMAC of app key + body', () => {
    expect(signTikTokWebhook('key', 'secret', '{"x":1}')).toBe(createHmac('sha256', 'secret').update('key{"x":1}').digest('hex'));
  });
});
