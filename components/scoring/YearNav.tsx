import Link from 'next/link';
import type { Translate } from './scoring-text';

/** The assessment year as links (no script needed); the current choice is marked for screen readers. */
export function YearNav({ years, current, hrefFor, t }: { years: number[]; current: number; hrefFor: (year: number) => string; t: Translate }) {
  return (
    <nav aria-label={t('scoring.year.label')} className="flex flex-wrap items-center gap-2">
      <span aria-hidden="true" className="hidden text-base text-ink-muted sm:inline">{t('scoring.year.label')}</span>
      {years.map((y) => (
        <Link
          key={y}
          href={hrefFor(y)}
          aria-current={y === current ? 'page' : undefined}
          className={`inline-flex min-h-11 items-center rounded-lg border-2 px-3 text-base font-medium no-underline ${
            y === current ? 'border-civic-800 bg-civic-800 text-white' : 'border-civic-800/40 bg-white text-civic-900 hover:bg-civic-50'
          }`}
        >
          {t('scoring.year.option', { year: y })}
        </Link>
      ))}
    </nav>
  );
}
