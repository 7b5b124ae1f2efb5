import { formatList, type Locale, type Translate } from '@/lib/i18n/format';
import { GradeBadge } from './GradeBadge';
import { formatPoints, gradeLadder } from './scoring-text';

type Props = { total: number; points: number; grade: string | null; grades: Record<string, number>; t: Translate; locale: Locale };

/**
 * The total in large digits, the grade, and the grade lines as a scale: a bar from 0 to the maximum
 * with a tick at each line, and the lines as a ladder below, the reached ones filled and ticked, the
 * current one marked `aria-current` (each state also in words for screen readers, not by colour alone).
 */
export function ScoreSummary({ total, points, grade, grades, t, locale }: Props) {
  const ladder = gradeLadder(grades);
  const next = [...ladder].reverse().find(([, line]) => line > total);
  const pct = (v: number) => `${Math.min(100, Math.max(0, (v / (points || 1)) * 100))}%`;
  const lowest = ladder.at(-1);
  const lineText = (g: string, line: number) => t('scoring.scale.line', { grade: g, line: formatPoints(locale, line) });
  const scaleLabel = t('scoring.scale.label', {
    lines: formatList(locale, ladder.map(([g, line]) => lineText(g, line))),
    total: formatPoints(locale, total),
  });
  return (
    <div>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
        <div>
          <p className="text-base text-ink-muted">{t('scoring.total.value')}</p>
          <p className="text-6xl font-bold leading-none tabular-nums text-ink" data-testid="score-total">
            {formatPoints(locale, total)}
          </p>
          <p className="mt-1 text-base text-ink-muted">{t('scoring.total.of', { points: formatPoints(locale, points) })}</p>
        </div>
        <div>
          <p className="text-base text-ink-muted">{t('scoring.total.grade')}</p>
          <p className="mt-1" data-testid="score-grade"><GradeBadge grade={grade} t={t} size="large" /></p>
        </div>
      </div>

      <div role="img" aria-label={scaleLabel} className="mt-6">
        <div className="relative h-5 rounded-full border border-ink/30 bg-civic-50">
          <div className="h-full rounded-full bg-civic-700" style={{ width: pct(total) }} />
          {ladder.map(([g, line]) => (
            <span key={g} aria-hidden="true" className="absolute -top-1 h-7 w-0.5 bg-ink" style={{ left: pct(line) }} />
          ))}
        </div>
        <div className="relative mt-1 h-5 text-xs text-ink-muted" aria-hidden="true">
          <span className="absolute left-0">{formatPoints(locale, 0)}</span>
          {lowest ? <span className="absolute -translate-x-1/2" style={{ left: pct(lowest[1]) }}>{formatPoints(locale, lowest[1])}</span> : null}
          <span className="absolute right-0">{formatPoints(locale, points)}</span>
        </div>
      </div>

      <ol className="mt-3 flex flex-wrap gap-1.5" aria-label={t('scoring.catalogue.grades')}>
        {[...ladder].reverse().map(([g, line]) => {
          const current = g === grade;
          const reached = total >= line;
          return (
            <li
              key={g}
              aria-current={current ? 'true' : undefined}
              className={`rounded-md border-2 px-2 py-0.5 text-sm tabular-nums ${
                current ? 'border-ink bg-civic-800 font-bold text-white' : reached ? 'border-civic-700 bg-civic-100 text-ink' : 'border-ink/25 bg-white text-ink-muted'
              }`}
            >
              {reached ? <span aria-hidden="true">✓ </span> : null}
              {lineText(g, line)}
              <span className="sr-only">
                {t(current ? 'scoring.scale.state.current' : reached ? 'scoring.scale.state.reached' : 'scoring.scale.state.notReached')}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="mt-3 text-base font-medium text-ink">
        {next ? t('scoring.total.toNext', { grade: next[0], points: formatPoints(locale, next[1] - total) }) : t('scoring.total.top')}
      </p>
    </div>
  );
}
