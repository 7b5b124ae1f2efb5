import { z } from 'zod';
import { AppError } from '../platform/errors';
import { canonicalJson } from '../record/canonical';
import { choiceBounds, questionsOf, type Definition } from './definition';

/**
 * One resident's answers to one version of a questionnaire, by question id: an option id (single), option
 * ids (multiple, in the options' order; ranking, first place first), 1–5 (rating) or the text. A question
 * left unanswered is absent. Answers are checked against the version they were given for, never another.
 */
export type AnswerValue = string | string[] | number;
export type Answers = Record<string, AnswerValue>;

const Raw = z.record(z.string().max(40), z.union([z.string().max(4000), z.array(z.string().max(40)).max(30), z.number(), z.null()]));

/** The body of a response: the version the phone showed and its answers. */
export const ResponseInput = z.strictObject({ version: z.number().int().min(1), answers: Raw });

type Issue = { path: string; message: string };

/** Checks answers against `definition`; returns them normalised or throws BAD_REQUEST naming each question at fault. */
export function validateAnswers(definition: Definition, raw: z.infer<typeof Raw>): Answers {
  const issues: Issue[] = [];
  const out: Answers = {};
  const questions = questionsOf(definition);
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(raw)) if (!known.has(id)) issues.push({ path: `answers.${id}`, message: 'No such question in this version' });
  for (const q of questions) {
    const path = `answers.${q.id}`;
    const v = raw[q.id];
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required && !(q.kind === 'multiple' && choiceBounds(q).min === 0)) issues.push({ path, message: 'This question must be answered' });
      continue;
    }
    const fail = (message: string) => issues.push({ path, message });
    switch (q.kind) {
      case 'single':
        if (typeof v !== 'string' || !q.options.some((o) => o.id === v)) fail('Choose one of the options');
        else out[q.id] = v;
        break;
      case 'multiple': {
        if (!Array.isArray(v) || v.some((x) => !q.options.some((o) => o.id === x)) || new Set(v).size !== v.length) {
          fail('Choose among the options, each once');
          break;
        }
        const { min, max } = choiceBounds(q);
        if (v.length < Math.max(min, 1) || v.length > max) fail(`Choose between ${Math.max(min, 1)} and ${max} options`);
        else out[q.id] = q.options.filter((o) => v.includes(o.id)).map((o) => o.id);
        break;
      }
      case 'rating':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) fail('Rate from 1 to 5');
        else out[q.id] = v;
        break;
      case 'ranking':
        if (!Array.isArray(v) || v.length !== q.options.length || new Set(v).size !== v.length || v.some((x) => !q.options.some((o) => o.id === x))) {
          fail('Put every option in order, each once');
        } else out[q.id] = v;
        break;
      case 'text': {
        const text = typeof v === 'string' ? v.trim() : null;
        if (text === null) fail('Write an answer');
        else if ([...text].length > q.maxLength) fail(`At most ${q.maxLength} characters`);
        else out[q.id] = text;
        break;
      }
    }
  }
  if (issues.length) throw new AppError('BAD_REQUEST', 'The answers do not fit this questionnaire', { issues });
  return out;
}

/**
 * An anonymous questionnaire's answers to one version as stored: the multiset of answer sets, each as
 * canonical JSON, sorted — like a secret poll's ballot box. Nothing in it follows the answering order.
 */
export const AnswerBox = z.array(z.string());

export function addToBox(box: readonly string[], answers: Answers): string[] {
  return [...box, canonicalJson(answers)].sort();
}

export function readBox(contents: string): Answers[] {
  return AnswerBox.parse(JSON.parse(contents)).map((a) => JSON.parse(a) as Answers);
}
