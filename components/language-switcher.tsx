'use client';

import { useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { usePathname, useRouter } from '@/lib/i18n/navigation';
import { locales, type TLocale } from '@/lib/i18n/routing';
import { localeNames } from '@/lib/i18n/locale-names';
import { saveMyLanguage } from '@/lib/actions/language-actions';

export function LanguageSwitcher() {
  const t = useTranslations('language');
  const locale = useLocale();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  function change(next: TLocale) {
    startTransition(async () => {
      await saveMyLanguage(next);
      const query = searchParams.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { locale: next });
    });
  }

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{t('label')}</span>
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 text-slate-500" fill="currentColor">
        <path d="M10 2a8 8 0 100 16 8 8 0 000-16zm5.9 7h-2.95a12.5 12.5 0 00-1.1-4.9A6.02 6.02 0 0115.9 9zM10 4.05c.66.9 1.35 2.55 1.5 4.95h-3c.15-2.4.84-4.05 1.5-4.95zM8.15 4.1A12.5 12.5 0 007.05 9H4.1a6.02 6.02 0 014.05-4.9zM4.1 11h2.95c.12 1.86.52 3.53 1.1 4.9A6.02 6.02 0 014.1 11zm5.9 4.95c-.66-.9-1.35-2.55-1.5-4.95h3c-.15 2.4-.84 4.05-1.5 4.95zm1.85-.05c.58-1.37.98-3.04 1.1-4.9h2.95a6.02 6.02 0 01-4.05 4.9z" />
      </svg>
      <select
        data-testid="language-switcher"
        value={locale}
        disabled={isPending}
        onChange={(event) => change(event.target.value as TLocale)}
        className="rounded-md border border-slate-300 bg-white py-1 ps-2 pe-7 text-sm"
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {localeNames[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
