import { redirect } from 'next/navigation';
import { currentMember } from '@/lib/auth/current-member';

export default async function LocaleIndex({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  redirect((await currentMember()) ? `/${locale}/home` : `/${locale}/login`);
}
