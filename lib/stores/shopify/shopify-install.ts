import { RequestedTokenType } from '@shopify/shopify-api';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { createId } from '@/lib/ids';
import { shopify } from '@/lib/platforms/shopify/shopify-api';
import { rewriteShopifyUrl } from '@/lib/platforms/shopify/shop-url';
import { normalizeShopDomain } from '@/lib/stores/route-key';
import { unsafeFindStoreByRoute } from '@/lib/stores/unsafe-find-store-by-route';
import { openStoreCredentials } from '@/lib/stores/store-credentials';
import { connectShopifyStore } from '@/lib/stores/shopify/connect-shopify-store';
import type { TAuditActor } from '@/lib/audit/record-audit-event';
import { withTenant } from '@/lib/db/tenant-scope';

export const shopifyCallbackPath = '/api/stores/shopify/callback';

const shopDomainPattern = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** Step 1 of the authorization-code install: redirect the merchant to their shop's grant screen. */
export async function beginShopifyInstall(request: Request, rawShop: string): Promise<Response> {
  const shop = normalizeShopDomain(rawShop);
  if (!shopDomainPattern.test(shop)) throw new AppError('unprocessable', 'Enter the shop’s myshopify.com domain');
  const response = (await shopify().auth.begin({ shop, callbackPath: shopifyCallbackPath, isOnline: false, rawRequest: request })) as Response;
  if (response.status !== 302) throw new AppError('bad_request', 'Shopify install could not start');
  const location = response.headers.get('location');
  const headers = new Headers(response.headers);
  if (location) headers.set('location', rewriteShopifyUrl(location));
  return new Response(null, { status: response.status, headers });
}

/** Step 2: Shopify sends the merchant back with a code; the library checks it and gets the offline token. */
export async function completeShopifyInstall(request: Request, tenantId: string, actor: TAuditActor) {
  let callback;
  try {
    callback = await shopify().auth.callback({ rawRequest: request });
  } catch (error) {
    // A forged or replayed callback: bad HMAC, missing or mismatched state cookie, refused code.
    throw new AppError('bad_request', `The Shopify authorization could not be verified: ${(error as Error).message}`);
  }
  const { session, headers } = callback;
  if (!session.accessToken) throw new AppError('unprocessable', 'Shopify returned no access token');
  const { storeId } = await connectShopifyStore(tenantId, { shop: session.shop, accessToken: session.accessToken, scope: session.scope }, actor);
  return { storeId, headers: headers as unknown as Record<string, string | string[]> };
}

/**
 * The embedded app's install: Shopify installed the app, the admin opened it with a session
 * token. If the shop has no working store yet, the token is exchanged for an offline token
 * (a shop nobody connected gets an account of its own).
 */
export async function ensureStoreForSessionToken(shop: string, sessionToken: string): Promise<{ tenantId: string; storeId: string }> {
  const routed = await unsafeFindStoreByRoute('shopify', shop, { includeInactive: true });
  if (routed && routed.status === 'active' && openStoreCredentials(routed.credentials).accessToken) {
    return { tenantId: routed.tenantId, storeId: routed.storeId };
  }
  const { session } = await shopify().auth.tokenExchange({ shop, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken });
  if (!session.accessToken) throw new AppError('unprocessable', 'Shopify returned no access token');
  let tenantId = routed?.tenantId;
  if (!tenantId) {
    tenantId = createId('ten');
    const newTenantId = tenantId;
    await withTenant(newTenantId, () => db().tenant.create({ data: { id: newTenantId, name: shop.replace(/\.myshopify\.com$/, '') } }));
  }
  const actor: TAuditActor = { type: 'platform', id: 'shopify:token-exchange' };
  const { storeId } = await connectShopifyStore(tenantId, { shop, accessToken: session.accessToken, scope: session.scope }, actor);
  return { tenantId, storeId };
}
