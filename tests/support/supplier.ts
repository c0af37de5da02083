import { expect } from 'vitest';
import { connectStore } from '@/lib/stores/connect-store';
import { saveProductMapping } from '@/lib/suppliers/product-mappings';
import { completeSupplierLink, supplierLinkUrl } from '@/lib/suppliers/supplier-accounts';
import { shopifyOrderBody, type TShopifyOrderInput } from '@/tests/fixtures/shopify';
import { fakeAliExpress, fakeShopify } from '@/tests/support/fakes';
import { uniqueSuffix } from '@/tests/support/tenants';
import { sendShopify } from '@/tests/support/webhooks';

/** Links an AliExpress account through the fake's authorize page, as the merchant's browser would. */
export async function linkAliExpress(tenant: { tenantId: string; userId: string }, actorId = tenant.userId) {
  const userId = `ae-${uniqueSuffix()}`;
  const code = `code-${uniqueSuffix()}`;
  await fakeAliExpress.addAccount({ code, userId, account: `buyer-${userId}` });
  const back = await fetch(supplierLinkUrl({ tenantId: tenant.tenantId, userId: actorId }, 'en'), { redirect: 'manual' });
  const callback = new URL(back.headers.get('location')!);
  expect(callback.pathname).toBe('/api/suppliers/aliexpress/callback');
  const { accountId } = await completeSupplierLink(callback.searchParams.get('code'), callback.searchParams.get('state'), actorId);
  return { accountId, aeUserId: userId };
}

/** A Shopify store connected with an access token the fake knows, so tracking can go back to it. */
export async function connectedShopifyStore(tenantId: string) {
  const shop = `supplier-${uniqueSuffix()}.myshopify.com`;
  const accessToken = `shpat_${uniqueSuffix()}`;
  await fakeShopify.addShopWithToken(shop, accessToken);
  const { storeId } = await connectStore(tenantId, { platform: 'shopify', name: shop, shopDomain: shop, credentials: { accessToken } }, { type: 'system', id: 'test' });
  return { shop, storeId, accessToken };
}

/** An order that exists both in the fake shop and in the hub (as its webhook would have brought it). */
export async function shopifyOrder(shop: string, input: TShopifyOrderInput) {
  await fakeShopify.putOrders(shop, [input]);
  const response = await sendShopify({ shopDomain: shop, body: shopifyOrderBody(input) });
  expect(response.status).toBe(200);
}

export async function mapSkus(tenantId: string, mappings: Array<{ sku: string; productId: string; seller?: string; outOfStock?: boolean }>) {
  await fakeAliExpress.addProducts(mappings.map((mapping) => ({ productId: mapping.productId, seller: mapping.seller, outOfStock: mapping.outOfStock })));
  for (const mapping of mappings) await saveProductMapping(tenantId, { type: 'system', id: 'test' }, { sku: mapping.sku, productId: mapping.productId, skuAttr: '14:193#Black' });
}
