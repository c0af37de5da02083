'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { sendToSupplier } from '@/lib/actions/supplier-actions';
import type { TActionResult } from '@/lib/actions/action-result';
import type { TSendResult } from '@/lib/suppliers/send-to-supplier';
import { Link } from '@/lib/i18n/navigation';

const errorKeys: Record<string, 'noAccount' | 'noneSelected' | 'tooMany' | 'notAllowed'> = {
  conflict: 'noAccount',
  bad_request: 'noneSelected',
  payload_too_large: 'tooMany',
  forbidden: 'notAllowed',
};

/**
 * "Send to AliExpress". In bulk, the Order Center's row checkboxes belong to this form through
 * their `form` attribute; for one order, the order id travels in the form itself.
 */
export function SendToSupplierForm({ formId, orderId }: { formId: string; orderId?: string }) {
  const t = useTranslations('supplier');
  const [state, action, isPending] = useActionState<TActionResult<TSendResult> | null, FormData>(sendToSupplier, null);
  const formRef = useRef<HTMLFormElement>(null);
  const [selected, setSelected] = useState(orderId ? 1 : 0);

  useEffect(() => {
    if (orderId) return;
    const count = () => {
      const boxes = [...(formRef.current?.elements ?? [])].filter((element): element is HTMLInputElement => element instanceof HTMLInputElement && element.name === 'orderIds');
      setSelected(boxes.filter((box) => box.checked).length);
    };
    count();
    document.addEventListener('change', count);
    return () => document.removeEventListener('change', count);
  }, [orderId]);

  return (
    <form id={formId} ref={formRef} action={action} className="flex flex-col gap-2" data-testid="send-to-supplier">
      {orderId ? <input type="hidden" name="orderIds" value={orderId} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={isPending || selected === 0}
          className="rounded-md bg-orange-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-orange-700 disabled:opacity-50"
        >
          {orderId ? t('send') : t('sendSelected', { count: selected })}
        </button>
        {isPending ? <span className="text-sm text-slate-600">{t('sending')}</span> : null}
      </div>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {t(`errors.${errorKeys[state.code] ?? 'generic'}`)}
          {state.code === 'conflict' ? (
            <Link href="/supplier" className="ms-2 underline">
              {t('goToSupplier')}
            </Link>
          ) : null}
        </p>
      ) : null}
      {state?.ok ? (
        <div role="status" className="flex flex-col gap-1 text-sm" data-testid="send-result">
          {state.value.queued.length ? <p className="text-emerald-800">{t('queued', { count: state.value.queued.length })}</p> : null}
          {state.value.refused.length ? (
            <>
              <p className="font-medium text-red-800">{t('refusedTitle', { count: state.value.refused.length })}</p>
              <ul className="list-disc ps-5 text-red-800">
                {state.value.refused.map((refusal) => (
                  <li key={refusal.orderId} data-testid="send-refusal">
                    {t(`refusals.${refusal.reason}`, { number: refusal.number, detail: refusal.detail ?? '' })}
                    {refusal.reason === 'twin_pending' ? (
                      <Link href="/twins" className="ms-2 underline">
                        {t('reviewTwins')}
                      </Link>
                    ) : null}
                    {refusal.reason === 'mapping_missing' ? (
                      <Link href="/supplier" className="ms-2 underline">
                        {t('addMapping')}
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

/** The header checkbox: selects or clears every row of the page. */
export function SelectAllOrders({ formId, label }: { formId: string; label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      data-testid="select-all-orders"
      onChange={(event) => {
        const form = document.getElementById(formId) as HTMLFormElement | null;
        for (const element of form?.elements ?? []) {
          if (element instanceof HTMLInputElement && element.name === 'orderIds' && element.type === 'checkbox') {
            element.checked = event.target.checked;
          }
        }
        document.dispatchEvent(new Event('change'));
      }}
    />
  );
}
