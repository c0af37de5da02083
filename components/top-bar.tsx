import { getTranslations } from 'next-intl/server';
import { can, type TMember } from '@/lib/auth/current-member';
import { DashboardNav, type TNavItem } from '@/components/dashboard-nav';
import { LanguageSwitcher } from '@/components/language-switcher';
import { SignOutButton } from '@/components/sign-out-button';
import { StoreSwitcher, type TSwitcherStore } from '@/components/store-switcher';
import { countPendingTwins } from '@/lib/duplicates/list-twins';
import { withTenant } from '@/lib/db/tenant-scope';

export async function TopBar({ member, stores }: { member: TMember; stores: TSwitcherStore[] }) {
  const t = await getTranslations();
  const pendingTwins = await withTenant(member.tenantId, () => countPendingTwins(member.tenantId, member.storeIds));
  const items: TNavItem[] = [
    { href: '/home', label: 'home' },
    { href: '/orders', label: 'orders' },
    { href: '/twins', label: 'twins', badge: pendingTwins },
    { href: '/events', label: 'events' },
    { href: '/stores', label: 'stores' },
    ...(can(member, 'supplier.manage') || can(member, 'supplier.map') ? [{ href: '/supplier' as const, label: 'supplier' as const }] : []),
    ...(can(member, 'members.manage') || can(member, 'language.manage') ? [{ href: '/settings' as const, label: 'settings' as const }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3">
        <span className="text-lg font-semibold">{t('app.name')}</span>
        <span className="hidden text-sm text-slate-500 sm:inline">{member.tenantName}</span>
        <StoreSwitcher stores={stores} />
        <div className="ms-auto flex items-center gap-3">
          <LanguageSwitcher />
          <span className="hidden text-sm text-slate-600 md:inline" title={member.email}>
            {member.name} · {t(`roles.${member.role}`)}
          </span>
          <SignOutButton />
        </div>
      </div>
      <div className="mx-auto max-w-7xl px-4 pb-2">
        <DashboardNav items={items} />
      </div>
    </header>
  );
}
