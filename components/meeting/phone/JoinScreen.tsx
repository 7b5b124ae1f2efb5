import type { ReactNode } from 'react';
import { getI18n } from '@/lib/i18n/server';
import { JoinForm } from './JoinForm';

/** The narrow, phone-first frame around the join pages (server component). */
export async function JoinFrame({ children }: { children: ReactNode }) {
  const { t } = await getI18n();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-t-4 border-accent-700">
        <div className="mx-auto flex w-full max-w-lg items-center gap-3 px-4 py-4">
          <span aria-hidden="true" className="grid size-11 place-items-center rounded-lg bg-accent-700 text-xl leading-none text-white">
            议
          </span>
          <span className="text-2xl font-bold text-ink">{t('app.name')}</span>
        </div>
      </header>
      <main className="mx-auto w-full max-w-lg flex-1 px-4 pb-12 pt-2">{children}</main>
    </div>
  );
}

export async function JoinScreen({ initialCode, initialCard }: { initialCode?: string; initialCard?: string }) {
  const { t } = await getI18n();
  return (
    <JoinFrame>
      <h1 className="text-3xl font-bold text-ink">{t('join.title')}</h1>
      <p className="mb-6 mt-2 text-lg text-ink-muted">{t('join.intro')}</p>
      <JoinForm initialCode={initialCode} initialCard={initialCard} />
      <p className="mt-8 text-lg text-ink-muted">{t('phone.footer.help')}</p>
    </JoinFrame>
  );
}
