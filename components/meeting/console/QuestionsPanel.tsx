'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime } from '@/lib/i18n/format';
import { rankQuestions, type Question } from '@/lib/meeting/procedure/qa/model';
import type { MeetingState } from '@/lib/meeting/state';
import type { RunCommand } from './useCommandRunner';

const small = '!min-h-8 !px-2 !py-0 text-sm';

/**
 * Moderating the audience's questions: nothing a participant writes reaches the projector before it is
 * approved here. Approved questions are in the hall's order (pinned, then upvotes); each can be pinned
 * to the projector, marked answered, taken up as an agenda item or as its asker's turn to speak, or
 * hidden (and brought back).
 */
export function QuestionsPanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  const pending = state.questions.filter((q) => q.status === 'pending');
  const shown = rankQuestions(state.questions);
  const hidden = state.questions.filter((q) => q.status === 'hidden');
  const answered = state.questions.filter((q) => q.status === 'answered');
  const live = state.status === 'live';
  const open = state.status !== 'closed' && state.status !== 'cancelled';

  return (
    <Card title={<>{t('meeting.qa.title')}{pending.length ? <span className="ml-2 rounded-full bg-accent-700 px-2 text-base text-white tabular-nums">{t('console.qa.pendingBadge', { count: pending.length })}</span> : null}</>} className="!p-4">
      {state.questions.length === 0 ? <p className="text-base text-ink-muted">{t('console.qa.none')}</p> : null}

      {pending.length ? (
        <QuestionList title={t('console.qa.pending', { count: pending.length })}>
          {pending.map((q) => (
            <QuestionRow key={q.id} q={q}>
              <Button className={small} disabled={!open} aria-label={t('console.qa.approveFor', { text: q.text })} onClick={() => void run('question.approve', { id: q.id })}>{t('console.qa.approve')}</Button>
              <Button variant="ghost" className={small} disabled={!open} aria-label={t('console.qa.hideFor', { text: q.text })} onClick={() => void run('question.hide', { id: q.id })}>{t('console.qa.hide')}</Button>
            </QuestionRow>
          ))}
        </QuestionList>
      ) : null}

      {shown.length ? (
        <QuestionList title={t('console.qa.shown', { count: shown.length })}>
          {shown.map((q) => (
            <QuestionRow key={q.id} q={q} votes>
              <Button variant={q.pinned ? 'primary' : 'secondary'} className={small} disabled={!live} aria-pressed={q.pinned}
                aria-label={t(q.pinned ? 'console.qa.unpinFor' : 'console.qa.pinFor', { text: q.text })}
                onClick={() => void run('question.pin', { id: q.id, pinned: !q.pinned })}>{t(q.pinned ? 'console.qa.unpin' : 'console.qa.pin')}</Button>
              <Button variant="secondary" className={small} disabled={!open} aria-label={t('console.qa.answerFor', { text: q.text })} onClick={() => void run('question.answer', { id: q.id })}>{t('console.qa.answer')}</Button>
              <Button variant="secondary" className={small} disabled={!open} aria-label={t('console.qa.toAgendaFor', { text: q.text })} onClick={() => void run('question.toAgenda', { id: q.id })}>{t('console.qa.toAgenda')}</Button>
              {/* An anonymous asker cannot be given the floor: nobody, not even this console, knows who it is. */}
              <Button variant="secondary" className={small} disabled={!live || q.anonymous} title={q.anonymous ? t('console.qa.toSpeakersAnonymous') : undefined}
                aria-label={t('console.qa.toSpeakersFor', { text: q.text })} onClick={() => void run('question.toSpeakers', { id: q.id })}>{t('console.qa.toSpeakers')}</Button>
              <Button variant="ghost" className={small} disabled={!open} aria-label={t('console.qa.hideFor', { text: q.text })} onClick={() => void run('question.hide', { id: q.id })}>{t('console.qa.hide')}</Button>
            </QuestionRow>
          ))}
        </QuestionList>
      ) : null}

      {answered.length ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-base font-semibold">{t('console.qa.answered', { count: answered.length })}</summary>
          <ul className="mt-1 space-y-1">
            {answered.map((q) => (
              <QuestionRow key={q.id} q={q} votes>
                {q.movedTo ? <span className="text-sm text-ink-muted">{t(`meeting.qa.movedTo.${q.movedTo.kind}`)}</span> : null}
              </QuestionRow>
            ))}
          </ul>
        </details>
      ) : null}

      {hidden.length ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-base font-semibold">{t('console.qa.hidden', { count: hidden.length })}</summary>
          <ul className="mt-1 space-y-1">
            {hidden.map((q) => (
              <QuestionRow key={q.id} q={q}>
                <Button variant="ghost" className={small} disabled={!open} aria-label={t('console.qa.restoreFor', { text: q.text })} onClick={() => void run('question.approve', { id: q.id })}>{t('console.qa.restore')}</Button>
              </QuestionRow>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}

function QuestionList({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h3 className="mt-3 text-base font-semibold first:mt-0">{title}</h3>
      <ul className="mt-1 space-y-1">{children}</ul>
    </>
  );
}

function QuestionRow({ q, votes = false, children }: { q: Question; votes?: boolean; children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className={`rounded-lg border px-2 py-1.5 ${q.pinned ? 'border-2 border-civic-800 bg-civic-50' : 'border-ink/15'}`}>
      <p className="break-words text-base">{q.text}</p>
      <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-ink-muted">
        <span>{q.name ?? t('meeting.qa.anonymous')}</span>
        <span>{formatDateTime(locale, q.askedAt, { timeStyle: 'short' })}</span>
        {votes ? <span className="font-semibold text-ink tabular-nums">{t('meeting.qa.votes', { count: q.votes })}</span> : null}
        <span className="ml-auto flex flex-wrap gap-1">{children}</span>
      </div>
    </li>
  );
}
