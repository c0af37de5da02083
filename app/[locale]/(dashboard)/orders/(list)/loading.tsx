import { getTranslations } from 'next-intl/server';

export default async function OrdersLoading() {
  const t = await getTranslations('common');
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-3">
      <span className="sr-only">{t('loading')}</span>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-10 animate-pulse rounded bg-slate-200" />
      {Array.from({ length: 8 }, (_, index) => (
        <div key={index} className="h-9 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
