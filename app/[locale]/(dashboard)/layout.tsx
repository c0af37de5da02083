import type { ReactNode } from 'react';
import { setRequestLocale } from 'next-intl/server';
import { db } from '@/lib/db/client';
import { requireMember } from '@/lib/auth/require-member';
import { TopBar } from '@/components/top-bar';

export default async function DashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const member = await requireMember(locale);
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
}
