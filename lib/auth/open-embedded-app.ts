import { auth } from '@/lib/auth/auth';
import { embeddedSessionPath } from '@/lib/auth/shopify-embedded-sign-in';
import { negotiateLocale } from '@/lib/i18n/negotiate-locale';
import { translatorFor } from '@/lib/i18n/load-messages';
import { preferredLocaleOf } from '@/lib/tenancy/set-language';
import { embeddedShopCookie, frameAncestorsFor } from '@/lib/http/security-headers';

/**
 * GET /shopify: signs the merchant in from the App Bridge session token (query `id_token` or
 * `Authorization: Bearer`) and opens the Order Center for that shop's store. The pages that
 * follow may be framed by that shop's admin only.
 */
export async function openEmbeddedApp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const signIn = new URL(`/api/auth${embeddedSessionPath}`, url);
  const token = url.searchParams.get('id_token');
  if (token) signIn.searchParams.set('id_token', token);
  const answer = await auth().handler(new Request(signIn, { headers: request.headers }));
  const browserLocale = negotiateLocale(request.headers.get('accept-language'));
  if (!answer.ok) {
    const t = await translatorFor(browserLocale);
    return new Response(t('errors.embeddedInvalid'), {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': "frame-ancestors 'none'" },
    });
  }
  const { storeId, shop, userId } = (await answer.json()) as { storeId: string; shop: string; userId: string };
  const locale = await preferredLocaleOf(userId, browserLocale);
  const headers = new Headers({
    location: `/${locale}/orders?store=${encodeURIComponent(storeId)}`,
    'content-security-policy': frameAncestorsFor(shop),
    'cache-control': 'no-store',
  });
  for (const cookie of answer.headers.getSetCookie()) headers.append('set-cookie', cookie);
  headers.append('set-cookie', `${embeddedShopCookie}=${shop}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=86400`);
  return new Response(null, { status: 303, headers });
}
