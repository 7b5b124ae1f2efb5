import type { Answers } from './answers';
import type { Definition, Question } from './definition';

/**
 * The rules an answer set must meet, without zod: the server (answers.ts `validateAnswers`) and the
 * resident's phone (components/questionnaire, whose bundle must carry no zod) check with the same code.
 * Each fault is a code per question, so the phone can say it in the reader's language.
 */

export type AnswerIssue =
  | { questionId: string; code: 'unknown' | 'required' | 'choice' | 'rating' | 'ranking' | 'text' }
  | { questionId: string; code: 'count'; min: number; max: number }
  | { questionId: string; code: 'tooLong'; max: number };

export function questionsOf(d: Definition): Question[] {
  return d.sections.flatMap((s) => s.questions);
}

/** The fewest and most options a multiple-choice answer may tick. */
export function choiceBounds(q: Extract<Question, { kind: 'multiple' }>): { min: number; max: number } {
  return { min: q.minChoices ?? (q.required ? 1 : 0), max: q.maxChoices ?? q.options.length };
}

/** Whether a value counts as no answer (absent, blank text, nothing ticked). */
export function isEmptyAnswer(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Checks `raw` against `definition`: the answers normalised (unanswered questions absent) and every fault. */
export function checkAnswers(definition: Definition, raw: Record<string, unknown>): { answers: Answers; issues: AnswerIssue[] } {
  const issues: AnswerIssue[] = [];
  const out: Answers = {};
  const questions = questionsOf(definition);
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(raw)) if (!known.has(id)) issues.push({ questionId: id, code: 'unknown' });
  for (const q of questions) {
    const v = raw[q.id];
    if (isEmptyAnswer(v)) {
      if (q.required && !(q.kind === 'multiple' && choiceBounds(q).min === 0)) issues.push({ questionId: q.id, code: 'required' });
      continue;
    }
    const isOption = (x: unknown) => q.kind !== 'rating' && q.kind !== 'text' && q.options.some((o) => o.id === x);
    switch (q.kind) {
      case 'single':
        if (typeof v !== 'string' || !isOption(v)) issues.push({ questionId: q.id, code: 'choice' });
        else out[q.id] = v;
        break;
      case 'multiple': {
        if (!Array.isArray(v) || v.some((x) => !isOption(x)) || new Set(v).size !== v.length) {
          issues.push({ questionId: q.id, code: 'choice' });
          break;
        }
        const { min, max } = choiceBounds(q);
        if (v.length < Math.max(min, 1) || v.length > max) issues.push({ questionId: q.id, code: 'count', min: Math.max(min, 1), max });
        else out[q.id] = q.options.filter((o) => v.includes(o.id)).map((o) => o.id);
        break;
      }
      case 'rating':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) issues.push({ questionId: q.id, code: 'rating' });
        else out[q.id] = v;
        break;
      case 'ranking':
        if (!Array.isArray(v) || v.length !== q.options.length || new Set(v).size !== v.length || v.some((x) => !isOption(x))) {
          issues.push({ questionId: q.id, code: 'ranking' });
        } else out[q.id] = v as string[];
        break;
      case 'text': {
        const text = typeof v === 'string' ? v.trim() : null;
        if (text === null) issues.push({ questionId: q.id, code: 'text' });
        else if ([...text].length > q.maxLength) issues.push({ questionId: q.id, code: 'tooLong', max: q.maxLength });
        else out[q.id] = text;
        break;
      }
    }
  }
  return { answers: out, issues };
}
