import { ChipLink } from '@/components/ui/ChipLink';
import type { Translate } from '@/lib/i18n/locale';

/** The assessment year as links (no script needed); the current choice is marked for screen readers. */
export function YearNav({ years, current, hrefFor, t }: { years: number[]; current: number; hrefFor: (year: number) => string; t: Translate }) {
  return (
    <nav aria-label={t('scoring.year.label')} className="flex flex-wrap items-center gap-2">
      <span aria-hidden="true" className="hidden text-base text-ink-muted sm:inline">{t('scoring.year.label')}</span>
      {years.map((y) => (
        <ChipLink key={y} href={hrefFor(y)} current={y === current}>
          {t('scoring.year.option', { year: y })}
        </ChipLink>
      ))}
    </nav>
  );
}
