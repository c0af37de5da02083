import { getFormatter, getTranslations } from 'next-intl/server';
import type { TDailyOrders } from '@/lib/dashboard/get-home-summary';
import type { TPlatform } from '@/lib/orders/canonical-order';

const platforms: TPlatform[] = ['shopify', 'woocommerce', 'tiktok'];
const fills: Record<TPlatform, string> = { shopify: '#059669', woocommerce: '#7c3aed', tiktok: '#0f172a' };

/** Orders per day, stacked by channel, as server-rendered SVG; the same figures follow as a table for screen readers. */
export async function OrdersChart({ days }: { days: TDailyOrders[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const totals = days.map((day) => platforms.reduce((sum, platform) => sum + day.counts[platform], 0));
  const max = Math.max(1, ...totals);
  const width = 600;
  const height = 160;
  const barWidth = width / days.length;
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="h-40 w-full" role="img" aria-labelledby="orders-chart-title" data-testid="orders-chart">
        <title id="orders-chart-title">{t('home.chartTitle')}</title>
        {/* Days run with the reading direction: the newest day sits at the end of the line. */}
        <g className="rtl:[transform:scaleX(-1)] rtl:[transform-origin:center]">
          {days.map((day, index) => {
            let y = height;
            return platforms.map((platform) => {
              const barHeight = (day.counts[platform] / max) * (height - 10);
              y -= barHeight;
              return barHeight > 0 ? (
                <rect key={`${day.day}-${platform}`} x={index * barWidth + 2} y={y} width={barWidth - 4} height={barHeight} fill={fills[platform]}>
                  <title>{`${format.dateTime(new Date(`${day.day}T12:00:00Z`), { dateStyle: 'medium' })} · ${t(`platforms.${platform}`)}: ${day.counts[platform]}`}</title>
                </rect>
              ) : null;
            });
          })}
        </g>
      </svg>
      <div aria-hidden="true" className="flex justify-between text-xs text-slate-500">
        <span>{format.dateTime(new Date(`${days[0]!.day}T12:00:00Z`), { month: 'short', day: 'numeric' })}</span>
        <span>{format.dateTime(new Date(`${days[days.length - 1]!.day}T12:00:00Z`), { month: 'short', day: 'numeric' })}</span>
      </div>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600">
        {platforms.map((platform) => (
          <span key={platform} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: fills[platform] }} />
            {t(`platforms.${platform}`)}
          </span>
        ))}
      </figcaption>
      {/* Tables ignore overflow:hidden, so the visually hidden box is a div around it. */}
      <div className="sr-only">
      <table>
        <caption>{t('home.chartTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('home.day')}</th>
            {platforms.map((platform) => (
              <th key={platform} scope="col">
                {t(`platforms.${platform}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{format.dateTime(new Date(`${day.day}T12:00:00Z`), { dateStyle: 'medium' })}</th>
              {platforms.map((platform) => (
                <td key={platform}>{day.counts[platform]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
