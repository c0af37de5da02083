import { memberRoute } from '@/lib/api/member-route';
import { negotiateLocale } from '@/lib/i18n/negotiate-locale';
import { tiktokConnectUrl } from '@/lib/stores/tiktok/tiktok-connect';

export const dynamic = 'force-dynamic';

export const GET = memberRoute('stores.manage', async (request, member) => {
  const locale = new URL(request.url).searchParams.get('locale') ?? member.locale ?? negotiateLocale(request.headers.get('accept-language'));
  return Response.redirect(tiktokConnectUrl(member, locale), 303);
});
