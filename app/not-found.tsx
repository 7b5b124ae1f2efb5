import { ButtonLink } from '@/components/ui/ButtonLink';
import { getI18n } from '@/lib/i18n/server';

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-xl flex-col justify-center gap-5 px-4 py-12">
      <p className="text-xl font-bold text-accent-700">404</p>
      <h1 className="text-3xl font-bold text-ink">{t('notFound.title')}</h1>
      <p className="text-lg text-ink-muted">{t('notFound.body')}</p>
      <div>
        <ButtonLink href="/" size="large">
          {t('common.backHome')}
        </ButtonLink>
      </div>
    </main>
  );
}
