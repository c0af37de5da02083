'use client';

import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { acceptInvite } from '@/lib/actions/member-actions';
import type { TActionResult } from '@/lib/actions/action-result';
import { Link } from '@/lib/i18n/navigation';

export function AcceptInviteForm({ token }: { token: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const [state, action, isPending] = useActionState<TActionResult | null, FormData>(acceptInvite.bind(null, token), null);
  if (state?.ok) {
    return (
      <p className="rounded-md bg-emerald-50 p-3 text-emerald-800">
        {t('invite.accepted')}{' '}
        <Link href="/login" locale={locale} className="font-medium underline">
          {t('auth.signIn')}
        </Link>
      </p>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t('invite.name')}
        <input name="name" required autoComplete="name" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t('auth.email')}
        <input name="email" type="email" required autoComplete="username" className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="invite-password" className="font-medium">
          {t('auth.password')}
        </label>
        <input
          id="invite-password"
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          aria-describedby="invite-password-help"
          className="rounded-md border border-slate-300 px-3 py-2"
        />
        <span id="invite-password-help" className="text-slate-500">
          {t('invite.passwordHelp')}
        </span>
      </div>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {t(`errors.${state.code === 'conflict' ? 'emailTaken' : state.code === 'not_found' ? 'invitationInvalid' : 'checkFields'}`)}
        </p>
      ) : null}
      <button type="submit" disabled={isPending} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white disabled:opacity-60">
        {t('invite.accept')}
      </button>
    </form>
  );
}
