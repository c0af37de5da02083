import { getFormatter, getTranslations } from 'next-intl/server';
import { db } from '@/lib/db/client';
import { notFound } from 'next/navigation';
import { can, canSeeStore } from '@/lib/auth/current-member';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { findOrdersWithPendingTwins } from '@/lib/duplicates/list-twins';
import { AppError } from '@/lib/errors/app-error';
import { Link } from '@/lib/i18n/navigation';
import { findOrderPage, type TOrderPage } from '@/lib/orders/list-orders';
import { countOrdersByTab } from '@/lib/orders/count-orders-by-tab';
import { orderTabs } from '@/lib/orders/order-filters';
import { filtersOf, parseOrderSearchParams, withSearchParams } from '@/lib/orders/order-search-params';
import { ChannelIcon } from '@/components/channel-icon';
import { OrderNumber } from '@/components/order-number';
import { StatusBadge } from '@/components/status-badge';
import { AttentionReason } from '@/components/attention-reason';
import { SelectAllOrders, SendToSupplierForm } from '@/components/send-to-supplier-form';
import { pageLocale } from '@/lib/i18n/page-locale';
import { EmptyState } from '@/components/empty-state';

const statuses = ['pending', 'paid', 'partially_fulfilled', 'fulfilled', 'cancelled', 'refunded'] as const;
const channels = ['shopify', 'woocommerce', 'tiktok'] as const;
const sendFormId = 'send-orders';

export default async function OrdersPage({
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
    const search = parseOrderSearchParams(await searchParams);
    const filters = filtersOf(search, member.storeIds);
    const t = await getTranslations();
    const format = await getFormatter();

    const loadPage = async (): Promise<TOrderPage> => {
      try {
        return await findOrderPage(member.tenantId, filters, { limit: 50, after: search.after, before: search.before });
      } catch (error) {
        // A hand-edited cursor starts over at the first page.
        if (error instanceof AppError && error.code === 'bad_request') return findOrderPage(member.tenantId, filters, { limit: 50 });
        throw error;
      }
    };
    const { tab: _tab, ...countFilters } = filters;
    const [page, counts, stores] = await Promise.all([
      loadPage(),
      countOrdersByTab(member.tenantId, countFilters),
      db().store.findMany({ where: { tenantId: member.tenantId }, select: { id: true, name: true } }),
    ]);
    const storeNames = new Map(stores.map((store) => [store.id, store.name]));
    // A store id from the URL that is not one of the tenant's (or the staff member's) stores.
    if (search.store && (!storeNames.has(search.store) || !canSeeStore(member, search.store))) notFound();
    const currentTab = filters.tab ?? 'to_order';
    const withTwins = await findOrdersWithPendingTwins(member.tenantId, page.rows.map((order) => order.id));
    // Orders go to the supplier from the tabs where they wait for it.
    const canSend = can(member, 'supplier.place') && (currentTab === 'to_order' || currentTab === 'needs_attention') && page.rows.length > 0;
    const now = new Date();

    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">{t('orders.title')}</h1>

        <nav aria-label={t('orders.tabsLabel')} className="flex gap-1 overflow-x-auto border-b border-slate-200">
          {orderTabs.map((tab) => (
            <Link
              key={tab}
              href={`/orders${withSearchParams(search, { tab })}`}
              aria-current={tab === currentTab ? 'page' : undefined}
              data-testid={`tab-${tab}`}
              className={`-mb-px flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${tab === currentTab ? 'border-slate-900 text-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
            >
              {t(`tabs.${tab}`)}
              <span className={`rounded-full px-2 text-xs tabular-nums ${tab === 'needs_attention' && counts[tab].count > 0 ? 'bg-red-100 text-red-700' : 'bg-slate-100 text-slate-700'}`}>
                {counts[tab].isCapped ? t('orders.countCapped', { count: counts[tab].count }) : format.number(counts[tab].count)}
              </span>
            </Link>
          ))}
        </nav>

        <form method="get" role="search" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
          <input type="hidden" name="tab" value={currentTab} />
          {search.store ? <input type="hidden" name="store" value={search.store} /> : null}
          <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
            {t('orders.search')}
            <input
              type="search"
              name="q"
              defaultValue={search.q ?? ''}
              placeholder={t('orders.searchPlaceholder')}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-normal text-slate-900"
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {t('orders.channel')}
            <select name="channel" defaultValue={search.channel ?? ''} className="rounded-md border border-slate-300 py-1.5 ps-2 pe-7 text-sm text-slate-900">
              <option value="">{t('orders.anyChannel')}</option>
              {channels.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`platforms.${channel}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {t('orders.status')}
            <select name="status" defaultValue={search.status ?? ''} className="rounded-md border border-slate-300 py-1.5 ps-2 pe-7 text-sm text-slate-900">
              <option value="">{t('orders.anyStatus')}</option>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {t(`statuses.${status}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {t('orders.from')}
            <input type="date" name="from" defaultValue={search.from ?? ''} className="rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {t('orders.to')}
            <input type="date" name="to" defaultValue={search.to ?? ''} className="rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900" />
          </label>
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
            {t('orders.apply')}
          </button>
          <Link href={`/orders${withSearchParams({ store: search.store }, { tab: currentTab })}`} className="px-2 py-1.5 text-sm text-slate-600 underline">
            {t('orders.clear')}
          </Link>
        </form>

        {canSend ? <SendToSupplierForm formId={sendFormId} /> : null}

        {page.rows.length === 0 ? (
          <EmptyState testId="orders-empty">{search.q || search.channel || search.status || search.from || search.to ? t('orders.emptyFiltered') : t('orders.empty')}</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm" data-testid="orders-table">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  {canSend ? (
                    <th scope="col" className="w-8 px-3 py-2 text-start">
                      <SelectAllOrders formId={sendFormId} label={t('orders.selectAll')} />
                    </th>
                  ) : null}
                  <th scope="col" className="px-3 py-2 text-start">{t('orders.columns.number')}</th>
                  <th scope="col" className="px-3 py-2 text-start">{t('orders.columns.store')}</th>
                  <th scope="col" className="hidden px-3 py-2 text-start md:table-cell">{t('orders.columns.customer')}</th>
                  <th scope="col" className="px-3 py-2 text-end">{t('orders.columns.total')}</th>
                  <th scope="col" className="px-3 py-2 text-start">{t('orders.columns.status')}</th>
                  <th scope="col" className="hidden px-3 py-2 text-start sm:table-cell">{t('orders.columns.age')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((order) => (
                  <tr key={order.id} data-testid="order-row" className="hover:bg-slate-50">
                    {canSend ? (
                      <td className="px-3 py-2">
                        <input type="checkbox" name="orderIds" value={order.id} form={sendFormId} aria-label={t('orders.select', { number: order.number })} />
                      </td>
                    ) : null}
                    <td className="px-3 py-2">
                      <Link
                        href={search.store ? { pathname: `/orders/${order.id}`, query: { store: search.store } } : `/orders/${order.id}`}
                        className="hover:underline"
                      >
                        <OrderNumber number={order.number} sourceNumber={order.source_number} suffixLabel={t('orders.suffixed')} />
                      </Link>
                      {withTwins.has(order.id) ? (
                        <Link href="/twins" className="ms-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900" data-testid="twin-badge">
                          {t('orders.twinBadge')}
                        </Link>
                      ) : null}
                      {order.attention_reason ? (
                        currentTab === 'needs_attention' ? (
                          <AttentionReason reason={order.attention_reason} className="block text-xs text-red-700" />
                        ) : (
                          <span className="ms-2 text-xs text-red-700">{t('orders.needsAttention')}</span>
                        )
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <span className="flex items-center gap-2">
                        <ChannelIcon platform={order.platform} label={t(`platforms.${order.platform}`)} />
                        <span className="truncate">{storeNames.get(order.store_id)}</span>
                      </span>
                    </td>
                    <td className="hidden px-3 py-2 md:table-cell">
                      <span className="block truncate">{order.customer_name ?? t('orders.noCustomer')}</span>
                      {order.customer_email ? <span className="block truncate text-xs text-slate-500">{order.customer_email}</span> : null}
                    </td>
                    <td className="px-3 py-2 text-end tabular-nums">{format.number(Number(order.total_price), { style: 'currency', currency: order.currency })}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={order.status} label={t(`statuses.${order.status}`)} />
                    </td>
                    <td className="hidden px-3 py-2 text-slate-600 sm:table-cell">
                      <time dateTime={order.placed_at.toISOString()} title={format.dateTime(order.placed_at, { dateStyle: 'medium', timeStyle: 'short' })}>
                        {format.relativeTime(order.placed_at, now)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <nav aria-label={t('orders.pagination')} className="flex justify-between">
          {page.previousCursor ? (
            <Link href={`/orders${withSearchParams(search, { before: page.previousCursor })}`} rel="prev" className="flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
              <span aria-hidden="true" className="inline-block rtl:-scale-x-100">←</span> {t('orders.newer')}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={`/orders${withSearchParams(search, { after: page.nextCursor })}`} rel="next" data-testid="next-page" className="flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
              {t('orders.older')} <span aria-hidden="true" className="inline-block rtl:-scale-x-100">→</span>
            </Link>
          ) : null}
        </nav>
      </div>
    );
  });
}
