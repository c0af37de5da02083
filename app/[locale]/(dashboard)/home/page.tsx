import { getFormatter, getTranslations } from 'next-intl/server';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { Link } from '@/lib/i18n/navigation';
import { getHomeSummary } from '@/lib/dashboard/get-home-summary';
import { orderTabs } from '@/lib/orders/order-filters';
import { OrdersChart } from '@/components/orders-chart';
import { pageLocale } from '@/lib/i18n/page-locale';

export default async function HomePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = await pageLocale(params);
  const member = await requireMember(locale);
  // Every query of this page is for the member's tenant (row-level security).
  return withTenant(member.tenantId, async () => {
    const storeParam = (await searchParams).store;
    const store = typeof storeParam === 'string' && storeParam ? storeParam : null;
    const visible = store ? (member.storeIds ? member.storeIds.filter((id) => id === store) : [store]) : member.storeIds;
    const summary = await getHomeSummary(member.tenantId, visible);
    const t = await getTranslations();
    const format = await getFormatter();

    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">{t('home.title')}</h1>
        <section aria-labelledby="stage-counts" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <h2 id="stage-counts" className="sr-only">
            {t('home.stages')}
          </h2>
          {orderTabs.filter((tab) => tab !== 'archived').map((tab) => (
            <Link
              key={tab}
              href={{ pathname: '/orders', query: store ? { tab, store } : { tab } }}
              className="rounded-lg border border-slate-200 bg-white p-3 hover:border-slate-400"
              data-testid={`home-count-${tab}`}
            >
              <span className="block text-xs text-slate-600">{t(`tabs.${tab}`)}</span>
              <span className="block text-2xl font-semibold tabular-nums">
                {summary.tabs[tab].isCapped ? t('orders.countCapped', { count: summary.tabs[tab].count }) : format.number(summary.tabs[tab].count)}
              </span>
            </Link>
          ))}
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">{t('home.chartTitle')}</h2>
          <OrdersChart days={summary.days} />
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="mb-3 flex items-center justify-between">
            <h2 className="font-semibold">{t('home.recentFailures')}</h2>
            <Link href="/events" className="text-sm underline">
              {t('home.allFailures')}
            </Link>
          </div>
          {summary.recentFailures.length === 0 ? (
            <p className="text-sm text-slate-600">{t('home.noFailures')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {summary.recentFailures.map((event) => (
                <li key={event.id} className="py-2">
                  <span className="font-medium" dir="ltr">{event.topic}</span> · {event.storeName}
                  <span className="block truncate text-red-700">{event.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    );
  });
}
