import { randomBytes } from 'node:crypto';
import type { TAddStoreInput } from '@/lib/stores/add-store';
import { shopifyHeaders, shopifyOrderBody, type TFixtureCustomer, type TFixtureLine } from '@/tests/fixtures/shopify';
import { wooHeaders, wooOrderBody } from '@/tests/fixtures/woocommerce';
import { buildTikTokOrder, tiktokHeaders, tiktokNotificationBody } from '@/tests/fixtures/tiktok';

// The demo account's ~200 orders, as the webhooks its three stores would send. Deterministic
// (a seeded generator, times relative to when the demo account was created), so a second seed
// produces the same deliveries and the inbox recognises them as repeats.

export const demoStores = {
  shopify: {
    shopDomain: 'demo-outfitters.myshopify.com',
    siteUrl: null,
    shopId: null,
    input: { platform: 'shopify', shopDomain: 'demo-outfitters.myshopify.com', name: 'Demo Outfitters' } satisfies TAddStoreInput,
  },
  woocommerce: {
    shopDomain: null,
    siteUrl: 'https://woo.demo-outfitters.test',
    shopId: null,
    input: {
      platform: 'woocommerce',
      siteUrl: 'https://woo.demo-outfitters.test',
      webhookSecret: randomBytes(16).toString('hex'),
      name: 'Demo Outfitters Woo',
    } satisfies TAddStoreInput,
  },
  tiktok: {
    shopDomain: null,
    siteUrl: null,
    shopId: '7495100000000000001',
    input: {
      platform: 'tiktok',
      shopId: '7495100000000000001',
      shopCipher: 'ROW_demoOutfitters01',
      accessToken: `demo-${randomBytes(12).toString('hex')}`,
      name: 'Demo Outfitters TikTok',
    } satisfies TAddStoreInput,
  },
} as const;

const products: TFixtureLine[] = [
  { sku: 'LED-STRIP-5M', title: 'RGB LED strip 5 m', quantity: 1, price: '12.95' },
  { sku: 'MAG-CHRG-15W', title: 'Magnetic wireless charger 15 W', quantity: 1, price: '24.90' },
  { sku: 'POSTURE-PRO', title: 'Posture corrector', quantity: 1, price: '19.99' },
  { sku: 'PET-HAIR-RLR', title: 'Pet hair roller', quantity: 1, price: '14.50' },
  { sku: 'MINI-PROJ-HD', title: 'Mini HD projector', quantity: 1, price: '89.00' },
  { sku: 'NECK-FAN-3S', title: 'Bladeless neck fan', quantity: 1, price: '21.99' },
  { sku: 'SUNSET-LAMP', title: 'Sunset projection lamp', quantity: 1, price: '17.49' },
  { sku: 'CAR-VAC-120', title: 'Cordless car vacuum', quantity: 1, price: '32.00' },
  { sku: 'YOGA-MAT-TPE', title: 'TPE yoga mat 6 mm', quantity: 1, price: '27.95' },
  { sku: 'SMART-RING-S', title: 'Smart ring – size 8', quantity: 1, price: '49.00' },
];

/**
 * In the sandbox, every demo SKU but the last has an AliExpress product, so orders can be sent to
 * the supplier at once, and one SKU shows what "waiting for a product" looks like.
 */
export const sandboxProductIds = products.slice(0, -1).map((_, index) => String(1_005_006_100_001 + index));
export const sandboxMappings = products.slice(0, -1).map((product, index) => ({ sku: product.sku!, productId: sandboxProductIds[index]!, skuAttr: '', logisticsService: 'CAINIAO_STANDARD' }));

const people: Array<NonNullable<TFixtureCustomer>> = [
  { firstName: 'Maya', lastName: 'Johnson', email: 'maya.johnson@example.com' },
  { firstName: 'Lucas', lastName: 'Martin', email: 'lucas.martin@example.com' },
  { firstName: 'Aisha', lastName: 'Khan', email: 'aisha.khan@example.com' },
  { firstName: 'Diego', lastName: 'Hernández', email: 'diego.hernandez@example.com' },
  { firstName: 'Sofia', lastName: 'Rossi', email: 'sofia.rossi@example.com' },
  { firstName: 'Noah', lastName: 'Smith', email: 'noah.smith@example.com' },
  { firstName: 'Yuki', lastName: 'Tanaka', email: 'yuki.tanaka@example.com' },
  { firstName: 'Liam', lastName: 'de Vries', email: 'liam.devries@example.com' },
  { firstName: 'Emma', lastName: 'Müller', email: 'emma.mueller@example.com' },
  { firstName: 'Omar', lastName: 'Haddad', email: 'omar.haddad@example.com' },
];

/** mulberry32: a small deterministic generator. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export type TDelivery = { url: string; headers: Record<string, string>; body: string };

type TDemoPlanInput = {
  appUrl: string;
  anchor: Date;
  shopify: { shopDomain: string; secret: string };
  woocommerce: { storeId: string; siteUrl: string; secret: string };
  tiktok: { shopId: string; appKey: string; appSecret: string };
};

export function buildDemoDeliveries(input: TDemoPlanInput): { deliveries: TDelivery[]; tiktokOrders: Array<Record<string, unknown>> } {
  const random = generator(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const basket = (): TFixtureLine[] => {
    const count = 1 + Math.floor(random() * 3);
    const chosen = new Map<string, TFixtureLine>();
    for (let index = 0; index < count; index++) {
      const product = pick(products);
      chosen.set(product.sku!, { ...product, quantity: 1 + Math.floor(random() * 2) });
    }
    return [...chosen.values()];
  };
  // Orders spread over the 30 days before the demo account was made, oldest first.
  const placedAt = (index: number, total: number) =>
    new Date(input.anchor.getTime() - (30 * 24 * 3600 * 1000 * (total - index)) / total + Math.floor(random() * 3_600_000));

  const deliveries: TDelivery[] = [];
  const tiktokOrders: Array<Record<string, unknown>> = [];

  // TikTok Shop, connected directly: 40 orders.
  const tiktokIds: string[] = [];
  for (let index = 0; index < 40; index++) {
    const id = `5764${String(61413038785752 + index * 7919).padStart(14, '0')}`;
    tiktokIds.push(id);
    const created = Math.floor(placedAt(index, 40).getTime() / 1000);
    const status = index % 13 === 5 ? 'CANCELLED' : index % 4 === 0 ? 'IN_TRANSIT' : 'AWAITING_SHIPMENT';
    const order = buildTikTokOrder({ id, status, createTime: created, updateTime: created + 600, lines: basket(), customer: pick(people) });
    tiktokOrders.push(order);
    const body = tiktokNotificationBody({ shopId: input.tiktok.shopId, orderId: id, status, updateTime: created + 600, notificationId: `demo-${id}` });
    deliveries.push({ url: `${input.appUrl}/api/webhooks/tiktok`, headers: tiktokHeaders(body, input.tiktok.appKey, input.tiktok.appSecret), body });
  }

  // Shopify: 90 orders #1001…#1090; the last one came in through TikTok's Shopify channel and
  // carries the id of a TikTok order the shop also received directly.
  for (let index = 0; index < 90; index++) {
    const number = 1001 + index;
    const created = placedAt(index, 90).toISOString();
    const isFromTikTok = number === 1090;
    const shopifyOrder = {
      id: String(5_120_000_000_000 + number * 37),
      number,
      createdAt: created,
      updatedAt: created,
      lines: basket(),
      customer: pick(people),
      financialStatus: index % 17 === 3 ? 'pending' : 'paid',
      ...(isFromTikTok
        ? { sourceName: 'tiktok', noteAttributes: [{ name: 'TikTok Order ID', value: tiktokIds[7]! }], tags: 'TikTok' }
        : {}),
    };
    const body = shopifyOrderBody(shopifyOrder);
    deliveries.push({
      url: `${input.appUrl}/api/webhooks/shopify`,
      headers: shopifyHeaders({ shopDomain: input.shopify.shopDomain, topic: 'orders/create', body, secret: input.shopify.secret, eventId: `demo-create-${number}`, webhookId: `demo-webhook-${number}` }),
      body,
    });
    // A third of them later shipped: an orders/updated with a newer updated_at.
    if (index % 3 === 0 && index < 80) {
      const updated = new Date(new Date(created).getTime() + 2 * 24 * 3600 * 1000).toISOString();
      const updateBody = shopifyOrderBody({ ...shopifyOrder, updatedAt: updated, fulfillmentStatus: 'fulfilled' });
      deliveries.push({
        url: `${input.appUrl}/api/webhooks/shopify`,
        headers: shopifyHeaders({ shopDomain: input.shopify.shopDomain, topic: 'orders/updated', body: updateBody, secret: input.shopify.secret, eventId: `demo-update-${number}`, webhookId: `demo-webhook-u${number}` }),
        body: updateBody,
      });
    }
  }

  // WooCommerce: 70 orders; the first is also numbered 1001, so the demo shows #1001-1 and #1001-2.
  for (let index = 0; index < 70; index++) {
    const id = 8_800 + index;
    const created = placedAt(index, 70).toISOString().slice(0, 19);
    const body = wooOrderBody({
      id,
      number: index === 0 ? '1001' : String(5001 + index),
      status: index % 5 === 0 ? 'completed' : index % 11 === 4 ? 'on-hold' : 'processing',
      createdGmt: created,
      modifiedGmt: created,
      lines: basket(),
      customer: pick(people),
      siteUrl: input.woocommerce.siteUrl,
    });
    deliveries.push({
      url: `${input.appUrl}/api/webhooks/woocommerce/${input.woocommerce.storeId}`,
      headers: wooHeaders({ topic: 'order.created', body, secret: input.woocommerce.secret, source: input.woocommerce.siteUrl }),
      body,
    });
  }
  return { deliveries, tiktokOrders };
}
