'use client';

import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { Link, usePathname } from '@/lib/i18n/navigation';

export type TNavItem = {
  href: '/home' | '/orders' | '/twins' | '/events' | '/stores' | '/supplier' | '/settings';
  label: 'home' | 'orders' | 'twins' | 'events' | 'stores' | 'supplier' | 'settings';
  /** A count that waits for the member (twins to review), shown as a badge. */
  badge?: number;
};

/** The main navigation; every link keeps the chosen store. */
export function DashboardNav({ items }: { items: TNavItem[] }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const store = useSearchParams().get('store');
  return (
    <nav aria-label={t('main')} className="flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const isActive = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={store ? { pathname: item.href, query: { store } } : item.href}
            aria-current={isActive ? 'page' : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
          >
            {t(item.label)}
            {item.badge ? (
              <span className="ms-1.5 rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900 tabular-nums" data-testid={`nav-badge-${item.label}`}>
                {item.badge}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
