import { addShopifyStore, addTikTokStore, addWooStore, createTestTenant } from '@/tests/support/tenants';

// A benchmark tenant with stores on every platform, made through the product's own functions
// (the ones the ops CLI calls), so credentials are sealed and routes claimed as in production.

export type TShopifyStore = Awaited<ReturnType<typeof addShopifyStore>>;
export type TWooStore = Awaited<ReturnType<typeof addWooStore>>;
export type TTikTokStore = Awaited<ReturnType<typeof addTikTokStore>>;
export type TBenchTenant = {
  tenantId: string;
  apiKey: string;
  shopify: TShopifyStore[];
  woo: TWooStore[];
  tiktok: TTikTokStore[];
};

export async function createBenchTenant(name: string, counts: { shopify: number; woo: number; tiktok: number }): Promise<TBenchTenant> {
  const { tenantId, apiKey } = await createTestTenant(name);
  const shopify: TShopifyStore[] = [];
  const woo: TWooStore[] = [];
  const tiktok: TTikTokStore[] = [];
  for (let index = 0; index < counts.shopify; index++) shopify.push(await addShopifyStore(tenantId));
  for (let index = 0; index < counts.woo; index++) woo.push(await addWooStore(tenantId));
  for (let index = 0; index < counts.tiktok; index++) {
    tiktok.push(await addTikTokStore(tenantId));
    await new Promise((resolve) => setTimeout(resolve, 2)); // its shop id is made from the clock
  }
  return { tenantId, apiKey, shopify, woo, tiktok };
}
