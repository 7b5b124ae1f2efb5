import { z } from 'zod';
import { AppError } from '../platform/errors';
import { canonicalJson } from '../record/canonical';
import { checkAnswers, type AnswerIssue } from './answer-rules';
import type { Definition } from './definition';

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

const issueMessage = (i: AnswerIssue): string => {
  switch (i.code) {
    case 'unknown': return 'No such question in this version';
    case 'required': return 'This question must be answered';
    case 'choice': return 'Choose among the options, each once';
    case 'count': return `Choose between ${i.min} and ${i.max} options`;
    case 'rating': return 'Rate from 1 to 5';
    case 'ranking': return 'Put every option in order, each once';
    case 'text': return 'Write an answer';
    case 'tooLong': return `At most ${i.max} characters`;
  }
};

/** Checks answers against `definition`; returns them normalised or throws BAD_REQUEST naming each question at fault. */
export function validateAnswers(definition: Definition, raw: z.infer<typeof Raw>): Answers {
  const { answers, issues } = checkAnswers(definition, raw);
  if (issues.length) {
    throw new AppError('BAD_REQUEST', 'The answers do not fit this questionnaire', {
      issues: issues.map((i) => ({ path: `answers.${i.questionId}`, message: issueMessage(i), code: i.code })),
    });
  }
  return answers;
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
