import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/current-member';
import { actorOf, requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { AppError } from '@/lib/errors/app-error';
import { Link } from '@/lib/i18n/navigation';
import { getOrderDetail, type TOrderDetail } from '@/lib/orders/get-order-detail';
import { recordPayloadView } from '@/lib/orders/record-payload-view';
import { ChannelIcon } from '@/components/channel-icon';
import { OrderNumber } from '@/components/order-number';
import { StatusBadge } from '@/components/status-badge';
import { OrderTimeline } from '@/components/order-timeline';
import { pageLocale } from '@/lib/i18n/page-locale';
import { findOrderExtras } from '@/lib/orders/find-order-extras';
import { hasPendingSupplierAttempt } from '@/lib/suppliers/place-supplier-order';
import { AttentionReason } from '@/components/attention-reason';
import { SendToSupplierForm } from '@/components/send-to-supplier-form';
import { SupplierOrders } from '@/components/supplier-orders';
import { OrderTwins } from '@/components/order-twins';

function prettyJson(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = await pageLocale(params);
  const { id } = await params;
  const member = await requireMember(locale);
  // Every query of this page is for the member's tenant (row-level security).
  return withTenant(member.tenantId, async () => {
    const showPayloads = (await searchParams).payloads === '1' && can(member, 'payloads.read');
    let detail: TOrderDetail;
    try {
      detail = await getOrderDetail(member.tenantId, id, member.storeIds);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') notFound();
      throw error;
    }
    if (showPayloads) await recordPayloadView(member.tenantId, actorOf(member), member.role, id);
    const t = await getTranslations();
    const format = await getFormatter();
    const { order, lines } = detail;
    const [extras, isBeingSent] = await Promise.all([findOrderExtras(member.tenantId, [id]), hasPendingSupplierAttempt(member.tenantId, id)]);
    const { twins, supplierOrders } = extras.get(id)!;
    const canSend = can(member, 'supplier.place') && supplierOrders.length === 0 && !isBeingSent && (order.stage === 'to_order' || order.stage === 'awaiting_supplier');
    const money = (value: string | null) => (value === null ? '—' : format.number(Number(value), { style: 'currency', currency: order.currency }));
    const address = order.shipping_address;

    return (
      <div className="flex flex-col gap-6">
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/orders" className="text-sm text-slate-600 hover:underline">
            <span aria-hidden="true" className="inline-block rtl:-scale-x-100">←</span> {t('order.back')}
          </Link>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold" data-testid="order-number">
            <OrderNumber number={order.number} sourceNumber={order.source_number} suffixLabel={t('orders.suffixed')} />
          </h1>
          <StatusBadge status={order.status} label={t(`statuses.${order.status}`)} />
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t(`tabs.${order.stage}`)}</span>
          {order.attention_reason ? <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-700">{t('orders.needsAttention')}</span> : null}
        </div>
        {order.attention_reason && order.stage !== 'archived' ? (
          <p role="note" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            <AttentionReason reason={order.attention_reason} />
          </p>
        ) : null}
        {twins.length ? <OrderTwins twins={twins} /> : null}

        <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="supplier-section">
          <h2 className="mb-3 font-semibold">{t('supplier.title')}</h2>
          {supplierOrders.length ? (
            <SupplierOrders supplierOrders={supplierOrders} />
          ) : (
            <p className="mb-3 text-sm text-slate-600">{isBeingSent ? t('supplier.beingSent') : order.stage === 'archived' ? t('supplier.archivedCopy') : t('supplier.none')}</p>
          )}
          {canSend ? <SendToSupplierForm formId="send-order" orderId={order.id} /> : null}
        </section>

        <div className="grid gap-4 md:grid-cols-3">
          <section className="rounded-lg border border-slate-200 bg-white p-4 md:col-span-2">
            <h2 className="mb-3 font-semibold">{t('order.lines')}</h2>
            <table className="w-full text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-1 text-start">{t('order.product')}</th>
                  <th scope="col" className="py-1 text-start">{t('order.sku')}</th>
                  <th scope="col" className="py-1 text-end">{t('order.quantity')}</th>
                  <th scope="col" className="py-1 text-end">{t('order.unitPrice')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {lines.map((line, index) => (
                  <tr key={index}>
                    <td className="py-2">{line.title}</td>
                    <td className="py-2 font-mono text-xs" dir="ltr">{line.sku ?? '—'}</td>
                    <td className="py-2 text-end tabular-nums">{format.number(line.quantity)}</td>
                    <td className="py-2 text-end tabular-nums">{money(line.unit_price)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="mt-4 grid grid-cols-2 gap-1 text-sm sm:ms-auto sm:w-64">
              <dt className="text-slate-600">{t('order.subtotal')}</dt>
              <dd className="text-end tabular-nums">{money(order.subtotal_price)}</dd>
              <dt className="font-semibold">{t('order.total')}</dt>
              <dd className="text-end font-semibold tabular-nums" data-testid="order-total">{money(order.total_price)}</dd>
            </dl>
          </section>

          <section className="flex flex-col gap-4">
            <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 className="mb-2 font-semibold">{t('order.customer')}</h2>
              <p>{order.customer_name ?? t('orders.noCustomer')}</p>
              {order.customer_email ? <p className="text-slate-600">{order.customer_email}</p> : null}
              {order.customer_phone ? <p className="text-slate-600" dir="ltr">{order.customer_phone}</p> : null}
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 className="mb-2 font-semibold">{t('order.shippingAddress')}</h2>
              {address ? (
                <address className="not-italic leading-6">
                  {[address.name, address.company, address.address1, address.address2, [address.postalCode, address.city].filter(Boolean).join(' '), address.province, address.countryCode]
                    .filter(Boolean)
                    .map((part, index) => (
                      <span key={index} className="block">
                        {part}
                      </span>
                    ))}
                </address>
              ) : (
                <p className="text-slate-600">{t('order.noAddress')}</p>
              )}
            </div>
          </section>
        </div>

        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">{t('order.source')}</h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('order.channel')}</dt>
              <dd className="flex items-center gap-2">
                <ChannelIcon platform={order.platform} label={t(`platforms.${order.platform}`)} /> {t(`platforms.${order.platform}`)} · {order.store_name}
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('order.sourceNumber')}</dt>
              <dd dir="ltr">{order.source_number}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('order.externalId')}</dt>
              <dd className="font-mono text-xs" dir="ltr" data-testid="external-id">{order.external_id}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('order.placedAt')}</dt>
              <dd>{format.dateTime(order.placed_at, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('order.formerNumbers')}</dt>
              <dd data-testid="former-numbers" dir="ltr">{order.former_numbers.length ? order.former_numbers.join(', ') : '—'}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-slate-600">{t('order.origin')}</dt>
              <dd data-testid="order-origin">
                {order.origin_platform && order.origin_external_id ? (
                  <>
                    {t('order.cameFrom', { channel: t(`platforms.${order.origin_platform}`), id: order.origin_external_id })}
                    {detail.originOrder ? (
                      <Link href={`/orders/${detail.originOrder.id}`} className="ms-2 underline">
                        {detail.originOrder.number}
                      </Link>
                    ) : null}
                  </>
                ) : (
                  t('order.direct')
                )}
              </dd>
            </div>
          </dl>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">{t('order.timeline')}</h2>
          <OrderTimeline entries={detail.timeline} />
        </section>

        {can(member, 'payloads.read') ? (
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 font-semibold">{t('order.rawPayloads')}</h2>
            {showPayloads ? (
              <div className="flex flex-col gap-2">
                {detail.events.map((event) => (
                  <details key={event.id} className="rounded border border-slate-200">
                    <summary className="cursor-pointer px-3 py-2 text-sm">
                      <span dir="ltr">{event.topic}</span> · {format.dateTime(event.receivedAt, { dateStyle: 'medium', timeStyle: 'medium' })} · {t(`eventStatuses.${event.status}`)}
                    </summary>
                    <pre dir="ltr" className="max-h-96 overflow-auto bg-slate-950 p-3 text-xs text-slate-100">{prettyJson(event.rawBody)}</pre>
                  </details>
                ))}
              </div>
            ) : (
              <Link href={{ pathname: `/orders/${id}`, query: { payloads: '1' } }} className="text-sm underline">
                {t('order.showPayloads')}
              </Link>
            )}
          </section>
        ) : null}
      </div>
    );
  });
}
