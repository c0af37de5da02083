import { getFormatter, getTranslations } from 'next-intl/server';
import type { TTimelineEntry } from '@/lib/orders/get-order-detail';
import { ZOrderStatus } from '@/lib/orders/canonical-order';
import { ZWebhookEventStatus } from '@/lib/events/webhook-event-status';
import { orderStages } from '@/lib/orders/order-filters';

function field(value: unknown, name: string): string {
  if (!value || typeof value !== 'object' || !(name in value)) return '';
  const found = (value as Record<string, unknown>)[name];
  return Array.isArray(found) ? found.join(', ') : String(found);
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
      case 'order.stage_changed': {
        const stage = field(entry.after, 'stage');
        return t('timeline.stageChanged', { stage: (orderStages as readonly string[]).includes(stage) ? t(`tabs.${stage as (typeof orderStages)[number]}`) : stage });
      }
      case 'supplier_order.placed':
        return t('timeline.supplierPlaced', { ids: field(entry.after, 'supplierOrderIds') });
      case 'supplier_order.refused':
        return t('timeline.supplierRefused', { reason: `${field(entry.after, 'code')} ${field(entry.after, 'message')}`.trim() });
      case 'order.tracking_sent':
        return t('timeline.trackingSent', { numbers: field(entry.after, 'trackingNumbers') });
      case 'twin.same_purchase':
        return t('timeline.twinSamePurchase');
      case 'twin.different':
        return t('timeline.twinDifferent');
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
