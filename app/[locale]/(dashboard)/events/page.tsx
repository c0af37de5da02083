import { getFormatter, getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/current-member';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { Link } from '@/lib/i18n/navigation';
import { listFailedEvents } from '@/lib/events/list-failed-events';
import { ignoreEvent, retryEvent } from '@/lib/actions/event-actions';
import { ChannelIcon } from '@/components/channel-icon';
import { pageLocale } from '@/lib/i18n/page-locale';
import { EmptyState } from '@/components/empty-state';

export default async function FailedEventsPage({
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
    const storeParam = (await searchParams).store;
    const store = typeof storeParam === 'string' && storeParam ? storeParam : null;
    const visible = store ? (member.storeIds ? member.storeIds.filter((id) => id === store) : [store]) : member.storeIds;
    const events = await listFailedEvents(member.tenantId, visible);
    const t = await getTranslations();
    const format = await getFormatter();
    const mayAct = can(member, 'events.manage');

    return (
      <div className="flex flex-col gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t('events.title')}</h1>
          <p className="text-slate-600">{t('events.intro')}</p>
        </div>
        {events.length === 0 ? (
          <EmptyState testId="events-empty">{t('events.empty')}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="failed-events">
            {events.map((event) => (
              <li key={event.id} className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="failed-event">
                <ChannelIcon platform={event.platform} label={t(`platforms.${event.platform}`)} />
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    <span dir="ltr">{event.topic}</span> · {event.storeName}
                  </p>
                  <p className="break-words text-sm text-red-700">{event.reason ?? t('events.noReason')}</p>
                  <p className="text-xs text-slate-500">
                    {t('events.attempts', { count: event.attempts })} · {format.dateTime(event.receivedAt, { dateStyle: 'medium', timeStyle: 'short' })}
                    {event.orderId ? (
                      <>
                        {' · '}
                        <Link href={`/orders/${event.orderId}`} className="underline">
                          {t('events.openOrder')}
                        </Link>
                      </>
                    ) : null}
                  </p>
                </div>
                {mayAct ? (
                  <div className="flex gap-2">
                    <form action={retryEvent}>
                      <input type="hidden" name="eventId" value={event.id} />
                      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
                        {t('events.retry')}
                      </button>
                    </form>
                    <form action={ignoreEvent}>
                      <input type="hidden" name="eventId" value={event.id} />
                      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                        {t('events.ignore')}
                      </button>
                    </form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  });
}
