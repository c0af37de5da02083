import { memberRoute } from '@/lib/api/member-route';
import { actorOf } from '@/lib/auth/require-member';
import { completeShopifyInstall } from '@/lib/stores/shopify/shopify-install';
import { storesPageUrl } from '@/lib/stores/stores-page-url';

export const dynamic = 'force-dynamic';

export const GET = memberRoute('stores.manage', async (request, member) => {
  const { storeId, headers } = await completeShopifyInstall(request, member.tenantId, actorOf(member));
  const response = new Headers({ location: storesPageUrl(request, member, { connected: 'shopify', added: storeId }) });
  for (const [name, value] of Object.entries(headers)) for (const item of [value].flat()) response.append(name, item);
  return new Response(null, { status: 303, headers: response });
});
