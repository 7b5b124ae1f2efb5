'use client';

import { useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { ratingNames, type ConsoleDecision, type RatingName, type TaskStatusName } from './console-decision';
import { DecisionActions } from './DecisionActions';

const statusClass: Record<TaskStatusName, string> = {
  not_started: 'border-ink/30 bg-ink/5 text-ink',
  in_progress: 'border-civic-700 bg-civic-50 text-civic-900',
  done: 'border-ok-600 bg-ok-600 text-white',
  impossible: 'border-ink bg-ink text-white',
};
const ratingClass: Record<RatingName, string> = { satisfied: 'bg-ok-600', basically_satisfied: 'bg-civic-600', dissatisfied: 'bg-accent-700' };

export function TaskStatusBadge({ status }: { status: TaskStatusName }) {
  const t = useT();
  return <span className={`shrink-0 rounded-full border-2 px-3 py-0.5 text-base font-semibold ${statusClass[status]}`}>{t(`decisions.status.${status}`)}</span>;
}

/** The residents' ratings of a decision carried out: one bar split by the three answers, the counts in words, the comments. */
function Ratings({ decision }: { decision: ConsoleDecision }) {
  const t = useT();
  const total = ratingNames.reduce((n, r) => n + decision.ratings[r], 0);
  return (
    <div className="mt-4">
      <h4 className="text-base font-semibold">{t('decisions.rating.title', { count: total })}</h4>
      {total === 0 ? <p className="mt-1 text-base text-ink-muted">{t('decisions.rating.none')}</p> : (
        <>
          {/* The bar is a picture of the counts listed under it. */}
          <div aria-hidden="true" className="mt-2 flex h-3 w-full max-w-md overflow-hidden rounded-full bg-ink/10">
            {ratingNames.map((r) => (decision.ratings[r] ? <div key={r} className={ratingClass[r]} style={{ width: `${(decision.ratings[r] / total) * 100}%` }} /> : null))}
          </div>
          <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-base">
            {ratingNames.map((r) => (
              <li key={r} className="flex items-center gap-2">
                <span aria-hidden="true" className={`inline-block size-3 rounded-full ${ratingClass[r]}`} />
                {t('decisions.rating.count', { label: t(`decisions.rating.${r}`), count: decision.ratings[r] })}
              </li>
            ))}
          </ul>
          {decision.comments.length ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-base font-semibold text-civic-800">{t('decisions.rating.comments')}（{decision.comments.length}）</summary>
              <ul className="mt-1 space-y-1">
                {decision.comments.map((c, k) => (
                  <li key={k} className="break-words text-base">
                    <span className="font-semibold">{t(`decisions.rating.${c.rating}`)}</span> · {c.comment} <span className="text-sm text-ink-muted">{c.at}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}

/** One decision: where it was decided, who carries it out by when, how it stands, its history, its ratings and the actions. */
export function DecisionCard({ decision: d }: { decision: ConsoleDecision }) {
  const t = useT();
  const [outcome, setOutcome] = useState<{ message: string; tone: 'ok' | 'error' } | null>(null);
  const closed = d.status === 'done' || d.status === 'impossible';
  return (
    <article aria-labelledby={`decision-${d.id}`} className={`rounded-2xl border bg-white p-5 shadow-sm ${d.overdue ? 'border-accent-700 border-2' : 'border-ink/15'}`}>
      {/* On a phone the badges go under the title rather than squeezing it into a narrow column. */}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <h3 id={`decision-${d.id}`} className="min-w-0 break-words text-xl font-semibold text-ink sm:flex-1">{d.title}</h3>
        <div className="flex flex-wrap gap-2">
          <TaskStatusBadge status={d.status} />
          {d.overdue ? <span className="shrink-0 rounded-full border-2 border-accent-700 bg-accent-50 px-3 py-0.5 text-base font-semibold text-accent-800">{t('decisions.overdue')}</span> : null}
        </div>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
        <dt className="text-ink-muted">{t('decisions.meta.record')}</dt>
        <dd className="break-words">
          {d.meeting ? <span>{d.meeting.title} · {d.meeting.day} · </span> : null}
          <a href={`/v/${d.recordId}`} className="font-semibold text-civic-800 underline">{t('decisions.meta.recordLink')}</a>
        </dd>
        <dt className="text-ink-muted">{t('decisions.meta.owner')}</dt>
        <dd className="break-words">{d.owner ?? <span className="text-ink-muted">{t('decisions.meta.unset')}</span>}</dd>
        <dt className="text-ink-muted">{t('decisions.meta.deadline')}</dt>
        <dd className={d.overdue ? 'font-semibold text-accent-800' : ''}>{d.deadline ?? <span className="font-normal text-ink-muted">{t('decisions.meta.unset')}</span>}</dd>
        {d.doneAt ? (
          <>
            <dt className="text-ink-muted">{t('decisions.meta.doneAt')}</dt>
            <dd>{d.doneAt}</dd>
          </>
        ) : null}
        {d.status === 'impossible' && d.reason ? (
          <>
            <dt className="text-ink-muted">{t('decisions.meta.reason')}</dt>
            <dd className="whitespace-pre-line break-words">{d.reason}</dd>
          </>
        ) : null}
      </dl>
      {d.updates.length === 0 ? <p className="mt-3 text-base text-ink-muted">{t('decisions.history.empty')}</p> : (
        <details className="mt-3" open={d.updates.length <= 3}>
          <summary className="cursor-pointer text-base font-semibold text-civic-800">{t('decisions.history.title', { count: d.updates.length })}</summary>
          <ol className="mt-2 space-y-3 border-l-2 border-civic-200 pl-4">
            {d.updates.map((u) => (
              <li key={u.id} className="text-base">
                <p className="flex flex-wrap items-center gap-2 text-sm text-ink-muted">
                  <span>{t('decisions.history.entry', { time: u.at, by: u.by })}</span>
                  <span className="rounded-full border border-ink/30 px-2 font-semibold text-ink">{t(u.status === 'planned' ? 'decisions.history.planned' : `decisions.status.${u.status}`)}</span>
                </p>
                {u.status === 'planned' ? <p className="mt-0.5 break-words">{t('decisions.history.plan', { owner: u.owner ?? '', deadline: u.deadline ?? '' })}</p> : null}
                {u.note ? <p className="mt-0.5 whitespace-pre-line break-words">{u.note}</p> : null}
                {u.hasPhoto ? (
                  <a href={`/api/decision-photos/${u.id}`} target="_blank" rel="noreferrer" className="mt-1 inline-block">
                    {/* eslint-disable-next-line @next/next/no-img-element -- a stored photo served by the API, already resized */}
                    <img src={`/api/decision-photos/${u.id}`} alt={t('decisions.history.photo', { time: u.at })} loading="lazy"
                      className="h-24 w-32 rounded-lg border border-ink/15 object-cover" />
                  </a>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      )}
      {d.status === 'done' ? <Ratings decision={d} /> : null}
      <div role="status" className={outcome ? `mt-3 rounded-xl border-2 p-3 text-base font-semibold ${outcome.tone === 'ok' ? 'border-ok-600 bg-white text-ink' : 'border-accent-700 bg-accent-50 text-accent-800'}` : 'sr-only'}>
        {outcome?.message}
      </div>
      {closed ? <p className="mt-3 border-t border-ink/10 pt-3 text-base text-ink-muted">{t('decisions.action.closed')}</p>
        : <DecisionActions decision={d} onDone={(message, tone) => setOutcome({ message, tone })} />}
    </article>
  );
}
