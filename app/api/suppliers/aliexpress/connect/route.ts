import { memberRoute } from '@/lib/api/member-route';
import { negotiateLocale } from '@/lib/i18n/negotiate-locale';
import { supplierLinkUrl } from '@/lib/suppliers/supplier-accounts';

export const dynamic = 'force-dynamic';

/** Link (or switch) the AliExpress account: owners, and support staff on the merchant's behalf. */
export const GET = memberRoute('supplier.manage', async (request, member) => {
  const locale = new URL(request.url).searchParams.get('locale') ?? member.locale ?? negotiateLocale(request.headers.get('accept-language'));
  return Response.redirect(supplierLinkUrl(member, locale), 303);
});
