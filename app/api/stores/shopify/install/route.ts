import { memberRoute } from '@/lib/api/member-route';
import { beginShopifyInstall } from '@/lib/stores/shopify/shopify-install';

export const dynamic = 'force-dynamic';

/** GET /api/stores/shopify/install?shop=acme.myshopify.com — to the shop's grant screen. */
export const GET = memberRoute('stores.manage', (request) => beginShopifyInstall(request, new URL(request.url).searchParams.get('shop') ?? ''));
