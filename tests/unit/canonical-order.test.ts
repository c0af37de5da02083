import { describe, expect, it } from 'vitest';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { normalizeWooCommerceOrder } from '@/lib/platforms/woocommerce/normalize-woocommerce-order';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { toStorableText } from '@/lib/orders/canonical-order';
import { buildShopifyOrder } from '@/tests/fixtures/shopify';
import { buildWooOrder } from '@/tests/fixtures/woocommerce';
import { toJson } from '@/tests/fixtures/json';

describe('canonical order text', () => {
  it('drops NUL and replaces lone surrogates, which Postgres text and jsonb refuse', () => {
    expect(toStorableText('Ada\u0000 Lovelace')).toBe('Ada Lovelace');
    expect(toStorableText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(toStorableText('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('comes out of every adapter storable, whatever escapes the JSON carried', () => {
    const shopify = buildShopifyOrder({ id: '1', number: 1001 }) as { customer: Record<string, unknown>; shipping_address: Record<string, unknown> };
    shopify.customer.first_name = 'Ada\u0000';
    shopify.shipping_address.address1 = '12 \ud800 Way';
    const order = normalizeShopifyOrder(parseJsonLossless(toJson(shopify)));
    expect(order.customer?.name).toBe('Ada Lovelace');
    expect(order.shippingAddress?.address1).toBe('12 \ufffd Way');

    const woo = buildWooOrder({ id: 2, lines: [{ sku: 'NUL\u0000', title: 'Cup &#0;&#xD800;', quantity: 1, price: '1' }] });
    const line = normalizeWooCommerceOrder(woo).lines[0]!;
    expect(line).toMatchObject({ sku: 'NUL', title: 'Cup \ufffd' });
  });
});
