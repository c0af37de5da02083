import { getFormatter, getTranslations } from 'next-intl/server';
import { db } from '@/lib/db/client';
import { can } from '@/lib/auth/current-member';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { Link } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { listTwins, type TTwinPair } from '@/lib/duplicates/list-twins';
import { decideTwin } from '@/lib/actions/supplier-actions';
import { ChannelIcon } from '@/components/channel-icon';
import { EmptyState } from '@/components/empty-state';

/** The review queue of orders that may be one purchase, compared side by side. */
export default async function TwinsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  const member = await requireMember(locale);
  // Every query of this page is for the member's tenant (row-level security).
  return withTenant(member.tenantId, async () => {
    const [pending, resolved, stores] = await Promise.all([
      listTwins(member.tenantId, member.storeIds, 'pending'),
      listTwins(member.tenantId, member.storeIds, 'resolved'),
      db().store.findMany({ where: { tenantId: member.tenantId }, select: { id: true, name: true } }),
    ]);
    const storeNames = new Map(stores.map((store) => [store.id, store.name]));
    const t = await getTranslations();
    const format = await getFormatter();
    const mayDecide = can(member, 'supplier.place');
    const money = (value: string, currency: string) => format.number(Number(value), { style: 'currency', currency });

    const orderCard = (order: TTwinPair['original'], role: 'original' | 'copy') => (
      <div className="flex flex-1 flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm" data-testid={`twin-${role}`}>
        <p className="text-xs uppercase tracking-wide text-slate-500">{t(`twins.${role}`)}</p>
        <p className="flex items-center gap-2 font-medium">
          <ChannelIcon platform={order.platform} label={t(`platforms.${order.platform}`)} />
          <Link href={`/orders/${order.id}`} className="underline" dir="ltr">
            {order.number}
          </Link>
          <span className="truncate font-normal text-slate-600">{storeNames.get(order.store_id)}</span>
        </p>
        <p className="text-slate-600">{format.dateTime(order.placed_at, { dateStyle: 'medium', timeStyle: 'short' })}</p>
        <p>{order.customer_name ?? t('orders.noCustomer')}</p>
        <ul className="text-slate-700">
          {order.lines.map((line, index) => (
            <li key={index}>
              {format.number(line.quantity)} × {line.title}
              {line.sku ? (
                <span className="ms-1 font-mono text-xs text-slate-500" dir="ltr">
                  {line.sku}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="font-medium tabular-nums">{money(order.total_price, order.currency)}</p>
      </div>
    );

    return (
      <div className="flex flex-col gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t('twins.title')}</h1>
          <p className="text-slate-600">{t('twins.help')}</p>
        </div>
        {pending.length === 0 ? (
          <EmptyState testId="twins-empty">{t('twins.empty')}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-4" data-testid="twin-pairs">
            {pending.map((pair) => (
              <li key={pair.id} className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-white p-4" data-testid="twin-pair">
                <p className="text-sm">
                  <span className="me-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t(`twins.confidence.${pair.confidence}`)}</span>
                  {pair.confidence === 'certain'
                    ? t('twins.why.certain', { id: pair.copy.origin_external_id ?? pair.original.external_id })
                    : t('twins.why.probable', { minutes: Math.round(Math.abs(pair.copy.placed_at.getTime() - pair.original.placed_at.getTime()) / 60_000) })}
                </p>
                <div className="flex flex-col gap-3 md:flex-row">
                  {orderCard(pair.original, 'original')}
                  {orderCard(pair.copy, 'copy')}
                </div>
                {mayDecide ? (
                  <div className="flex flex-wrap gap-2">
                    <form action={decideTwin}>
                      <input type="hidden" name="twinId" value={pair.id} />
                      <input type="hidden" name="resolution" value="same_purchase" />
                      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
                        {t('twins.samePurchase', { number: pair.copy.number })}
                      </button>
                    </form>
                    <form action={decideTwin}>
                      <input type="hidden" name="twinId" value={pair.id} />
                      <input type="hidden" name="resolution" value="different" />
                      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
                        {t('twins.different')}
                      </button>
                    </form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {resolved.length ? (
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 font-semibold">{t('twins.resolved')}</h2>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="resolved-twins">
              {resolved.map((pair) => (
                <li key={pair.id} className="flex flex-wrap items-center gap-2 py-2">
                  <Link href={`/orders/${pair.original.id}`} className="underline" dir="ltr">
                    {pair.original.number}
                  </Link>
                  <span aria-hidden="true">·</span>
                  <Link href={`/orders/${pair.copy.id}`} className="underline" dir="ltr">
                    {pair.copy.number}
                  </Link>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t(`twins.resolution.${pair.resolution}`)}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    );
  });
}
