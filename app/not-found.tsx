import { buttonClassName } from '@/components/ui/Button';
import { getI18n } from '@/lib/i18n/server';

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-xl flex-col justify-center gap-5 px-4 py-12">
      <p className="text-xl font-bold text-accent-700">404</p>
      <h1 className="text-3xl font-bold text-ink">{t('notFound.title')}</h1>
      <p className="text-lg text-ink-muted">{t('notFound.body')}</p>
      <div>
        {/* A plain link: the root layout's not-found boundary is in every page's payload, and Next's
            <Link> here would load the router's link code (~4 KB) on every page, a resident's phone among them. */}
        <a href="/" className={buttonClassName({ size: 'large' })}>
          {t('common.backHome')}
        </a>
      </div>
    </main>
  );
}
