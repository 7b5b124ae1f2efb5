import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { getI18n } from '@/lib/i18n/server';
import { currentStaff } from '@/app/console/staff';
import { LoginForm } from './LoginForm';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('login.title') };
}

export default async function LoginPage() {
  if (await currentStaff()) redirect('/console');
  const { t } = await getI18n();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-t-4 border-accent-700">
        <div className="mx-auto flex w-full max-w-5xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <Link href="/" className="flex items-center gap-3 text-2xl font-bold text-ink no-underline">
            <span aria-hidden="true" className="grid size-11 place-items-center rounded-lg bg-accent-700 text-xl leading-none text-white">
              议
            </span>
            {t('app.name')}
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto w-full max-w-md flex-1 px-4 pb-12 pt-10 sm:pt-16">
        <h1 className="text-3xl font-bold text-ink">{t('login.title')}</h1>
        <p className="mt-2 text-lg text-ink-muted">{t('login.intro')}</p>
        <LoginForm />
      </main>
    </div>
  );
}
