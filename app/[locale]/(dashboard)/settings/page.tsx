import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { db } from '@/lib/db/client';
import { can } from '@/lib/auth/current-member';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { locales } from '@/lib/i18n/routing';
import { localeNames } from '@/lib/i18n/locale-names';
import { listMembers, listOpenInvitations } from '@/lib/tenancy/invitations';
import { saveMerchantLanguage } from '@/lib/actions/language-actions';
import { revokeInvite } from '@/lib/actions/member-actions';
import { InviteForm } from '@/components/invite-form';
import { pageLocale } from '@/lib/i18n/page-locale';

export default async function SettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  const member = await requireMember(locale);
  // Every query of this page is for the member's tenant (row-level security).
  return withTenant(member.tenantId, async () => {
    const mayManageMembers = can(member, 'members.manage');
    if (!mayManageMembers && !can(member, 'language.manage')) notFound();
    const t = await getTranslations();
    const format = await getFormatter();
    const [stores, members, invitations] = await Promise.all([
      db().store.findMany({ where: { tenantId: member.tenantId }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true } }),
      mayManageMembers ? listMembers(member.tenantId) : Promise.resolve([]),
      mayManageMembers ? listOpenInvitations(member.tenantId) : Promise.resolve([]),
    ]);
    const storeName = new Map(stores.map((store) => [store.id, store.name]));

    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">{t('settings.title')}</h1>

        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t('settings.merchantLanguage')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('settings.merchantLanguageHelp')}</p>
          <form action={saveMerchantLanguage} className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-sm">
              {t('language.label')}
              <select name="locale" defaultValue={member.tenantLocale ?? 'en'} className="rounded-md border border-slate-300 py-1.5 ps-2 pe-7">
                {locales.map((option) => (
                  <option key={option} value={option} lang={option}>
                    {localeNames[option]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
              {t('common.save')}
            </button>
          </form>
        </section>

        {mayManageMembers ? (
          <>
            <section className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="mb-3 font-semibold">{t('settings.members')}</h2>
              <ul className="divide-y divide-slate-100 text-sm" data-testid="members">
                {members.map((entry) => (
                  <li key={entry.id} className="flex flex-wrap justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{entry.name}</span> <span className="text-slate-500">{entry.email}</span>
                    </span>
                    <span className="text-slate-600">
                      {t(`roles.${entry.role}`)}
                      {entry.role === 'staff' ? ` · ${entry.storeIds.map((id) => storeName.get(id)).join(', ')}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </section>

            <section className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">{t('settings.invite')}</h2>
              <p className="mb-3 text-sm text-slate-600">{t('settings.inviteHelp')}</p>
              <InviteForm stores={stores} />
              {invitations.length ? (
                <>
                  <h3 className="mt-4 text-sm font-semibold">{t('settings.openInvitations')}</h3>
                  <ul className="divide-y divide-slate-100 text-sm">
                    {invitations.map((invitation) => (
                      <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                        <span>
                          {t(`roles.${invitation.role}`)}
                          {invitation.storeIds.length ? ` · ${invitation.storeIds.map((id) => storeName.get(id)).join(', ')}` : ''}
                          <span className="ms-2 text-xs text-slate-500">{t('settings.expires', { date: format.dateTime(invitation.expiresAt, { dateStyle: 'medium' }) })}</span>
                        </span>
                        <form action={revokeInvite}>
                          <input type="hidden" name="invitationId" value={invitation.id} />
                          <button type="submit" className="text-sm text-red-700 underline">
                            {t('settings.revoke')}
                          </button>
                        </form>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          </>
        ) : null}
      </div>
    );
  });
}
