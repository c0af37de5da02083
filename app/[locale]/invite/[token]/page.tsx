import { getTranslations } from 'next-intl/server';
import { unsafeFindInvitation } from '@/lib/tenancy/invitations';
import { AcceptInviteForm } from '@/components/accept-invite-form';
import { LanguageSwitcher } from '@/components/language-switcher';
import { pageLocale } from '@/lib/i18n/page-locale';

export default async function InvitePage({ params }: { params: Promise<{ locale: string; token: string }> }) {
  const locale = await pageLocale(params);
  const { token } = await params;
  const invitation = await unsafeFindInvitation(token);
  const t = await getTranslations();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-12">
      <div className="flex justify-end">
        <LanguageSwitcher />
      </div>
      <h1 className="text-2xl font-semibold">{t('invite.title')}</h1>
      {invitation?.state === 'open' ? (
        <>
          <p className="text-slate-600">{t('invite.intro', { tenant: invitation.tenantName, role: t(`roles.${invitation.role}`) })}</p>
          <AcceptInviteForm token={token} />
        </>
      ) : (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-700">
          {t('invite.invalid')}
        </p>
      )}
    </main>
  );
}
