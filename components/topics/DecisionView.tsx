import Link from 'next/link';
import { formatDateTime } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import type { PublicDecision } from '@/lib/topics/implementation';
import { RatingForm } from './RatingForm';
import type { ResidentView } from './resident-api';
import { BoardSubpageHeader } from './BoardSubpageHeader';

const statusClass = {
  not_started: 'border-ink/30 bg-ink/5 text-ink',
  in_progress: 'border-civic-700 bg-civic-50 text-civic-900',
  done: 'border-ok-600 bg-ok-600 text-white',
  impossible: 'border-accent-700 bg-accent-50 text-accent-800',
} as const;

/**
 * A decision's public page (/c/<code>/d/<id>): what was decided, who carries it out by when, every progress
 * update with its photos, and — once done — how residents rate it, with the rating form.
 */
export async function DecisionView({ decision, boardHref, communityName, resident }: {
  decision: PublicDecision; boardHref: string; communityName: string; resident: ResidentView;
}) {
  const { t, locale } = await getI18n();
  const total = decision.ratings.satisfied + decision.ratings.basically_satisfied + decision.ratings.dissatisfied;
  return (
    <div className="flex min-h-dvh flex-col">
      <BoardSubpageHeader boardHref={boardHref} communityName={communityName} t={t} />
      <main className="mx-auto w-full max-w-2xl flex-1 space-y-6 px-4 py-6">
        <div>
          <p className="text-base text-ink-muted">{t('topic.decision.kicker')}</p>
          <div className="flex items-start justify-between gap-3">
            <h1 className="text-2xl font-bold leading-tight">{decision.title}</h1>
            <span className={`shrink-0 rounded-full border-2 px-3 py-0.5 text-base font-semibold ${statusClass[decision.status]}`}>{t(`topic.task.${decision.status}`)}</span>
          </div>
          {decision.overdue ? <p className="mt-2 rounded-xl border-2 border-accent-700 px-3 py-1 text-lg font-semibold text-accent-800">{t('topic.decision.overdue')}</p> : null}
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-lg">
          <dt className="text-ink-muted">{t('topic.decision.owner')}</dt><dd>{decision.owner || t('topic.decision.notYet')}</dd>
          <dt className="text-ink-muted">{t('topic.decision.deadline')}</dt>
          <dd>{decision.deadline ? <time dateTime={decision.deadline.toISOString()}>{formatDateTime(locale, decision.deadline, { dateStyle: 'long' })}</time> : t('topic.decision.notYet')}</dd>
          {decision.reason ? <><dt className="text-ink-muted">{t('topic.decision.reason')}</dt><dd>{decision.reason}</dd></> : null}
        </dl>
        <p className="text-lg"><Link href={`/v/${encodeURIComponent(decision.recordId)}`} className="font-semibold text-civic-800 underline">{t('board.record')}</Link></p>
        <section aria-labelledby="decision-history">
          <h2 id="decision-history" className="text-xl font-semibold">{t('topic.decision.history')}</h2>
          {decision.updates.length === 0 ? <p className="mt-2 text-lg text-ink-muted">{t('topic.decision.noUpdates')}</p> : (
            <ol className="mt-3 space-y-4 border-l-4 border-civic-700 pl-4">
              {decision.updates.map((u) => (
                <li key={u.id}>
                  <p className="text-lg">
                    {u.status === 'planned'
                      ? t('topic.decision.planned', { owner: u.owner ?? '', deadline: u.deadline ? formatDateTime(locale, u.deadline, { dateStyle: 'long' }) : '' })
                      : <><span className="font-semibold">{t(`topic.task.${u.status as 'done'}`)}</span> · {u.note}</>}
                  </p>
                  <p className="text-base text-ink-muted"><time dateTime={u.at.toISOString()}>{formatDateTime(locale, u.at)}</time> · {u.by}</p>
                  {u.hasPhoto ? (
                    // eslint-disable-next-line @next/next/no-img-element -- re-encoded JPEGs served by the API
                    <img src={`/api/decision-photos/${encodeURIComponent(u.id)}`} alt={t('topic.decision.photoAlt', { note: u.note })} loading="lazy" className="mt-2 aspect-[4/3] w-full max-w-sm rounded-lg object-cover" />
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
        {decision.status === 'done' ? (
          <section aria-labelledby="decision-ratings" className="space-y-3 rounded-2xl border-2 border-civic-700 bg-white p-4">
            <h2 id="decision-ratings" className="text-xl font-semibold">{t('topic.decision.ratings', { count: total })}</h2>
            <ul className="space-y-2">
              {(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((r) => (
                <li key={r} className="grid grid-cols-[6rem_1fr_3rem] items-center gap-2 text-lg">
                  <span>{t(`topic.rating.${r}`)}</span>
                  <span className="h-4 overflow-hidden rounded-full bg-civic-50" aria-hidden>
                    <span className={`block h-full ${r === 'dissatisfied' ? 'bg-accent-700' : 'bg-civic-700'}`} style={{ width: `${total ? (decision.ratings[r] / total) * 100 : 0}%` }} />
                  </span>
                  <span className="text-right tabular-nums">{decision.ratings[r]}</span>
                </li>
              ))}
            </ul>
            {decision.comments.length ? (
              <ul className="space-y-1 text-lg">
                {decision.comments.map((c, i) => <li key={i} className="rounded-lg bg-paper px-3 py-1">「{c.comment}」<span className="text-base text-ink-muted"> · {t(`topic.rating.${c.rating as 'satisfied'}`)}</span></li>)}
              </ul>
            ) : null}
            <RatingForm taskId={decision.id} resident={resident} rated={decision.mine?.rated ?? false} />
          </section>
        ) : null}
      </main>
    </div>
  );
}
