import { getFormatter, getTranslations } from 'next-intl/server';
import type { TTimelineEntry } from '@/lib/orders/get-order-detail';
import { ZOrderStatus } from '@/lib/orders/canonical-order';
import { ZWebhookEventStatus } from '@/lib/events/webhook-event-status';

function field(value: unknown, name: string): string {
  return value && typeof value === 'object' && name in value ? String((value as Record<string, unknown>)[name]) : '';
}

export async function OrderTimeline({ entries }: { entries: TTimelineEntry[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const describe = (entry: TTimelineEntry): string => {
    if (entry.kind === 'webhook') {
      const status = ZWebhookEventStatus.safeParse(entry.status);
      return t('timeline.webhook', { topic: entry.topic, status: status.success ? t(`eventStatuses.${status.data}`) : entry.status });
    }
    const statusLabel = (value: string) => {
      const status = ZOrderStatus.safeParse(value);
      return status.success ? t(`statuses.${status.data}`) : value;
    };
    switch (entry.action) {
      case 'order.created':
        return t('timeline.created', { number: field(entry.after, 'number') });
      case 'order.renumbered':
        return t('timeline.renumbered', { from: field(entry.before, 'number'), to: field(entry.after, 'number') });
      case 'order.status_changed':
        return t('timeline.statusChanged', { from: statusLabel(field(entry.before, 'status')), to: statusLabel(field(entry.after, 'status')) });
      case 'order.deleted':
        return t('timeline.deleted');
      case 'order.payloads_viewed':
        return t('timeline.payloadsViewed');
      default:
        return entry.action;
    }
  };
  return (
    <ol className="flex flex-col gap-3 border-s-2 border-slate-200 ps-4" data-testid="order-timeline">
      {entries.map((entry, index) => (
        <li key={index} className="relative text-sm">
          <span aria-hidden="true" className="absolute -start-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-slate-400" />
          <p>{describe(entry)}</p>
          {entry.kind === 'webhook' && entry.lastError ? <p className="text-xs text-red-700">{entry.lastError}</p> : null}
          <time className="text-xs text-slate-500" dateTime={entry.at.toISOString()}>
            {format.dateTime(entry.at, { dateStyle: 'medium', timeStyle: 'medium' })}
          </time>
        </li>
      ))}
    </ol>
  );
}
