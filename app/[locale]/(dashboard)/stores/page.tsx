import { getFormatter, getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/current-member';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { listStoreOverview, type TStoreOverview } from '@/lib/stores/list-store-overview';
import { listDataRequests } from '@/lib/stores/compliance/download-data-request';
import { ChannelIcon } from '@/components/channel-icon';
import { ConnectStores } from '@/components/connect-stores';
import { StoreSyncProgress } from '@/components/store-sync-progress';
import { pageLocale } from '@/lib/i18n/page-locale';
import { findTikTokOriginOverlaps } from '@/lib/duplicates/skip-tiktok-origin';
import { setSkipTikTokOriginOrders } from '@/lib/actions/supplier-actions';
import { EmptyState } from '@/components/empty-state';

/** Where "Reconnect" goes: the same flow that connected the store. */
function reconnectHref(store: TStoreOverview, locale: string): string {
  if (store.platform === 'shopify') return `/api/stores/shopify/install?shop=${encodeURIComponent(store.address ?? '')}`;
  if (store.platform === 'woocommerce') return `/api/stores/woocommerce/connect?url=${encodeURIComponent(store.address ?? '')}&locale=${locale}`;
  return `/api/stores/tiktok/connect?locale=${locale}`;
}

const statusColors = { active: 'bg-emerald-100 text-emerald-800', disconnected: 'bg-slate-200 text-slate-700', needs_reconnection: 'bg-amber-100 text-amber-800' } as const;

export default async function StoresPage({
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
    const mayManage = can(member, 'stores.manage');
    const [stores, dataRequests, overlaps] = await Promise.all([
      listStoreOverview(member.tenantId, member.storeIds),
      mayManage ? listDataRequests(member.tenantId) : Promise.resolve([]),
      findTikTokOriginOverlaps(member.tenantId),
    ]);
    const visibleOverlaps = overlaps.filter((overlap) => member.storeIds === null || member.storeIds.includes(overlap.storeId));
    const connected = (await searchParams).connected;
    const t = await getTranslations();
    const format = await getFormatter();
    const now = new Date();

    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">{t('stores.title')}</h1>
        {connected === 'shopify' || connected === 'woocommerce' || connected === 'tiktok' ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="connected-banner">
            {t('stores.connected', { channel: t(`platforms.${connected}`) })}
          </p>
        ) : null}
        {visibleOverlaps.map((overlap) => (
          <div key={overlap.storeId} role="note" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="tiktok-overlap">
            <p className="flex-1">
              {overlap.skipping
                ? t('stores.skippingTikTokOrigin', { store: overlap.storeName })
                : t('stores.tiktokOverlap', { store: overlap.storeName, count: overlap.tiktokOriginOrders })}
            </p>
            {mayManage ? (
              <form action={setSkipTikTokOriginOrders}>
                <input type="hidden" name="storeId" value={overlap.storeId} />
                <input type="hidden" name="skip" value={overlap.skipping ? '0' : '1'} />
                <button type="submit" className="rounded-md border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100">
                  {overlap.skipping ? t('stores.recordTikTokOrigin') : t('stores.skipTikTokOrigin')}
                </button>
              </form>
            ) : null}
          </div>
        ))}
        {mayManage ? <ConnectStores /> : null}
        {stores.length === 0 ? (
          <EmptyState>{t('stores.empty')}</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm" data-testid="stores-table">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 text-start">{t('stores.columns.store')}</th>
                  <th scope="col" className="px-3 py-2 text-start">{t('stores.columns.status')}</th>
                  <th scope="col" className="px-3 py-2 text-start">{t('stores.columns.lastWebhook')}</th>
                  <th scope="col" className="px-3 py-2 text-end">{t('stores.columns.orders')}</th>
                  <th scope="col" className="px-3 py-2 text-end">{t('stores.columns.failedEvents')}</th>
                  <th scope="col" className="px-3 py-2 text-start">{t('stores.columns.sync')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {stores.map((store) => (
                  <tr key={store.id} data-testid="store-row">
                    <td className="px-3 py-2">
                      <span className="flex items-center gap-2">
                        <ChannelIcon platform={store.platform} label={t(`platforms.${store.platform}`)} />
                        <span>
                          <span className="block font-medium">{store.name}</span>
                          <span className="block text-xs text-slate-500" dir="ltr">{store.address}</span>
                        </span>
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusColors[store.status]}`}>{t(`storeStatuses.${store.status}`)}</span>
                      {mayManage && store.status !== 'active' ? (
                        <a href={reconnectHref(store, locale)} className="ms-2 text-xs underline" data-testid="reconnect">
                          {t('stores.reconnect')}
                        </a>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-slate-600">
                      {store.lastWebhookAt ? (
                        <time dateTime={store.lastWebhookAt.toISOString()} title={format.dateTime(store.lastWebhookAt, { dateStyle: 'medium', timeStyle: 'short' })}>
                          {format.relativeTime(store.lastWebhookAt, now)}
                        </time>
                      ) : (
                        t('stores.never')
                      )}
                    </td>
                    <td className="px-3 py-2 text-end tabular-nums">{format.number(store.orderCount)}</td>
                    <td className={`px-3 py-2 text-end tabular-nums ${store.failedEventCount ? 'font-semibold text-red-700' : ''}`}>{format.number(store.failedEventCount)}</td>
                    <td className="px-3 py-2">
                      <StoreSyncProgress storeId={store.id} initial={stores.map((entry) => entry.sync)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {dataRequests.length ? (
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">{t('stores.dataRequests')}</h2>
            <p className="mb-2 text-sm text-slate-600">{t('stores.dataRequestsHelp')}</p>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="data-requests">
              {dataRequests.map((request) => (
                <li key={request.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span>
                    {request.customerEmail ?? '—'} · {format.dateTime(request.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </span>
                  <a href={`/api/stores/data-requests/${request.id}`} className="underline">
                    {t('stores.download')}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    );
  });
}
