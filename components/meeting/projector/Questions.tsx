'use client';

import { useT } from '@/components/ui/I18nProvider';
import type { Question } from '@/lib/meeting/procedure/qa/model';

/** The question the facilitator pinned: the hall's focus while it is answered. */
export function PinnedQuestion({ question }: { question: Question }) {
  const t = useT();
  return (
    <section aria-labelledby="proj-pinned" className="rounded-3xl border-4 border-civic-800 bg-civic-50 p-8">
      <h2 id="proj-pinned" className="text-3xl font-semibold text-civic-800">{t('projector.qa.pinned')}</h2>
      <p className="mt-3 break-words text-6xl font-bold leading-tight">{question.text}</p>
      <p className="mt-4 text-3xl text-ink-muted">
        {question.name ?? t('meeting.qa.anonymous')} · <span className="tabular-nums">{t('meeting.qa.votes', { count: question.votes })}</span>
      </p>
    </section>
  );
}

/**
 * The top approved questions by upvotes, as the phones order them: the list reorders live as the hall
 * upvotes. Read from the back row, so only a few, in large type.
 */
export function TopQuestions({ questions, title }: { questions: readonly Question[]; title: string }) {
  const t = useT();
  if (!questions.length) return null;
  return (
    <section aria-labelledby="proj-questions">
      <h2 id="proj-questions" className="text-3xl font-semibold text-ink-muted">{title}</h2>
      <ol className="mt-3 space-y-3" data-testid="projector-questions">
        {questions.map((q) => (
          <li key={q.id} className="flex items-center gap-6 rounded-2xl border-2 border-ink/15 px-6 py-3">
            {/* The count with its word, no emoji: a projector PC may have no emoji font. */}
            <span className="flex w-32 shrink-0 flex-col items-center rounded-xl bg-civic-50 py-1 text-civic-800">
              <span className="text-5xl font-bold leading-none tabular-nums">{q.votes}</span>
              <span className="text-xl">{t('meeting.qa.upvotes')}</span>
            </span>
            <span className="min-w-0 flex-1 break-words text-4xl leading-snug">{q.text}</span>
            <span className="shrink-0 text-2xl text-ink-muted">{q.name ?? t('meeting.qa.anonymous')}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
