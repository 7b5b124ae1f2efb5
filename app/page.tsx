import './globals.css';
import { ButtonLink } from '@/components/ui/ButtonLink';
import { Card } from '@/components/ui/Card';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { Messages, SITE_AREAS } from '@/components/ui/Messages';
import { getI18n } from '@/lib/i18n/server';

export default async function LandingPage() {
  const { t } = await getI18n();
  const steps = [t('landing.step1'), t('landing.step2'), t('landing.step3')];

  return (
    <Messages areas={SITE_AREAS}>
      <div className="flex min-h-dvh flex-col">
        <header className="border-t-4 border-accent-700">
          <div className="mx-auto flex w-full max-w-5xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
            <p className="flex items-center gap-3 text-2xl font-bold text-ink">
              <span
                aria-hidden="true"
                className="grid size-11 place-items-center rounded-lg bg-accent-700 text-xl leading-none text-white"
              >
                议
              </span>
              {t('app.name')}
            </p>
            <LanguageSwitch />
          </div>
        </header>

        <main className="mx-auto w-full max-w-5xl flex-1 px-4 pb-12 pt-6 sm:px-6 lg:pt-16 2xl:pt-24">
          <div className="lg:grid lg:grid-cols-[3fr_2fr] lg:gap-12">
            <section aria-labelledby="landing-title">
              <h1 id="landing-title" className="text-balance text-3xl font-bold leading-tight text-ink sm:text-4xl lg:text-5xl">
                {t('landing.title')}
              </h1>
              <p className="mt-3 text-balance text-xl font-medium text-civic-800">{t('app.tagline')}</p>
              <p className="mt-5 max-w-prose text-lg text-ink-muted">{t('landing.intro')}</p>

              <div className="mt-8 grid gap-5 sm:grid-cols-2">
                <div>
                  <ButtonLink href="/join" variant="primary" size="large" className="w-full">
                    {t('common.joinMeeting')}
                  </ButtonLink>
                  <p className="mt-2 text-base text-ink-muted">{t('landing.joinHint')}</p>
                </div>
                <div>
                  <ButtonLink href="/login" variant="secondary" size="large" className="w-full">
                    {t('landing.staffLogin')}
                  </ButtonLink>
                  <p className="mt-2 text-base text-ink-muted">{t('landing.staffHint')}</p>
                </div>
              </div>
            </section>

            <Card title={t('landing.stepsTitle')} className="mt-10 lg:mt-2 lg:self-start">
              <ol className="space-y-4">
                {steps.map((step, index) => (
                  <li key={index} className="flex gap-3 text-lg">
                    <span
                      aria-hidden="true"
                      className="grid size-8 shrink-0 place-items-center rounded-full bg-civic-800 text-base font-bold text-white"
                    >
                      {index + 1}
                    </span>
                    <span className="pt-0.5">{step}</span>
                  </li>
                ))}
              </ol>
            </Card>
          </div>
        </main>

        <footer className="border-t border-ink/15 px-4 py-5 text-center text-base text-ink-muted">
          {t('landing.footer')}
        </footer>
      </div>
    </Messages>
  );
}
