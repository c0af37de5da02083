import { errorResponse } from '@/lib/api/error-response';
import { completeSupplierLink } from '@/lib/suppliers/supplier-accounts';
import { locales } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';

/** AliExpress sends the merchant back with `?code=…&state=…`. */
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const { locale } = await completeSupplierLink(url.searchParams.get('code'), url.searchParams.get('state'));
    const target = locale && (locales as readonly string[]).includes(locale) ? locale : 'en';
    return new Response(null, { status: 303, headers: { location: `/${target}/settings?linked=aliexpress` } });
  } catch (error) {
    return errorResponse(error);
  }
}
