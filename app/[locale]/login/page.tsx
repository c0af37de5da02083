import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentMember } from '@/lib/auth/current-member';
import { LanguageSwitcher } from '@/components/language-switcher';
import { LoginForm } from '@/components/login-form';
import { pageLocale } from '@/lib/i18n/page-locale';

export default async function LoginPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  if (await currentMember()) redirect(`/${locale}/home`);
  const t = await getTranslations();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-12">
      <div className="flex justify-end">
        <LanguageSwitcher />
      </div>
      <div>
        <h1 className="text-2xl font-semibold">{t('app.name')}</h1>
        <p className="mt-1 text-slate-600">{t('auth.signInIntro')}</p>
      </div>
      <LoginForm />
    </main>
  );
}
