import { locales, routing, type TLocale } from '@/lib/i18n/routing';

/** The best of our locales for an Accept-Language header (`pt-BR`, `zh-CN`; `pt` → pt-BR, `zh` → zh-CN). */
export function negotiateLocale(acceptLanguage: string | null): TLocale {
  const requested = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...parameters] = part.trim().split(';');
      const quality = Number(parameters.find((parameter) => parameter.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag?.trim().toLowerCase() ?? '', quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((entry) => entry.tag)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of requested) {
    const exact = locales.find((locale) => locale.toLowerCase() === tag);
    if (exact) return exact;
    const language = tag.split('-')[0];
    const byLanguage = locales.find((locale) => locale.toLowerCase().split('-')[0] === language);
    if (byLanguage) return byLanguage;
  }
  return routing.defaultLocale;
}
