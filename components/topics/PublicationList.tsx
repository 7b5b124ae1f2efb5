import Link from 'next/link';
import { formatDateTime, type Locale, type Translate } from '@/lib/i18n/format';
import type { BoardPublication } from '@/lib/topics/publicity';
import { ResultChart } from '@/components/questionnaire/ResultCharts';
import { EvaluationResultTable } from '@/components/evaluation/EvaluationResultTable';
import { ObjectionForm } from './ObjectionForm';
import type { ResidentView } from './resident-api';

/**
 * Results publicity (结果公示) on the board: each filed meeting's decisions as its signed record states them,
 * the publicity period, and the objections residents raised with staff's answers.
 */
export function PublicationList({ publications, boardHref, t, locale, resident }: {
  publications: BoardPublication[]; boardHref: string; t: Translate; locale: Locale; resident: ResidentView;
}) {
  const day = (d: Date) => formatDateTime(locale, d, { dateStyle: 'medium' });
  return (
    <section aria-labelledby="board-publicity">
      <h2 id="board-publicity" className="text-2xl font-semibold text-ink">{t('topic.publicity.title')}</h2>
      {publications.length === 0 ? <p className="mt-2 text-lg text-ink-muted">{t('topic.publicity.empty')}</p> : (
        <ul className="mt-3 space-y-4">
          {publications.map((p) => (
            <li key={p.recordId}>
              <article aria-labelledby={`p-${p.recordId}`} className="rounded-2xl border border-ink/15 bg-white p-4 shadow-sm">
                <div className="flex items-start justify-between gap-3">
                  <h3 id={`p-${p.recordId}`} className="text-xl font-semibold leading-snug">{p.meetingTitle}</h3>
                  <span className={`shrink-0 rounded-full border-2 px-3 py-0.5 text-base font-semibold ${p.open ? 'border-ok-600 bg-ok-600 text-white' : 'border-ink/30 bg-ink/5 text-ink'}`}>
                    {p.open ? t('topic.publicity.open') : t('topic.publicity.ended')}
                  </span>
                </div>
                <p className="mt-1 text-base text-ink-muted">
                  {t('topic.publicity.period', { from: day(p.publishedAt), to: day(p.endsAt) })}
                </p>
                {p.decisions.length ? (
                  <ul className="mt-2 space-y-2 text-lg">
                    {p.decisions.map((d) => (
                      <li key={d.pollId} className="rounded-xl bg-paper px-3 py-2">
                        <p>{d.decision ?? `${d.question}：${d.winners.join('、')}`}</p>
                        {d.task ? (
                          <p className="mt-1 text-base">
                            <Link href={`${boardHref}/d/${encodeURIComponent(d.task.taskId)}`} className="font-semibold text-civic-800 underline">
                              {t('topic.decision.view')}：{t(`topic.task.${d.task.status}`)}{d.task.overdue ? ` · ${t('topic.decision.overdue')}` : ''}
                            </Link>
                          </p>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : p.hearingResult || p.agreements.length || p.questionnaireResult || p.evaluationResult ? null : <p className="mt-2 text-lg text-ink-muted">{t('topic.publicity.noDecisions')}</p>}
                {p.hearingResult ? (
                  <div className="mt-2 rounded-xl bg-paper px-3 py-2 text-lg">
                    <p className="font-semibold">{t('meeting.hearing.result')}：{p.hearingResult.decision}</p>
                    <p className="text-base">{t('meeting.hearing.reasons', { text: p.hearingResult.reasons })}</p>
                  </div>
                ) : null}
                {p.questionnaireResult ? (
                  <div className="mt-2 rounded-xl bg-paper px-3 py-2 text-lg">
                    <p className="font-semibold">{t('topic.publicity.questionnaire', { count: p.questionnaireResult.responses })}</p>
                    {p.questionnaireResult.summary ? <p className="whitespace-pre-line text-base">{p.questionnaireResult.summary}</p> : null}
                    {/* Per question, as the signed record holds the published result (never live answers). */}
                    <ol className="mt-3 space-y-3" aria-label={t('topic.publicity.questionnaireQuestions')}>
                      {p.questionnaireResult.results.map((r, i) => (
                        <li key={`${r.questionId}-${r.versions.join('-')}`}>
                          <p className="text-base font-semibold">{i + 1}. {r.title}</p>
                          <p className="text-sm text-ink-muted">{t('questionnaire.results.answered', { answered: r.answered, respondents: r.respondents })}</p>
                          <ResultChart result={r} t={t} compact />
                        </li>
                      ))}
                    </ol>
                  </div>
                ) : null}
                {p.evaluationResult ? (
                  <div className="mt-2 rounded-xl bg-paper px-3 py-2 text-lg">
                    <p className="font-semibold">{t('evaluation.board', { answered: p.evaluationResult.evaluators.answered, invited: p.evaluationResult.evaluators.invited })}</p>
                    {p.evaluationResult.note ? <p className="whitespace-pre-line text-base">{p.evaluationResult.note}</p> : null}
                    <EvaluationResultTable rows={p.evaluationResult.units} t={t} idPrefix={`p-${p.recordId}-ev`} />
                  </div>
                ) : null}
                {p.agreements.length ? (
                  <div className="mt-2 rounded-xl bg-paper px-3 py-2 text-lg">
                    <p className="font-semibold">{t('meeting.os.consensus', { count: p.agreements.length })}</p>
                    <ol className="list-decimal pl-6">{p.agreements.map((a, i) => <li key={i}>{a}</li>)}</ol>
                  </div>
                ) : null}
                <p className="mt-2 text-lg"><Link href={`/v/${encodeURIComponent(p.recordId)}`} className="font-semibold text-civic-800 underline">{t('board.record')}</Link></p>
                {p.objections.length ? (
                  <section aria-label={t('topic.publicity.objections', { count: p.objections.length })} className="mt-3 space-y-2">
                    <h4 className="text-lg font-semibold">{t('topic.publicity.objections', { count: p.objections.length })}</h4>
                    {p.objections.map((o) => (
                      <div key={o.id} className="rounded-xl border-l-4 border-warn-500 bg-paper px-3 py-2">
                        <p className="whitespace-pre-line text-lg">{o.text}</p>
                        <p className="text-base text-ink-muted">{formatDateTime(locale, o.createdAt)}</p>
                        {o.answer ? (
                          <p className="mt-1 whitespace-pre-line text-lg"><span className="font-semibold">{t('topic.publicity.answerBy', { name: o.answeredBy ?? '' })}</span>{o.answer}</p>
                        ) : <p className="mt-1 text-base font-semibold text-ink-muted">{t('topic.publicity.awaitingAnswer')}</p>}
                      </div>
                    ))}
                  </section>
                ) : null}
                {p.open ? <div className="mt-3"><ObjectionForm recordId={p.recordId} resident={resident} /></div> : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
