import { getFormatter, getTranslations } from 'next-intl/server';
import { requireMember } from '@/lib/auth/require-member';
import { listStoreOverview } from '@/lib/stores/list-store-overview';
import { ChannelIcon } from '@/components/channel-icon';
import { pageLocale } from '@/lib/i18n/page-locale';

const statusColors = { active: 'bg-emerald-100 text-emerald-800', disconnected: 'bg-slate-200 text-slate-700', needs_reconnection: 'bg-amber-100 text-amber-800' } as const;

export default async function StoresPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  const member = await requireMember(locale);
  const stores = await listStoreOverview(member.tenantId, member.storeIds);
  const t = await getTranslations();
  const format = await getFormatter();
  const now = new Date();

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('stores.title')}</h1>
      {stores.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">{t('stores.empty')}</p>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
