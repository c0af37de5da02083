import type { TLocale } from '@/lib/i18n/routing';

/** Each language in its own name, as the language drop-down shows it whatever the current language. */
export const localeNames: Record<TLocale, string> = {
  en: 'English',
  ar: 'العربية',
  fr: 'Français',
  'pt-BR': 'Português (Brasil)',
  de: 'Deutsch',
  it: 'Italiano',
  nl: 'Nederlands',
  es: 'Español',
  'zh-CN': '中文',
};
