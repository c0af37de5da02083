'use client';

import { useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';

export function SignOutButton() {
  const t = useTranslations('auth');
  const locale = useLocale();
  const [isPending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={isPending}
      onClick={() =>
        startTransition(async () => {
          await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
          window.location.assign(`/${locale}/login`);
        })
      }
      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
    >
      {t('signOut')}
    </button>
  );
}
