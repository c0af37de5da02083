import { getFormatter, getTranslations } from 'next-intl/server';
import type { TSupplierOrderJson } from '@/lib/orders/find-order-extras';

const statusColors: Record<TSupplierOrderJson['status'], string> = {
  awaiting_payment: 'bg-amber-100 text-amber-800',
  awaiting_shipment: 'bg-sky-100 text-sky-800',
  shipped: 'bg-indigo-100 text-indigo-800',
  delivered: 'bg-emerald-100 text-emerald-800',
  cancelled: 'bg-slate-200 text-slate-700',
  unknown: 'bg-slate-100 text-slate-700',
};

/** The AliExpress orders behind one hub order, with their tracking and where it was sent. */
export async function SupplierOrders({ supplierOrders }: { supplierOrders: TSupplierOrderJson[] }) {
  const t = await getTranslations('supplier');
  const format = await getFormatter();
  return (
    <ul className="mb-3 flex flex-col divide-y divide-slate-100 text-sm" data-testid="supplier-orders">
      {supplierOrders.map((supplierOrder) => (
        <li key={supplierOrder.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2" data-testid="supplier-order">
          <span>
            <span className="text-slate-600">{t('externalId')}</span>{' '}
            <span className="font-mono text-xs" dir="ltr">
              {supplierOrder.externalOrderId}
            </span>
          </span>
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusColors[supplierOrder.status]}`}>{t(`statuses.${supplierOrder.status}`)}</span>
          <span>
            <span className="text-slate-600">{t('tracking')}</span>{' '}
            {supplierOrder.trackingNumbers.length ? (
              <span className="font-mono text-xs" dir="ltr" data-testid="tracking-number">
                {supplierOrder.trackingNumbers.join(', ')}
                {supplierOrder.carrier ? ` · ${supplierOrder.carrier}` : ''}
              </span>
            ) : (
              t('noTracking')
            )}
          </span>
          {supplierOrder.trackingSentAt ? (
            <span className="text-xs text-emerald-800">{t('trackingSent', { when: format.dateTime(new Date(supplierOrder.trackingSentAt), { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
          ) : null}
          {supplierOrder.accountStatus === 'switched_out' ? (
            <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs text-slate-700" title={t('oldAccountHelp')} data-testid="old-account-badge">
              {t('oldAccount')}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
