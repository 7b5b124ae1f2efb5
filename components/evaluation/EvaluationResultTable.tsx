import { satisfactionRate, type Distribution } from '@/lib/evaluation/aggregate';
import type { Translate } from '@/lib/i18n/format';

export type ResultRow = { name: string; answers: number; completion: Distribution; performance: Distribution; problems: string[]; reasons: string[] };

/**
 * The result table of a 民主评议 — the console's once closed, the board's and the record page's once
 * published: per unit the number of ratings, per rated criterion the counts 满意 / 基本满意 / 不满意 and the
 * satisfaction rate, then the texts written for the two other criteria, listed sorted with no author.
 * Takes `t` so server components (the board) and client ones (the console, the record) share it.
 */
export function EvaluationResultTable({ rows, t, idPrefix }: { rows: ResultRow[]; t: Translate; idPrefix: string }) {
  const rate = (d: Distribution) => {
    const r = satisfactionRate(d);
    return r === null ? t('evaluation.table.noRate') : t('evaluation.table.percent', { rate: r });
  };
  const dist = (d: Distribution) => t('evaluation.table.distribution', { satisfied: d.satisfied, basically: d.basically_satisfied, dissatisfied: d.dissatisfied });
  return (
    <div>
      {/* On a phone, one block per unit, so the satisfaction rates are never scrolled out of sight. */}
      <ul className="space-y-2 sm:hidden">
        {rows.map((u, i) => (
          <li key={i} className="rounded-lg border border-ink/15 bg-white px-3 py-2">
            <p className="font-semibold">{u.name} <span className="font-normal text-ink-muted">{t('evaluation.table.answers')} {u.answers}</span></p>
            {(['completion', 'performance'] as const).map((k) => (
              <p key={k} className="tabular-nums">{t(`evaluation.criterion.${k}`)}：<span className="font-semibold">{t('evaluation.table.rate')} {rate(u[k])}</span>（{dist(u[k])}）</p>
            ))}
          </li>
        ))}
      </ul>
      {/* Wider screens: the table; it scrolls sideways when narrow, focusable so a keyboard can scroll it too. */}
      <div className="hidden overflow-x-auto sm:block" tabIndex={0} role="region" aria-label={t('evaluation.table.caption')}>
        <table className="w-full min-w-[32rem] border-collapse text-left text-base">
          <caption className="sr-only">{t('evaluation.table.caption')}</caption>
          <thead>
            <tr className="border-b-2 border-ink/20">
              <th scope="col" className="py-1 pr-2">{t('evaluation.table.unit')}</th>
              <th scope="col" className="px-2 py-1 text-right">{t('evaluation.table.answers')}</th>
              <th scope="col" className="px-2 py-1">{t('evaluation.criterion.completion')}</th>
              <th scope="col" className="px-2 py-1 text-right">{t('evaluation.table.rate')}</th>
              <th scope="col" className="px-2 py-1">{t('evaluation.criterion.performance')}</th>
              <th scope="col" className="px-2 py-1 text-right">{t('evaluation.table.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u, i) => (
              <tr key={i} className="border-b border-ink/10">
                <th scope="row" className="py-1 pr-2 font-semibold">{u.name}</th>
                <td className="px-2 py-1 text-right tabular-nums">{u.answers}</td>
                <td className="px-2 py-1 tabular-nums">{dist(u.completion)}</td>
                <td className="px-2 py-1 text-right font-semibold tabular-nums">{rate(u.completion)}</td>
                <td className="px-2 py-1 tabular-nums">{dist(u.performance)}</td>
                <td className="px-2 py-1 text-right font-semibold tabular-nums">{rate(u.performance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-sm text-ink-muted">{t('evaluation.table.legend')}</p>
      {rows.flatMap((u, i) => (['problems', 'reasons'] as const).filter((k) => u[k].length).map((k) => (
        <section key={`${i}-${k}`} aria-labelledby={`${idPrefix}-${i}-${k}`} className="mt-2">
          <h4 id={`${idPrefix}-${i}-${k}`} className="text-base font-semibold">{t('evaluation.table.texts', { unit: u.name, criterion: t(`evaluation.criterion.${k}`) })}</h4>
          <ul className="list-disc pl-6 text-base">{u[k].map((text, j) => <li key={j} className="whitespace-pre-line">{text}</li>)}</ul>
        </section>
      )))}
    </div>
  );
}
