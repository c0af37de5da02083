import type { ReactNode } from 'react';

import { db } from '@/lib/db/client';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { TopBar } from '@/components/top-bar';
import { pageLocale } from '@/lib/i18n/page-locale';

export default async function DashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  const member = await requireMember(locale);
  // Every query of this page is for the member's tenant (row-level security).
  return withTenant(member.tenantId, async () => {
    const stores = await db().store.findMany({
      where: { tenantId: member.tenantId, ...(member.storeIds ? { id: { in: member.storeIds } } : {}) },
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true },
    });
    return (
      <div className="min-h-screen">
        <TopBar member={member} stores={stores} />
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </div>
    );
  });
}
