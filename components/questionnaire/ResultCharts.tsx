import type { Translate } from '@/lib/i18n/format';
import type { QuestionResult } from '@/lib/questionnaire/aggregate';

/**
 * One question's result drawn with plain CSS bars (no chart library): choice counts as horizontal bars,
 * the 1–5 distribution with its mean, a ranking in Borda order. Text answers are the caller's (the
 * console lists them with a search box; the board has only their commitment). Used by the console's live
 * results and, `compact`, by the community board's published result — a server component there, so `t`
 * is passed in rather than taken from the client's provider.
 */
export type ChartResult = Exclude<QuestionResult, { kind: 'text' }> | (Omit<Extract<QuestionResult, { kind: 'text' }>, 'answers'> & { answers?: string[] });

const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);

function Bar({ label, value, max, text, compact }: { label: string; value: number; max: number; text: string; compact: boolean }) {
  return (
    <li className={compact ? 'text-base' : 'text-base'}>
      <div className="flex items-baseline justify-between gap-3">
        <span className="min-w-0 break-words">{label}</span>
        <span className="shrink-0 tabular-nums text-ink-muted">{text}</span>
      </div>
      <div aria-hidden="true" className={`mt-0.5 w-full overflow-hidden rounded-full bg-civic-50 ${compact ? 'h-2' : 'h-3'}`}>
        <div className="h-full rounded-full bg-civic-700" style={{ width: `${max > 0 ? (value / max) * 100 : 0}%` }} />
      </div>
    </li>
  );
}

export function ResultChart({ result: r, t, compact = false }: { result: ChartResult; t: Translate; compact?: boolean }) {
  if (r.kind === 'single' || r.kind === 'multiple') {
    const max = Math.max(1, ...r.options.map((o) => o.count));
    return (
      <ul className="space-y-2">
        {r.options.map((o) => (
          <Bar key={o.id} label={o.label} value={o.count} max={max} compact={compact}
            text={t('questionnaire.results.count', { count: o.count, percent: pct(o.count, r.answered) })} />
        ))}
      </ul>
    );
  }
  if (r.kind === 'rating') {
    const scores = (['1', '2', '3', '4', '5'] as const).map((s) => ({ s, n: r.distribution[s] }));
    const max = Math.max(1, ...scores.map((x) => x.n));
    return (
      <div>
        <p className="text-base font-semibold">{r.mean === null ? t('questionnaire.results.noMean') : t('questionnaire.results.mean', { mean: r.mean })}</p>
        <ul className="mt-1 space-y-1">
          {scores.map(({ s, n }) => <Bar key={s} label={t('questionnaire.results.score', { score: s })} value={n} max={max} compact={compact} text={t('questionnaire.results.count', { count: n, percent: pct(n, r.answered) })} />)}
        </ul>
      </div>
    );
  }
  if (r.kind === 'ranking') {
    const max = Math.max(1, ...r.options.map((o) => o.borda));
    return (
      <div>
        <p className="text-base text-ink-muted">{t('questionnaire.results.bordaNote')}</p>
        <ol className="mt-1 space-y-2">
          {r.options.map((o, i) => (
            <Bar key={o.id} label={`${i + 1}. ${o.label}`} value={o.borda} max={max} compact={compact}
              text={o.meanRank === null ? t('questionnaire.results.points', { points: o.borda }) : t('questionnaire.results.pointsAndRank', { points: o.borda, rank: o.meanRank })} />
          ))}
        </ol>
      </div>
    );
  }
  return <p className="text-base text-ink-muted">{t('questionnaire.results.textCount', { count: r.answered })}</p>;
}

/** The heading line of a result: how many answered it, and the versions it was asked in when not all. */
export function resultMeta(r: ChartResult, t: Translate, versionsInAll: number): string {
  const answered = t('questionnaire.results.answered', { answered: r.answered, respondents: r.respondents });
  return r.versions.length < versionsInAll ? `${answered} · ${t('questionnaire.results.askedIn', { versions: r.versions.join(', ') })}` : answered;
}
