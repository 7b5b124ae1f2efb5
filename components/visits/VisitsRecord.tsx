'use client';

import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime } from '@/lib/i18n/format';
import type { ReadableRecord } from '@/lib/record/readable';
import { AgreementBar } from './AgreementBar';

type Level = 1 | 2;

/**
 * A round of household visits in a record (the console's record page and /v/<id>): the question, the
 * team, planned and visited, the positions as a bar, every visit's opinion — the household only where its
 * disclosure was opened (staff of the area) — and the conclusion.
 */
export function VisitsRecord({ v, level }: { v: NonNullable<ReadableRecord['visits']>; level: Level }) {
  const t = useT();
  const locale = useLocale();
  const H = `h${level + 1}` as 'h2' | 'h3';
  const H2 = `h${level + 2}` as 'h3' | 'h4';
  return (
    <section>
      <H className="mb-2 border-b border-ink/15 pb-1 text-2xl font-bold text-ink">{t('record.visits.title')}</H>
      <p className="text-base font-semibold">{t('record.visits.question', { text: v.question })}</p>
      {v.team.length ? (
        <p className="text-base">{t('record.visits.team', { list: v.team.map((m) => t('record.visits.teamMember', { role: t(`visits.role.${m.role}`), name: m.name ?? t('record.visits.nameWithheld') })).join('、') })}</p>
      ) : null}
      <p className="text-base">{t('record.visits.counts', { planned: v.planned, visited: v.plannedVisited, entries: v.entries.length })}</p>
      <AgreementBar counts={v.agreement} />
      <p className="mt-2 text-base">{t('record.visits.conclusion', { text: v.conclusion })}</p>
      <H2 className="mt-3 text-lg font-semibold text-ink">{t('record.visits.entries')}</H2>
      <ol className="list-decimal space-y-2 pl-7 text-base">
        {v.entries.map((e) => (
          <li key={e.id}>
            <span className="font-semibold">{e.household ? t('record.visits.household', e.household) : t('record.visits.householdWithheld')}</span>
            {e.planned ? null : <span className="text-ink-muted">{t('record.visits.unplanned')}</span>}
            <p className="break-words">{t('record.visits.entry', { when: formatDateTime(locale, e.visitedAt), agreement: t(`visits.agreement.${e.agreement}`), opinion: e.opinion || t('record.visits.noOpinion') })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
