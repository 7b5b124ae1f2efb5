import type { Translate } from '@/lib/i18n/locale';

/**
 * How many communities hold each grade, as vertical bars from 5A down to "not graded". Counts are
 * printed on the bars, so the chart reads without the axis; the list semantics carry it for screen readers.
 */
export function GradeDistribution({ distribution, t }: { distribution: Record<string, number>; t: Translate }) {
  const entries = Object.entries(distribution);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <ul className="flex h-48 items-end gap-3" data-testid="grade-distribution">
      {entries.map(([grade, n]) => {
        const label = grade === 'none' ? t('scoring.grade.none') : grade;
        return (
          <li key={grade} className="flex h-full min-w-0 flex-1 flex-col items-center justify-end">
            <span className="sr-only">{t('scoring.district.distributionRow', { grade: label, count: n })}</span>
            <span aria-hidden="true" className="text-lg font-semibold tabular-nums text-ink">{n}</span>
            <span
              aria-hidden="true"
              className={`w-full max-w-16 rounded-t ${grade === 'none' ? 'border-2 border-b-0 border-ink/40 bg-white' : 'bg-civic-700'}`}
              style={{ height: `${(n / max) * 70}%`, minHeight: n > 0 ? 4 : 0 }}
            />
            <span aria-hidden="true" className="mt-1 w-full border-t-2 border-ink pt-1 text-center text-sm font-medium text-ink sm:text-base">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}
