import { errorResponse } from '@/lib/api/error-response';
import { memberOfRequest } from '@/lib/auth/current-member';
import { completeTikTokConnect } from '@/lib/stores/tiktok/tiktok-connect';
import { storesPageUrl } from '@/lib/stores/stores-page-url';

export const dynamic = 'force-dynamic';

/** The redirect URL configured in TikTok Shop Partner Center: `?code=…&state=…`. */
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const member = await memberOfRequest(request.headers);
    const { storeIds, locale } = await completeTikTokConnect(url.searchParams.get('code'), url.searchParams.get('state'), member?.userId ?? null);
    return new Response(null, { status: 303, headers: { location: storesPageUrl(request, locale ? { locale } : null, { connected: 'tiktok', added: storeIds[0]! }) } });
  } catch (error) {
    return errorResponse(error);
  }
}
