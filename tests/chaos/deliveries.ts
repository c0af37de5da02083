import { randomUUID } from 'node:crypto';
import { shopifyHeaders, shopifyOrderBody } from '@/tests/fixtures/shopify';
import { wooHeaders, wooOrderBody } from '@/tests/fixtures/woocommerce';
import { buildTikTokOrder, tiktokHeaders, tiktokNotificationBody } from '@/tests/fixtures/tiktok';
import type { TFakeTikTokShop } from '@/tests/fakes/tiktok-shop';
import { addShopifyStore, addTikTokStore, addWooStore, createTestTenant } from '@/tests/support/tenants';
import type { TDelivery } from '@/tests/chaos/sender';

// Signed webhook deliveries for the chaos scenarios, built from the same fixtures as the tests.

export type TChaosTenant = {
  tenantId: string;
  shopifyA: { storeId: string; shopDomain: string };
  shopifyB: { storeId: string; shopDomain: string };
  woo: { storeId: string; siteUrl: string; webhookSecret: string };
  tiktok: { storeId: string; shopId: string; shopCipher: string; accessToken: string };
};

/** A fresh merchant with two Shopify stores, a WooCommerce store and a TikTok shop (known to the fake). */
export async function createChaosTenant(fake: TFakeTikTokShop): Promise<TChaosTenant> {
  const { tenantId } = await createTestTenant('Chaos merchant');
  const [shopifyA, shopifyB, woo, tiktok] = [
    await addShopifyStore(tenantId),
    await addShopifyStore(tenantId),
    await addWooStore(tenantId),
    await addTikTokStore(tenantId),
  ];
  fake.addShop({ shopId: tiktok.shopId, cipher: tiktok.shopCipher, accessToken: tiktok.accessToken });
  return { tenantId, shopifyA, shopifyB, woo, tiktok };
}

const placedAt = Date.parse('2026-11-20T10:00:00Z');

/** The n-th version of an order: created at `placedAt`, each update a minute later. */
export function versionTime(version: number): Date {
  return new Date(placedAt + version * 60_000);
}

export function shopifyDelivery(
  store: { storeId: string; shopDomain: string },
  order: { id: string; number: number; version?: number; eventId?: string; webhookId?: string },
): TDelivery {
  const version = order.version ?? 0;
  const updatedAt = versionTime(version);
  const body = shopifyOrderBody({
    id: order.id,
    number: order.number,
    createdAt: versionTime(0).toISOString(),
    updatedAt: updatedAt.toISOString(),
    financialStatus: 'paid',
    fulfillmentStatus: version > 0 ? 'fulfilled' : null,
  });
  const headers = shopifyHeaders({
    shopDomain: store.shopDomain,
    topic: version > 0 ? 'orders/updated' : 'orders/create',
    body,
    secret: process.env.SHOPIFY_API_SECRET!,
    eventId: order.eventId ?? randomUUID(),
    webhookId: order.webhookId,
  });
  return { path: '/api/webhooks/shopify', headers, body, promise: { storeId: store.storeId, externalId: order.id, updatedAt } };
}

/** WooCommerce dates: UTC without an offset, as `date_modified_gmt` carries them. */
function wooDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export function wooDelivery(store: TChaosTenant['woo'], order: { id: number; number: string; version?: number }): TDelivery {
  const version = order.version ?? 0;
  const updatedAt = versionTime(version);
  const body = wooOrderBody({
    id: order.id,
    number: order.number,
    createdGmt: wooDate(versionTime(0)),
    modifiedGmt: wooDate(updatedAt),
    status: version > 0 ? 'completed' : 'processing',
    siteUrl: store.siteUrl,
  });
  const headers = wooHeaders({ topic: version > 0 ? 'order.updated' : 'order.created', body, secret: store.webhookSecret, source: store.siteUrl });
  return { path: `/api/webhooks/woocommerce/${store.storeId}`, headers, body, promise: { storeId: store.storeId, externalId: String(order.id), updatedAt } };
}

/**
 * A TikTok Shop notification. The order itself goes into the fake API first (the worker fetches
 * it there), in the state this notification announces.
 */
export function tiktokDelivery(fake: TFakeTikTokShop, shop: TChaosTenant['tiktok'], order: { id: string; version?: number }): TDelivery {
  const version = order.version ?? 0;
  const updatedAt = versionTime(version);
  const updateTime = Math.floor(updatedAt.getTime() / 1000);
  const status = version > 0 ? 'IN_TRANSIT' : 'AWAITING_SHIPMENT';
  fake.putOrder(shop.shopCipher, buildTikTokOrder({ id: order.id, status, createTime: Math.floor(placedAt / 1000), updateTime }));
  const body = tiktokNotificationBody({ shopId: shop.shopId, orderId: order.id, status, updateTime });
  const headers = tiktokHeaders(body, process.env.TIKTOK_APP_KEY!, process.env.TIKTOK_APP_SECRET!);
  return { path: '/api/webhooks/tiktok', headers, body, promise: { storeId: shop.storeId, externalId: order.id, updatedAt } };
}

/**
 * A burst of `count` order webhooks across all four stores. Channel numbers collide on purpose
 * (#N from both Shopify stores and WooCommerce), so numbering runs under the fault too. With
 * `updates`, about one order in seven also gets a later `updated` delivery, sent a little after its
 * create (and so, under concurrency, sometimes processed before it).
 */
export function mixedBurst(fake: TFakeTikTokShop, tenant: TChaosTenant, count: number, options: { seed: number; updates?: boolean }): TDelivery[] {
  const creates: TDelivery[] = [];
  const updates = new Map<number, TDelivery>();
  for (let index = 0; index < count; index++) {
    const group = Math.floor(index / 10);
    const slot = index % 10;
    const base = options.seed * 100_000;
    const number = (at: number) => base + group * 5 + at;
    let create: TDelivery;
    let update: (() => TDelivery) | undefined;
    if (slot <= 4) {
      const order = { id: String(6_100_000_000_000 + base + index), number: number(slot) };
      create = shopifyDelivery(tenant.shopifyA, order);
      update = () => shopifyDelivery(tenant.shopifyA, { ...order, version: 1 });
    } else if (slot <= 6) {
      const order = { id: String(6_200_000_000_000 + base + index), number: number(slot - 5) };
      create = shopifyDelivery(tenant.shopifyB, order);
      update = () => shopifyDelivery(tenant.shopifyB, { ...order, version: 1 });
    } else if (slot <= 8) {
      const order = { id: base + index + 1, number: String(number(slot === 7 ? 0 : 2)) };
      create = wooDelivery(tenant.woo, order);
      update = () => wooDelivery(tenant.woo, { ...order, version: 1 });
    } else {
      const order = { id: `57646${String(options.seed).padStart(4, '0')}${String(index).padStart(9, '0')}` };
      create = tiktokDelivery(fake, tenant.tiktok, order);
      // No TikTok update here: the fake would already hold the newer state for the create.
    }
    creates.push(create);
    if (options.updates && update && group % 2 === 0 && slot % 3 === 0) updates.set(index, update());
  }
  const deliveries: TDelivery[] = [];
  creates.forEach((create, index) => {
    deliveries.push(create);
    const late = updates.get(index - 7);
    if (late) deliveries.push(late);
  });
  for (const [index, update] of updates) if (index >= creates.length - 7) deliveries.push(update);
  return deliveries;
}
