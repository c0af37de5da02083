import { postAdmin } from '@/tests/fakes/tiktok-shop';
import type { TShopifyOrderInput } from '@/tests/fixtures/shopify';
import type { TWooOrderInput } from '@/tests/fixtures/woocommerce';

// Test controls of the platform fakes that `npm test` runs on FAKES_PORT, +1, +2.

const port = () => Number(process.env.FAKES_PORT);
const shopifyBase = () => `http://127.0.0.1:${port()}`;
const wooBase = () => `http://127.0.0.1:${port() + 1}`;
const tiktokBase = () => `http://127.0.0.1:${port() + 2}`;

async function getAdmin<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Fake admin call ${url} failed: ${response.status}`);
  return (await response.json()) as T;
}

export const fakeShopify = {
  addShop: (shop: string) => postAdmin(`${shopifyBase()}/__admin/shops`, { shop }),
  putOrders: (shop: string, orders: TShopifyOrderInput[]) => postAdmin(`${shopifyBase()}/__admin/shops/${shop}/orders`, { orders }),
  revoke: (shop: string) => postAdmin(`${shopifyBase()}/__admin/shops/${shop}/revoke`, {}),
  throttle: (shop: string, counts: { graphqlThrottles?: number; rateLimits?: number; latencyMs?: number }) => postAdmin(`${shopifyBase()}/__admin/shops/${shop}/throttle`, counts),
  state: (shop: string) =>
    getAdmin<{
      accessToken: string | null;
      subscriptions: Array<{ topic: string; callbackUrl: string }>;
      orderCount: number;
      graphqlCalls: number;
      fulfillments: Array<{ orderId: string; trackingNumbers: string[]; company: string | null; notifyCustomer: boolean }>;
    }>(`${shopifyBase()}/__admin/shops/${shop}`),
  addShopWithToken: (shop: string, accessToken: string) => postAdmin(`${shopifyBase()}/__admin/shops`, { shop, accessToken }),
};

export const fakeWoo = {
  addSite: async (site: string) => ((await postAdmin(`${wooBase()}/__admin/sites/${site}`, {})) as { siteUrl: string }).siteUrl,
  putOrders: (site: string, orders: TWooOrderInput[]) => postAdmin(`${wooBase()}/__admin/sites/${site}/orders`, { orders }),
  deliver: (site: string, orderId: number, topic: string) => postAdmin(`${wooBase()}/__admin/sites/${site}/deliver`, { orderId, topic }) as Promise<{ statuses: number[] }>,
  disableWebhooks: (site: string) => postAdmin(`${wooBase()}/__admin/sites/${site}/disable`, {}),
  revoke: (site: string) => postAdmin(`${wooBase()}/__admin/sites/${site}/revoke`, {}),
  rateLimit: (site: string, times: number) => postAdmin(`${wooBase()}/__admin/sites/${site}/rateLimit`, { times }),
  addKeys: (site: string, consumerKey: string, consumerSecret: string) => postAdmin(`${wooBase()}/__admin/sites/${site}/keys`, { consumerKey, consumerSecret }),
  state: (site: string) =>
    getAdmin<{
      keys: number;
      webhooks: Array<{ id: number; topic: string; status: string; delivery_url: string }>;
      orderCount: number;
      pingsSent: number;
      rateLimited: number;
      notes: Array<{ orderId: number; note: string; customer_note: boolean }>;
      orders: Array<{ id: number; status: string; meta_data: Array<{ key: string; value: string }> }>;
    }>(`${wooBase()}/__admin/sites/${site}`),
};

export const fakeTikTok = {
  addSeller: (code: string, shops: Array<{ shopId: string; cipher: string; name: string }>) => postAdmin(`${tiktokBase()}/__admin/sellers`, { code, shops }),
  putOrder: (cipher: string, order: Record<string, unknown>) => postAdmin(`${tiktokBase()}/__admin/orders`, { cipher, order }),
  addShop: (shop: { shopId: string; cipher: string; accessToken: string }) => postAdmin(`${tiktokBase()}/__admin/shops`, shop),
  setRedirect: (url: string) => postAdmin(`${tiktokBase()}/__admin/redirect`, { url }),
  revoke: (shopId: string) => postAdmin(`${tiktokBase()}/__admin/shops/${shopId}/revoke`, {}),
  rateLimit: (shopId: string, times: number) => postAdmin(`${tiktokBase()}/__admin/shops/${shopId}/rateLimit`, { times }),
  state: (shopId: string) =>
    getAdmin<{ webhooks: Array<{ address: string; event_type: string }>; orderCount: number; calls: number; shipments: Array<{ packageId: string; trackingNumber: string; provider: string }> }>(
      `${tiktokBase()}/__admin/shops/${shopId}`,
    ),
};

const aliexpressBase = () => `http://127.0.0.1:${port() + 3}`;

export const fakeAliExpress = {
  addAccount: (account: { code: string; userId: string; account: string }) => postAdmin(`${aliexpressBase()}/__admin/accounts`, account),
  addProducts: (products: Array<{ productId: string; seller?: string; outOfStock?: boolean; price?: string }>) => postAdmin(`${aliexpressBase()}/__admin/products`, { products }),
  setLatency: (ms: number) => postAdmin(`${aliexpressBase()}/__admin/latency`, { ms }),
  updateOrder: (id: string, changes: { status?: string; logisticsStatus?: string; trackingNumber?: string; carrier?: string }) => postAdmin(`${aliexpressBase()}/__admin/orders/${id}`, changes),
  orders: async (userId?: string) =>
    (await getAdmin<{ orders: Array<{ id: string; userId: string; status: string; productIds: string[] }> }>(`${aliexpressBase()}/__admin/orders${userId ? `?userId=${userId}` : ''}`)).orders,
};
