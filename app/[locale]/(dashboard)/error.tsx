'use client';

import { useTranslations } from 'next-intl';

export default function DashboardError({ reset }: { reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-800">{t('somethingWrong')}</h2>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-700 px-3 py-1.5 text-sm text-white">
        {t('tryAgain')}
      </button>
    </div>
  );
}
