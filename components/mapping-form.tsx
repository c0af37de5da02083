'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { saveMapping } from '@/lib/actions/supplier-actions';
import type { TActionResult } from '@/lib/actions/action-result';

export type TMappingValues = { sku: string; productId: string; skuAttr: string | null; logisticsService: string | null };

/** Adds a SKU's AliExpress product, or changes it (the SKU then stays as it is). */
export function MappingForm({ initial, testId }: { initial?: Partial<TMappingValues>; testId?: string }) {
  const t = useTranslations('supplierPage');
  // React clears a form after its action; what was typed comes back when the save failed.
  const [typed, setTyped] = useState<Record<string, string> | null>(null);
  const [state, action, isPending] = useActionState<TActionResult<{ sku: string }> | null, FormData>(async (previous, formData) => {
    const result = await saveMapping(previous, formData);
    setTyped(result.ok ? null : (Object.fromEntries([...formData.entries()].map(([key, value]) => [key, String(value)])) as Record<string, string>));
    return result;
  }, null);
  const editing = Boolean(initial?.productId);
  const value = (name: keyof TMappingValues) => typed?.[name] ?? initial?.[name] ?? '';
  const field = 'flex flex-col gap-1 text-xs font-medium text-slate-600';
  const input = 'rounded-md border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900';
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" data-testid={testId}>
      <label className={field}>
        {t('sku')}
        <input name="sku" required maxLength={255} defaultValue={value('sku')} readOnly={editing} dir="ltr" className={`${input} read-only:bg-slate-50`} />
      </label>
      <label className={field}>
        {t('productId')}
        <input name="productId" required inputMode="numeric" defaultValue={value('productId')} dir="ltr" className={input} />
      </label>
      <label className={field}>
        {t('skuAttr')} <span className="font-normal">{t('optional')}</span>
        <input name="skuAttr" maxLength={500} defaultValue={value('skuAttr')} placeholder="14:193#Black" dir="ltr" className={input} />
      </label>
      <label className={field}>
        {t('logistics')} <span className="font-normal">{t('optional')}</span>
        <input name="logisticsService" maxLength={100} defaultValue={value('logisticsService')} placeholder="CAINIAO_STANDARD" dir="ltr" className={input} />
      </label>
      <button type="submit" disabled={isPending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
        {editing ? t('save') : t('add')}
      </button>
      {state?.ok ? (
        <p role="status" className="basis-full text-sm text-emerald-800">
          {t('saved', { sku: state.value.sku })}
        </p>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="basis-full text-sm text-red-700">
          {state.code === 'unprocessable' ? t('invalid') : t('failed')}
        </p>
      ) : null}
    </form>
  );
}
