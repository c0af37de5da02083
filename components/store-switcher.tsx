'use client';

import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { usePathname, useRouter } from '@/lib/i18n/navigation';

export type TSwitcherStore = { id: string; name: string };

/** All stores or one, kept in the URL (`?store=`) on every page. */
export function StoreSwitcher({ stores }: { stores: TSwitcherStore[] }) {
  const t = useTranslations('nav');
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const current = searchParams.get('store') ?? '';

  function change(storeId: string) {
    const next = new URLSearchParams(searchParams.toString());
    if (storeId) next.set('store', storeId);
    else next.delete('store');
    next.delete('after');
    next.delete('before');
    const query = next.toString();
    router.push(query ? `${pathname}?${query}` : pathname);
  }

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{t('storeSwitcher')}</span>
      <select
        data-testid="store-switcher"
        value={current}
        onChange={(event) => change(event.target.value)}
        className="max-w-48 rounded-md border border-slate-300 bg-white py-1 ps-2 pe-7 text-sm"
      >
        <option value="">{t('allStores')}</option>
        {stores.map((store) => (
          <option key={store.id} value={store.id}>
            {store.name}
          </option>
        ))}
      </select>
    </label>
  );
}
