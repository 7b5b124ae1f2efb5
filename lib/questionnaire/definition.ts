import { z } from 'zod';
import { AppError } from '../platform/errors';
import { canonicalJson } from '../record/canonical';

/**
 * A questionnaire's definition (问卷): sections of questions of five kinds. Question and option ids are
 * stable across edits — answers, versions and the aggregation across versions refer to them — so the
 * builder keeps them; an item that arrives without one gets a fresh id when the draft is saved.
 * Browser-safe (zod and canonical JSON only), so the console's builder can check a draft with the same
 * schema; the definition's hash is lib/questionnaire/hash.ts (server).
 */

export const QUESTIONNAIRE_LIMITS = {
  sections: 20, questionsPerSection: 50, questions: 100, options: 30, rankingOptions: 10,
  title: 200, intro: 2000, help: 500, label: 200, textMax: 2000, textDefault: 500,
} as const;
const L = QUESTIONNAIRE_LIMITS;

export const questionKinds = ['single', 'multiple', 'rating', 'ranking', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

const ItemId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'an id: 1–40 letters, digits, - or _');
const Line = (max: number) => z.string().trim().min(1).max(max);
const Option = z.strictObject({ id: ItemId.optional(), label: Line(L.label) });

const base = {
  id: ItemId.optional(),
  title: Line(L.title),
  help: z.string().trim().max(L.help).default(''),
  required: z.boolean().default(true),
};
const Single = z.strictObject({ ...base, kind: z.literal('single'), options: z.array(Option).min(1).max(L.options) });
const Multiple = z.strictObject({
  ...base, kind: z.literal('multiple'), options: z.array(Option).min(1).max(L.options),
  /** fewest and most options one may tick; default 1 (0 when optional) and all */
  minChoices: z.number().int().min(0).max(L.options).optional(),
  maxChoices: z.number().int().min(1).max(L.options).optional(),
});
/** 1–5; the labels of the ends (很不满意 … 很满意) are the builder's, optional. */
const Rating = z.strictObject({ ...base, kind: z.literal('rating'), lowLabel: z.string().trim().max(40).default(''), highLabel: z.string().trim().max(40).default('') });
/** Every option is put in order; at least two, at most ten (a phone screen's worth). */
const Ranking = z.strictObject({ ...base, kind: z.literal('ranking'), options: z.array(Option).min(2).max(L.rankingOptions) });
const Text = z.strictObject({ ...base, kind: z.literal('text'), maxLength: z.number().int().min(1).max(L.textMax).default(L.textDefault) });

const QuestionInput = z.discriminatedUnion('kind', [Single, Multiple, Rating, Ranking, Text]);
const SectionInput = z.strictObject({
  id: ItemId.optional(),
  title: z.string().trim().max(L.title).default(''),
  questions: z.array(QuestionInput).min(1).max(L.questionsPerSection),
});

/** The definition as the builder sends it: ids optional, the rules across fields checked here. */
export const DefinitionInput = z.strictObject({
  title: Line(L.title),
  intro: z.string().trim().max(L.intro).default(''),
  sections: z.array(SectionInput).min(1).max(L.sections),
}).superRefine((d, ctx) => {
  const questionIds = new Map<string, string>();
  const sectionIds = new Set<string>();
  let count = 0;
  d.sections.forEach((s, si) => {
    if (s.id) {
      if (sectionIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: 'Two sections have this id' });
      sectionIds.add(s.id);
    }
    s.questions.forEach((q, qi) => {
      const at = ['sections', si, 'questions', qi];
      count++;
      if (q.id) {
        if (questionIds.has(q.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `Two questions have this id (also ${questionIds.get(q.id)})` });
        questionIds.set(q.id, at.join('.'));
      }
      if (q.kind === 'text' || q.kind === 'rating') return;
      const labels = new Set<string>();
      const ids = new Set<string>();
      q.options.forEach((o, oi) => {
        if (labels.has(o.label)) ctx.addIssue({ code: 'custom', path: [...at, 'options', oi, 'label'], message: 'Two options have this label' });
        labels.add(o.label);
        if (o.id && ids.has(o.id)) ctx.addIssue({ code: 'custom', path: [...at, 'options', oi, 'id'], message: 'Two options have this id' });
        if (o.id) ids.add(o.id);
      });
      if (q.kind === 'multiple') {
        const min = q.minChoices ?? (q.required ? 1 : 0);
        const max = q.maxChoices ?? q.options.length;
        if (max > q.options.length) ctx.addIssue({ code: 'custom', path: [...at, 'maxChoices'], message: 'More choices allowed than there are options' });
        if (min > max) ctx.addIssue({ code: 'custom', path: [...at, 'minChoices'], message: 'The fewest choices exceed the most' });
        if (q.required && min === 0) ctx.addIssue({ code: 'custom', path: [...at, 'minChoices'], message: 'A required question needs at least one choice' });
      }
    });
  });
  if (count > L.questions) ctx.addIssue({ code: 'custom', path: ['sections'], message: `At most ${L.questions} questions in all` });
});

export type Option = { id: string; label: string };
type QuestionBase = { id: string; title: string; help: string; required: boolean };
export type Question = QuestionBase & (
  | { kind: 'single'; options: Option[] }
  | { kind: 'multiple'; options: Option[]; minChoices?: number; maxChoices?: number }
  | { kind: 'rating'; lowLabel: string; highLabel: string }
  | { kind: 'ranking'; options: Option[] }
  | { kind: 'text'; maxLength: number }
);
export type Section = { id: string; title: string; questions: Question[] };
/** A definition as stored: every section, question and option has its id. */
export type Definition = { title: string; intro: string; sections: Section[] };

/** A stored definition read back (the database's or a record's JSON): checked again, ids kept. */
export function readDefinition(json: string): Definition {
  return parseDefinition(JSON.parse(json));
}

/** 8 characters of base64url from 6 random bytes (Web Crypto: Node and browsers alike). */
const freshId = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(6)))).replace(/\+/g, '-').replace(/\//g, '_');

/**
 * Checks a definition from the builder and gives every item without an id a fresh one. BAD_REQUEST
 * lists each fault by its path (`sections.0.questions.2.options.1.label`), like every route's input.
 */
export function parseDefinition(raw: unknown): Definition {
  const parsed = DefinitionInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', 'The questionnaire is not valid', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const d = parsed.data;
  const taken = new Set(d.sections.flatMap((s) => s.questions.flatMap((q) => (q.id ? [q.id] : []))));
  const unique = () => {
    let id = freshId();
    while (taken.has(id)) id = freshId();
    taken.add(id);
    return id;
  };
  return {
    title: d.title, intro: d.intro,
    sections: d.sections.map((s) => ({
      id: s.id ?? freshId(), title: s.title,
      questions: s.questions.map((q) => {
        const id = q.id ?? unique();
        if (!('options' in q)) return { ...q, id } as Question;
        const optionIds = new Set(q.options.flatMap((o) => (o.id ? [o.id] : [])));
        const options = q.options.map((o) => {
          if (o.id) return { id: o.id, label: o.label };
          let oid = freshId();
          while (optionIds.has(oid)) oid = freshId();
          optionIds.add(oid);
          return { id: oid, label: o.label };
        });
        return { ...q, id, options } as Question;
      }),
    })),
  };
}

/** A question's identity across versions: two versions ask "the same question" when this is equal. */
export function questionIdentity(q: Question): string {
  return canonicalJson(q);
}

export { choiceBounds, questionsOf } from './answer-rules';
