import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { setRequestLocale } from 'next-intl/server';
import { routing, type TLocale } from '@/lib/i18n/routing';

/** The locale of a page's params, checked and set for the request; an unknown one is a 404. */
export async function pageLocale(params: Promise<{ locale: string }>): Promise<TLocale> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  return locale;
}
