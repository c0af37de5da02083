import { randomUUID } from 'node:crypto';
import type { TDelivery } from '@/bench/lib/load-result';
import type { TShopifyStore, TTikTokStore, TWooStore } from '@/bench/lib/bench-stores';
import { shopifyHeaders, shopifyOrderBody, type TFixtureCustomer } from '@/tests/fixtures/shopify';
import { wooHeaders, wooOrderBody } from '@/tests/fixtures/woocommerce';
import { buildTikTokOrder, tiktokHeaders, tiktokNotificationBody } from '@/tests/fixtures/tiktok';

// Webhooks signed exactly as each platform signs them, built from the test fixtures.

const firstNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie'];

export function benchCustomer(index: number): TFixtureCustomer {
  const firstName = firstNames[index % firstNames.length]!;
  const lastName = lastNames[Math.floor(index / firstNames.length) % lastNames.length]!;
  return { firstName, lastName, email: `${firstName}.${lastName}${index % 997}@example.com`.toLowerCase() };
}

export function shopifyDelivery(store: TShopifyStore, order: { id: string; number: string; customerIndex: number }): TDelivery {
  const body = shopifyOrderBody({ id: order.id, number: order.number, customer: benchCustomer(order.customerIndex) });
  const headers = shopifyHeaders({ shopDomain: store.shopDomain, topic: 'orders/create', body, secret: process.env.SHOPIFY_API_SECRET!, eventId: randomUUID() });
  return { path: '/api/webhooks/shopify', headers, body };
}

export function wooDelivery(store: TWooStore, order: { id: number; number: string; customerIndex: number }): TDelivery {
  const body = wooOrderBody({ id: order.id, number: order.number, customer: benchCustomer(order.customerIndex), siteUrl: store.siteUrl });
  const headers = wooHeaders({ topic: 'order.created', body, secret: store.webhookSecret, source: store.siteUrl });
  return { path: `/api/webhooks/woocommerce/${store.storeId}`, headers, body };
}

/** The notification, and the order the TikTok Shop fake must hold for the worker to fetch. */
export function tiktokDelivery(store: TTikTokStore, order: { id: string; customerIndex: number }): { delivery: TDelivery; order: Record<string, unknown> } {
  const updateTime = 1_795_000_000;
  const body = tiktokNotificationBody({ shopId: store.shopId, orderId: order.id, updateTime });
  const headers = tiktokHeaders(body, process.env.TIKTOK_APP_KEY!, process.env.TIKTOK_APP_SECRET!);
  return {
    delivery: { path: '/api/webhooks/tiktok', headers, body },
    order: buildTikTokOrder({ id: order.id, customer: benchCustomer(order.customerIndex), createTime: updateTime, updateTime }),
  };
}
