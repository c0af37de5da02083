import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import type { TOrderTwinJson } from '@/lib/orders/find-order-extras';

/** On the order page: the other copies this order may be, and what the merchant decided. */
export async function OrderTwins({ twins }: { twins: TOrderTwinJson[] }) {
  const t = await getTranslations('twins');
  const pending = twins.some((twin) => twin.resolution === 'pending');
  return (
    <section className={`rounded-lg border p-4 text-sm ${pending ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'}`} data-testid="order-twins">
      <h2 className="mb-2 font-semibold">{t('title')}</h2>
      <ul className="flex flex-col gap-1">
        {twins.map((twin) => (
          <li key={twin.orderId} className="flex flex-wrap items-center gap-2">
            <span>
              {t.rich('onOrderPage', {
                number: twin.number,
                link: (chunks) => (
                  <Link href={`/orders/${twin.orderId}`} className="underline" dir="ltr">
                    {chunks}
                  </Link>
                ),
              })}
            </span>
            <span className="rounded-full bg-white px-2 py-0.5 text-xs text-slate-700">{t(`confidence.${twin.confidence}`)}</span>
            <span className="rounded-full bg-white px-2 py-0.5 text-xs text-slate-700">{t(`resolution.${twin.resolution}`)}</span>
          </li>
        ))}
      </ul>
      {pending ? (
        <Link href="/twins" className="mt-2 inline-block font-medium underline">
          {t('review')}
        </Link>
      ) : null}
    </section>
  );
}
