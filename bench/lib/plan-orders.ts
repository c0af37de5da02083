import type { TBenchTenant } from '@/bench/lib/bench-stores';
import { shopifyDelivery, tiktokDelivery, wooDelivery } from '@/bench/lib/build-deliveries';
import type { TDelivery } from '@/bench/lib/load-result';
import type { TCanonicalOrder, TPlatform } from '@/lib/orders/canonical-order';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { normalizeTikTokOrder } from '@/lib/platforms/tiktok/normalize-tiktok-order';
import { normalizeWooCommerceOrder } from '@/lib/platforms/woocommerce/normalize-woocommerce-order';

/** One webhook to send, with the order it carries (for the direct-SQL baseline). */
export type TPlannedDelivery = { platform: TPlatform; storeId: string; order: TCanonicalOrder; delivery: TDelivery };

export type TOrderPlan = {
  /** Every delivery in sending order, repeats included. */
  deliveries: TPlannedDelivery[];
  /** Distinct orders, i.e. what must be committed in the end. */
  orderCount: number;
  /** Orders the TikTok Shop fake must hold. */
  tiktokOrders: Array<{ cipher: string; order: Record<string, unknown> }>;
};

const pad = (value: number, length: number) => String(value).padStart(length, '0');

/**
 * `count` distinct orders over every store of the tenant: 2/5 Shopify, 2/5 WooCommerce, 1/5
 * TikTok Shop. One order in 20 is a WooCommerce order whose number a Shopify order already has
 * (5% colliding numbers), and one delivery in 10 is sent twice (10% repeated deliveries).
 * `base` keeps ids and numbers of different plans apart.
 */
export function planMixedOrders(tenant: TBenchTenant, count: number, base: number): TOrderPlan {
  const originals: TPlannedDelivery[] = [];
  const tiktokOrders: TOrderPlan['tiktokOrders'] = [];
  for (let index = 0; index < count; index++) {
    const serial = base + index;
    const kind = index % 5;
    if (kind <= 1) {
      const store = tenant.shopify[index % tenant.shopify.length]!;
      const delivery = shopifyDelivery(store, { id: `55${pad(serial, 17)}`, number: String(100_000_000 + serial), customerIndex: serial });
      originals.push({ platform: 'shopify', storeId: store.storeId, order: normalizeShopifyOrder(parseJsonLossless(delivery.body)), delivery });
    } else if (kind <= 3) {
      const store = tenant.woo[index % tenant.woo.length]!;
      // index % 20 === 2 follows the Shopify order of index - 2: same number, another store.
      const number = index % 20 === 2 ? String(100_000_000 + serial - 2) : String(200_000_000 + serial);
      const delivery = wooDelivery(store, { id: serial + 1, number, customerIndex: serial });
      originals.push({ platform: 'woocommerce', storeId: store.storeId, order: normalizeWooCommerceOrder(parseJsonLossless(delivery.body)), delivery });
    } else {
      const store = tenant.tiktok[index % tenant.tiktok.length]!;
      const { delivery, order } = tiktokDelivery(store, { id: `57${pad(serial, 17)}`, customerIndex: serial });
      tiktokOrders.push({ cipher: store.shopCipher, order });
      originals.push({ platform: 'tiktok', storeId: store.storeId, order: normalizeTikTokOrder(parseJsonLossless(JSON.stringify(order))), delivery });
    }
  }
  return { deliveries: withRepeats(originals, 10), orderCount: count, tiktokOrders };
}

/** `count` different orders (half Shopify, half WooCommerce) that all carry channel number `number`. */
export function planSameNumberOrders(tenant: TBenchTenant, count: number, base: number, number: string): TOrderPlan {
  const deliveries: TPlannedDelivery[] = [];
  for (let index = 0; index < count; index++) {
    const serial = base + index;
    if (index % 2 === 0) {
      const store = tenant.shopify[index % tenant.shopify.length]!;
      const delivery = shopifyDelivery(store, { id: `56${pad(serial, 17)}`, number, customerIndex: serial });
      deliveries.push({ platform: 'shopify', storeId: store.storeId, order: normalizeShopifyOrder(parseJsonLossless(delivery.body)), delivery });
    } else {
      const store = tenant.woo[index % tenant.woo.length]!;
      const delivery = wooDelivery(store, { id: serial + 1, number, customerIndex: serial });
      deliveries.push({ platform: 'woocommerce', storeId: store.storeId, order: normalizeWooCommerceOrder(parseJsonLossless(delivery.body)), delivery });
    }
  }
  return { deliveries, orderCount: count, tiktokOrders: [] };
}

/** Every `every`-th delivery is sent again a little later, byte for byte, as platforms retry. */
function withRepeats(originals: TPlannedDelivery[], every: number): TPlannedDelivery[] {
  const sequence: TPlannedDelivery[] = [];
  const later = new Map<number, TPlannedDelivery[]>();
  originals.forEach((planned, index) => {
    sequence.push(planned, ...(later.get(index) ?? []));
    if (index % every === every - 3) later.set(index + 25, [...(later.get(index + 25) ?? []), planned]);
  });
  for (const [index, repeats] of later) if (index >= originals.length) sequence.push(...repeats);
  return sequence;
}

/** A function handing out the plan's deliveries one after the other. */
export function deliveryCursor(plan: TOrderPlan): () => TDelivery {
  let next = 0;
  return () => plan.deliveries[next++ % plan.deliveries.length]!.delivery;
}
