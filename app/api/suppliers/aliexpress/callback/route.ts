import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/api/error-response';
import { memberOfRequest } from '@/lib/auth/current-member';
import { completeSupplierLink } from '@/lib/suppliers/supplier-accounts';
import { locales } from '@/lib/i18n/routing';
import { negotiateLocale } from '@/lib/i18n/negotiate-locale';

export const dynamic = 'force-dynamic';

/**
 * AliExpress sends the merchant back with `?code=…&state=…`. The merchant lands on the Supplier
 * page either way: with the account linked, or with a message that it was not.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  try {
    const member = await memberOfRequest(request.headers);
    const { locale } = await completeSupplierLink(url.searchParams.get('code'), url.searchParams.get('state'), member?.userId ?? null);
    const target = locale && (locales as readonly string[]).includes(locale) ? locale : 'en';
    return new Response(null, { status: 303, headers: { location: `/${target}/supplier?linked=aliexpress` } });
  } catch (error) {
    if (!(error instanceof AppError)) return errorResponse(error);
    const target = negotiateLocale(request.headers.get('accept-language'));
    return new Response(null, { status: 303, headers: { location: `/${target}/supplier?linkError=${error.code}` } });
  }
}
