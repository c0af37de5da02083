import { memberRoute } from '@/lib/api/member-route';
import { wooAuthorizeUrl } from '@/lib/stores/woocommerce/woocommerce-connect';
import { negotiateLocale } from '@/lib/i18n/negotiate-locale';

export const dynamic = 'force-dynamic';

/** GET /api/stores/woocommerce/connect?url=https://shop.example — to the site's authorize screen. */
export const GET = memberRoute('stores.manage', async (request, member) => {
  const url = new URL(request.url);
  const locale = url.searchParams.get('locale') ?? member.locale ?? negotiateLocale(request.headers.get('accept-language'));
  return Response.redirect(wooAuthorizeUrl(member, url.searchParams.get('url') ?? '', locale), 303);
});
