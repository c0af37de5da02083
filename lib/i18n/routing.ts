import { defineRouting } from 'next-intl/routing';

export const locales = ['en', 'ar', 'fr', 'pt-BR', 'de', 'it', 'nl', 'es', 'zh-CN'] as const;
export type TLocale = (typeof locales)[number];

export const routing = defineRouting({
  locales,
  defaultLocale: 'en',
  localePrefix: 'always',
});

const rightToLeft = new Set<string>(['ar']);

export function directionOf(locale: string): 'rtl' | 'ltr' {
  return rightToLeft.has(locale) ? 'rtl' : 'ltr';
}
