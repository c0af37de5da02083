import type { TMember } from '@/lib/auth/current-member';
import { negotiateLocale } from '@/lib/i18n/negotiate-locale';
import { locales } from '@/lib/i18n/routing';

/** Where a connection flow lands: the Stores page, in the member's language. */
export function storesPageUrl(request: Request, member: Pick<TMember, 'locale'> | null, query: Record<string, string>): string {
  const cookieLocale = request.headers.get('cookie')?.match(/(?:^|;\s*)NEXT_LOCALE=([^;]+)/)?.[1];
  const candidate = member?.locale ?? cookieLocale;
  const locale = candidate && (locales as readonly string[]).includes(candidate) ? candidate : negotiateLocale(request.headers.get('accept-language'));
  return `/${locale}/stores?${new URLSearchParams(query).toString()}`;
}
