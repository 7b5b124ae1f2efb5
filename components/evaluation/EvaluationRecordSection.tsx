'use client';

import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime, formatNumber } from '@/lib/i18n/format';
import type { ReadableRecord } from '@/lib/record/readable';
import { EvaluationResultTable } from './EvaluationResultTable';

/**
 * A 民主评议 in the record page (/v/<id> and the console's): the period, the dates, how many evaluators
 * answered (no one named), each unit's commitments, and the result table — as signed.
 */
export function EvaluationRecordSection({ e, headingLevel }: { e: NonNullable<ReadableRecord['evaluation']>; headingLevel: 1 | 2 }) {
  const t = useT();
  const locale = useLocale();
  const H = `h${headingLevel + 1}` as 'h2' | 'h3';
  const H2 = `h${headingLevel + 2}` as 'h3' | 'h4';
  const when = (iso: string) => formatDateTime(locale, iso);
  return (
    <section aria-labelledby="record-evaluation">
      <H id="record-evaluation" className="mb-2 border-b border-ink/15 pb-1 text-2xl font-bold text-ink">{t('record.evaluation.title')}</H>
      {e.periodFrom || e.periodTo ? <p className="text-base">{t('record.evaluation.period', { from: e.periodFrom ?? '—', to: e.periodTo ?? '—' })}</p> : null}
      <p className="mt-1 text-base">{t('record.evaluation.dates', { openedAt: when(e.openedAt), closedAt: when(e.closedAt), publishedAt: when(e.publishedAt) })}</p>
      <p className="mt-1 text-lg font-semibold">{t('record.evaluation.evaluators', { invited: formatNumber(locale, e.evaluators.invited), answered: formatNumber(locale, e.evaluators.answered) })}</p>
      {e.note ? <p className="mt-1 whitespace-pre-line text-base">{t('record.evaluation.note', { text: e.note })}</p> : null}
      <ol className="mt-2 list-decimal space-y-1 pl-7 text-base">
        {e.units.map((u, i) => (
          <li key={i}>
            <span className="font-semibold">{u.name}</span>
            <ul className="list-disc pl-6">{u.commitments.map((c, j) => <li key={j}>{c.text}{c.status ? <span className="text-ink-muted">（{t(`evaluation.status.${c.status}`)}）</span> : null}</li>)}</ul>
          </li>
        ))}
      </ol>
      <H2 className="mt-4 text-lg font-semibold text-ink">{t('evaluation.results.heading')}</H2>
      <EvaluationResultTable rows={e.units} t={t} idPrefix="record-evaluation" />
      <p className="mt-2 break-words text-sm text-ink-muted">{t('record.evaluation.plan', { hash: e.planSha256 })}</p>
    </section>
  );
}
