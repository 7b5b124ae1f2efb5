'use client';

import { useEffect, useState } from 'react';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { QuestionResult } from '@/lib/questionnaire/aggregate';
import { getJson } from './api';
import { ResultChart, resultMeta } from './ResultCharts';

export type Results = { phase: string; responses: number; byVersion: Record<string, number>; questions: QuestionResult[] };

/**
 * There is no event for a new answer (an answer is not in the meeting's log: nothing there may follow
 * the answering order), so the results are read again every few seconds while the questionnaire is open.
 */
const POLL_MS = 4000;

/** 结果汇总: the response count, every question's chart, the text answers with a search box, the exports. */
export function LiveResults({ meetingId, live }: { meetingId: string; live: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [results, setResults] = useState<Results | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const r = await getJson<Results>(`/api/meetings/${meetingId}/questionnaire/results`);
        if (!stop) { setResults(r); setFailed(false); }
      } catch {
        if (!stop) setFailed(true);
      }
      if (!stop && live) timer = setTimeout(read, POLL_MS);
    };
    void read();
    return () => { stop = true; clearTimeout(timer); };
  }, [meetingId, live]);

  const exportHref = (format: 'csv' | 'xlsx') => `/api/meetings/${meetingId}/questionnaire/export?format=${format}&locale=${locale}`;
  const versionsInAll = results ? Object.keys(results.byVersion).length : 0;
  return (
    <section aria-labelledby="q-results" className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h2 id="q-results" className="text-2xl font-semibold">{t('questionnaire.results.title')}</h2>
        <p className="text-xl font-semibold tabular-nums" data-testid="response-count" aria-live="polite">
          {results ? t('questionnaire.results.responses', { count: results.responses }) : t('questionnaire.loading')}
        </p>
        {versionsInAll > 1 && results ? (
          <p className="text-base text-ink-muted">{Object.entries(results.byVersion).map(([v, n]) => t('questionnaire.results.byVersion', { version: v, count: n })).join('；')}</p>
        ) : null}
        <span className="flex-1" />
        <a className="underline" href={exportHref('csv')} download>{t('questionnaire.results.exportCsv')}</a>
        <a className="underline" href={exportHref('xlsx')} download>{t('questionnaire.results.exportXlsx')}</a>
      </div>
      {live ? <p className="text-base text-ink-muted">{t('questionnaire.results.liveNote')}</p> : null}
      {failed ? <p role="alert" className="font-semibold text-accent-800">{t('questionnaire.results.failed')}</p> : null}
      <ol className="grid gap-4 lg:grid-cols-2">
        {results?.questions.map((r, i) => (
          <li key={`${r.questionId}-${r.versions.join('-')}`} className="rounded-2xl border border-ink/15 bg-white p-4" data-testid="result-card">
            <h3 className="text-lg font-semibold">{i + 1}. {r.title}</h3>
            <p className="mb-2 text-base text-ink-muted">{resultMeta(r, t, versionsInAll)}</p>
            {r.kind === 'text' ? <TextAnswers answers={r.answers} /> : <ResultChart result={r} t={t} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function TextAnswers({ answers }: { answers: string[] }) {
  const t = useT();
  const [q, setQ] = useState('');
  const shown = q.trim() ? answers.filter((a) => a.toLowerCase().includes(q.trim().toLowerCase())) : answers;
  return (
    <div>
      <label className="block text-base font-medium">
        {t('questionnaire.results.search')}
        <input type="search" className={inputClass} value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <p className="mt-1 text-base text-ink-muted" aria-live="polite">{t('questionnaire.results.textShown', { shown: shown.length, count: answers.length })}</p>
      <ul className="mt-2 max-h-72 space-y-2 overflow-y-auto">
        {shown.map((a, i) => <li key={i} className="whitespace-pre-line break-words rounded-lg bg-paper px-3 py-2">{a}</li>)}
      </ul>
    </div>
  );
}
