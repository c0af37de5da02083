'use client';

import { useActionState, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { inviteMember } from '@/lib/actions/member-actions';
import type { TActionResult } from '@/lib/actions/action-result';

export function InviteForm({ stores }: { stores: Array<{ id: string; name: string }> }) {
  const t = useTranslations();
  const locale = useLocale();
  const [role, setRole] = useState<'staff' | 'support'>('staff');
  const [state, action, isPending] = useActionState<TActionResult<{ token: string }> | null, FormData>(inviteMember, null);
  const link = state?.ok ? `${window.location.origin}/${locale}/invite/${state.value.token}` : null;

  return (
    <form action={action} className="flex flex-col gap-3">
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">{t('settings.role')}</legend>
        {(['staff', 'support'] as const).map((option) => (
          <label key={option} className="flex items-center gap-2">
            <input type="radio" name="role" value={option} checked={role === option} onChange={() => setRole(option)} />
            {t(`roles.${option}`)}
          </label>
        ))}
      </fieldset>
      {role === 'staff' ? (
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 font-medium">{t('settings.staffStores')}</legend>
          {stores.map((store) => (
            <label key={store.id} className="flex items-center gap-2">
              <input type="checkbox" name="storeIds" value={store.id} />
              {store.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div>
        <button type="submit" disabled={isPending} className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {t('settings.createInvitation')}
        </button>
      </div>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {t(`errors.${state.code === 'unprocessable' ? 'chooseStore' : 'generic'}`)}
        </p>
      ) : null}
      {link ? (
        <div className="rounded-md bg-emerald-50 p-3 text-sm">
          <p className="mb-1 font-medium">{t('settings.invitationLink')}</p>
          <input readOnly value={link} data-testid="invitation-link" dir="ltr" className="w-full rounded border border-emerald-200 bg-white px-2 py-1 font-mono text-xs" onFocus={(event) => event.target.select()} />
        </div>
      ) : null}
    </form>
  );
}
