import { createTranslator } from 'next-intl';
import type { TLocale } from '@/lib/i18n/routing';
import type en from '@/messages/en.json';

export async function loadMessages(locale: TLocale): Promise<typeof en> {
  return (await import(`../../messages/${locale}.json`)).default;
}

/** A translator outside React rendering (route handlers, scripts). */
export async function translatorFor(locale: TLocale) {
  return createTranslator({ locale, messages: await loadMessages(locale) });
}
