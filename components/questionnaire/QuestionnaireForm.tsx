'use client';

import { useId } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import type { AnswerValue } from '@/lib/questionnaire/answers';
import type { AnswerIssue } from '@/lib/questionnaire/answer-rules';
import type { Definition, Question } from '@/lib/questionnaire/definition';

/** What a resident has put so far, by question id (not yet checked: checkAnswers does that on sending). */
export type DraftAnswers = Record<string, AnswerValue>;

/**
 * The questionnaire as a resident answers it: one card per question, large targets (≥ 56 px), the
 * required mark in words, the fault under its question. Shared by the phone page and the console's
 * preview (inside a 390-px frame), so staff see exactly what residents will. No zod here: the phone's
 * bundle must not carry it (lib/i18n/client-bundle.test.ts).
 */
export function QuestionnaireForm({ definition, answers, onChange, issues, disabled = false }: {
  definition: Definition;
  answers: DraftAnswers;
  onChange: (questionId: string, value: AnswerValue | undefined) => void;
  issues: Record<string, AnswerIssue>;
  disabled?: boolean;
}) {
  const t = useT();
  let n = 0;
  return (
    <div className="space-y-6">
      {definition.sections.map((s) => (
        <section key={s.id} className="space-y-4" aria-label={s.title || undefined}>
          {s.title ? <h2 className="text-xl font-bold text-ink">{s.title}</h2> : null}
          {s.questions.map((q) => {
            n += 1;
            return <QuestionCard key={q.id} number={n} question={q} value={answers[q.id]} issue={issues[q.id]} disabled={disabled} onChange={(v) => onChange(q.id, v)} t={t} />;
          })}
        </section>
      ))}
    </div>
  );
}

type T = ReturnType<typeof useT>;

export function issueText(t: T, issue: AnswerIssue): string {
  switch (issue.code) {
    case 'count': return t('questionnairePhone.issue.count', { min: issue.min, max: issue.max });
    case 'tooLong': return t('questionnairePhone.issue.tooLong', { max: issue.max });
    default: return t(`questionnairePhone.issue.${issue.code}`);
  }
}

const optionClass = 'flex min-h-14 cursor-pointer items-center gap-3 rounded-xl border-2 border-ink/20 bg-white px-4 py-3 text-xl has-[:checked]:border-civic-800 has-[:checked]:bg-civic-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-civic-700';

function QuestionCard({ number, question: q, value, issue, disabled, onChange, t }: {
  number: number; question: Question; value: AnswerValue | undefined; issue: AnswerIssue | undefined; disabled: boolean;
  onChange: (v: AnswerValue | undefined) => void; t: T;
}) {
  const id = useId();
  const titleId = `${id}-title`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hint = q.kind === 'multiple' ? multipleHint(t, q) : q.kind === 'ranking' ? t('questionnairePhone.hint.ranking') : q.kind === 'text' ? t('questionnairePhone.hint.text', { max: q.maxLength }) : '';
  const describedBy = [q.help ? `${id}-help` : '', hint ? hintId : '', issue ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      id={`question-${q.id}`} data-question={q.id}
      className={`rounded-2xl border-2 bg-white p-4 ${issue ? 'border-accent-700' : 'border-ink/15'}`}
      aria-labelledby={titleId} aria-describedby={describedBy} disabled={disabled}
    >
      <p id={titleId} className="text-xl font-semibold leading-snug text-ink">
        <span className="tabular-nums text-ink-muted">{number}. </span>{q.title}
        <span className={`ml-2 whitespace-nowrap text-base font-normal ${q.required ? 'text-accent-800' : 'text-ink-muted'}`}>
          {q.required ? t('questionnairePhone.required') : t('questionnairePhone.optional')}
        </span>
      </p>
      {q.help ? <p id={`${id}-help`} className="mt-1 text-lg text-ink-muted">{q.help}</p> : null}
      {hint ? <p id={hintId} className="mt-1 text-base text-ink-muted">{hint}</p> : null}
      <div className="mt-3">
        {q.kind === 'single' ? (
          <div className="space-y-2">
            {q.options.map((o) => (
              <label key={o.id} className={optionClass}>
                <input type="radio" className="size-6 shrink-0 accent-civic-800" name={`${id}-r`} checked={value === o.id} onChange={() => onChange(o.id)} />
                <span>{o.label}</span>
              </label>
            ))}
          </div>
        ) : q.kind === 'multiple' ? (
          <div className="space-y-2">
            {q.options.map((o) => {
              const ticked = Array.isArray(value) && value.includes(o.id);
              return (
                <label key={o.id} className={optionClass}>
                  <input type="checkbox" className="size-6 shrink-0 accent-civic-800" checked={ticked}
                    onChange={() => {
                      const now = Array.isArray(value) ? value : [];
                      const next = ticked ? now.filter((x) => x !== o.id) : [...now, o.id];
                      onChange(next.length ? q.options.filter((x) => next.includes(x.id)).map((x) => x.id) : undefined);
                    }} />
                  <span>{o.label}</span>
                </label>
              );
            })}
          </div>
        ) : q.kind === 'rating' ? (
          <div>
            <div className="grid grid-cols-5 gap-2">
              {[1, 2, 3, 4, 5].map((score) => (
                <label key={score} className={`${optionClass} relative justify-center px-0`}>
                  {/* The radio covers its box, unseen: the number is what shows, the whole box is the target. */}
                  <input type="radio" className="absolute inset-0 size-full cursor-pointer opacity-0" name={`${id}-r`} checked={value === score} onChange={() => onChange(score)}
                    aria-label={score === 1 && q.lowLabel ? `${score} ${q.lowLabel}` : score === 5 && q.highLabel ? `${score} ${q.highLabel}` : String(score)} />
                  <span aria-hidden="true" className="pointer-events-none text-2xl font-bold tabular-nums">{score}</span>
                </label>
              ))}
            </div>
            {q.lowLabel || q.highLabel ? (
              <div className="mt-1 flex justify-between text-base text-ink-muted" aria-hidden="true">
                <span>{q.lowLabel}</span><span>{q.highLabel}</span>
              </div>
            ) : null}
          </div>
        ) : q.kind === 'ranking' ? (
          <Ranking question={q} value={Array.isArray(value) ? value : undefined} onChange={onChange} t={t} />
        ) : (
          <div>
            <textarea
              className="block w-full rounded-xl border-2 border-ink/30 bg-white px-3 py-2 text-xl text-ink focus:border-civic-700"
              rows={4} maxLength={q.maxLength} aria-labelledby={titleId} aria-describedby={describedBy}
              value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
            />
            <p className="mt-1 text-right text-base tabular-nums text-ink-muted" aria-hidden="true">{[...(typeof value === 'string' ? value : '')].length} / {q.maxLength}</p>
          </div>
        )}
      </div>
      {issue ? <p id={errorId} role="alert" className="mt-2 text-lg font-semibold text-accent-800">{issueText(t, issue)}</p> : null}
    </fieldset>
  );
}

function multipleHint(t: T, q: Extract<Question, { kind: 'multiple' }>): string {
  const min = q.minChoices ?? (q.required ? 1 : 0);
  const max = q.maxChoices ?? q.options.length;
  return max < q.options.length ? t('questionnairePhone.hint.multipleUpTo', { max }) : min > 1 ? t('questionnairePhone.hint.multipleAtLeast', { min }) : t('questionnairePhone.hint.multiple');
}

/**
 * Putting options in order with buttons (no dragging: it works with a thumb, a keyboard and a screen
 * reader alike). Until the resident moves something or keeps the order shown, the question is unanswered.
 */
function Ranking({ question: q, value, onChange, t }: { question: Extract<Question, { kind: 'ranking' }>; value: string[] | undefined; onChange: (v: AnswerValue | undefined) => void; t: T }) {
  const order = value ?? q.options.map((o) => o.id);
  const label = (oid: string) => q.options.find((o) => o.id === oid)?.label ?? oid;
  const move = (from: number, to: number) => {
    const next = [...order];
    const [x] = next.splice(from, 1);
    next.splice(to, 0, x!);
    onChange(next);
  };
  const small = 'min-h-12 min-w-12 rounded-lg border-2 border-civic-800 bg-white text-xl font-bold text-civic-900 disabled:opacity-30';
  return (
    <div>
      <ol className="space-y-2">
        {order.map((oid, i) => (
          <li key={oid} className="flex min-h-14 items-center gap-2 rounded-xl border-2 border-ink/20 bg-white px-3 py-2 text-xl">
            <span className="w-8 shrink-0 text-center font-bold tabular-nums text-civic-900">{i + 1}</span>
            <span className="min-w-0 flex-1 break-words">{label(oid)}</span>
            <button type="button" className={small} disabled={i === 0} onClick={() => move(i, i - 1)}><span aria-hidden="true">↑</span><span className="sr-only">{t('questionnairePhone.ranking.up', { label: label(oid) })}</span></button>
            <button type="button" className={small} disabled={i === order.length - 1} onClick={() => move(i, i + 1)}><span aria-hidden="true">↓</span><span className="sr-only">{t('questionnairePhone.ranking.down', { label: label(oid) })}</span></button>
          </li>
        ))}
      </ol>
      {value ? (
        <p className="mt-2 text-base text-civic-900">{t('questionnairePhone.ranking.set')}</p>
      ) : (
        <button type="button" className="mt-2 min-h-12 rounded-lg border-2 border-civic-800 bg-white px-4 text-lg font-semibold text-civic-900" onClick={() => onChange(order)}>
          {t('questionnairePhone.ranking.keep')}
        </button>
      )}
    </div>
  );
}
