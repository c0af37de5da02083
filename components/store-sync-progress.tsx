'use client';

import { useEffect, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { TStoreSyncStatus } from '@/lib/stores/list-store-overview';

/**
 * Each store's backfill (a progress bar while it runs) and last reconciliation. Polls the sync
 * status every 2 seconds while any backfill is running, so progress shows live.
 */
export function StoreSyncProgress({ storeId, initial }: { storeId: string; initial: TStoreSyncStatus[] }) {
  const t = useTranslations('stores');
  const format = useFormatter();
  const [all, setAll] = useState(initial);
  const isRunning = all.some((sync) => sync.backfillStatus === 'running' || sync.backfillStatus === 'queued');

  useEffect(() => {
    if (!isRunning) return;
    const timer = setInterval(async () => {
      const response = await fetch('/api/stores/sync-status', { cache: 'no-store' });
      if (response.ok) setAll(((await response.json()) as { data: TStoreSyncStatus[] }).data);
    }, 2000);
    return () => clearInterval(timer);
  }, [isRunning]);

  const sync = all.find((entry) => entry.storeId === storeId);
  if (!sync) return null;
  const percent = sync.backfillTotal ? Math.min(100, Math.round((sync.backfillDone / sync.backfillTotal) * 100)) : null;
  return (
    <div className="flex min-w-40 flex-col gap-1 text-xs text-slate-600" data-testid={`sync-${storeId}`}>
      {sync.backfillStatus === 'queued' ? <span data-testid="backfill-queued">{t('backfillQueued')}</span> : null}
      {sync.backfillStatus === 'running' ? (
        <>
          <progress
            className="h-2 w-full accent-emerald-600"
            value={sync.backfillDone}
            max={sync.backfillTotal ?? undefined}
            aria-label={t('backfillRunning')}
            data-testid="backfill-progress"
          />
          <span>
            {sync.backfillTotal !== null
              ? t('backfillProgress', { done: sync.backfillDone, total: sync.backfillTotal, percent: percent ?? 0 })
              : t('backfillProgressUnknown', { done: sync.backfillDone })}
          </span>
        </>
      ) : sync.backfillStatus === 'done' ? (
        <span data-testid="backfill-done">{t('backfillDone', { count: sync.backfillDone })}</span>
      ) : sync.backfillStatus === 'failed' ? (
        <span className="text-red-700">{t('backfillFailed')}</span>
      ) : null}
      {sync.reconcileLastAt ? (
        <span data-testid="reconcile-info">
          {t('lastReconcile', { when: format.relativeTime(new Date(sync.reconcileLastAt)), count: sync.reconcileLastRecovered })}
        </span>
      ) : null}
      {sync.reconcileLastError ? <span className="text-red-700">{sync.reconcileLastError}</span> : null}
    </div>
  );
}
