'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/format';
import { useLocale, useT } from './I18nProvider';

// Language names are written in their own language and never translated.
const OPTIONS: { locale: Locale; label: string }[] = [
  { locale: 'zh-CN', label: '中文' },
  { locale: 'en', label: 'English' },
];

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export function LanguageSwitch({ className = '' }: { className?: string }) {
  const current = useLocale();
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(locale: Locale) {
    if (locale === current) return;
    document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
    // Re-render the server components (layout included) with the new cookie; client state survives.
    startTransition(() => router.refresh());
  }

  return (
    <div role="group" aria-label={t('common.language')} aria-busy={pending} className={`inline-flex rounded-lg border border-ink/25 bg-white p-1 ${className}`}>
      {OPTIONS.map((option) => {
        const active = option.locale === current;
        return (
          <button
            key={option.locale}
            type="button"
            lang={option.locale}
            aria-pressed={active}
            onClick={() => choose(option.locale)}
            className={`min-h-11 min-w-16 rounded-md px-3 text-base font-medium transition-colors ${
              active ? 'bg-civic-800 text-white' : 'text-ink hover:bg-civic-50'
            }`}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
