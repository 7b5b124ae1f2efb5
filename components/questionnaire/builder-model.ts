import { DefinitionInput, QUESTIONNAIRE_LIMITS, type Definition, type QuestionKind } from '@/lib/questionnaire/definition';

/**
 * The console builder's working copy of a definition. Every item carries an id from the moment it is
 * added (the builder mints them; the server keeps given ids), so React keys, error paths and the answers
 * across versions all refer to the same thing. Each question keeps every kind's fields, so switching its
 * kind back and forth loses nothing; `toInput` sends only the fields of its kind (the schema is strict).
 */
export type BuilderOption = { id: string; label: string };
export type BuilderQuestion = {
  id: string; kind: QuestionKind; title: string; help: string; required: boolean;
  options: BuilderOption[]; maxChoices: number | null; lowLabel: string; highLabel: string; maxLength: number;
};
export type BuilderSection = { id: string; title: string; questions: BuilderQuestion[] };
export type BuilderDefinition = { title: string; intro: string; sections: BuilderSection[] };

/** A fresh id within the definition's id rules (1–40 of A–Z a–z 0–9 - _). */
export function mintId(prefix: string): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  return prefix + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 8);
}

export function newQuestion(kind: QuestionKind): BuilderQuestion {
  const withOptions = kind === 'single' || kind === 'multiple' || kind === 'ranking';
  return {
    id: mintId('q'), kind, title: '', help: '', required: kind !== 'text',
    options: withOptions ? [{ id: mintId('o'), label: '' }, { id: mintId('o'), label: '' }] : [],
    maxChoices: null, lowLabel: '', highLabel: '', maxLength: QUESTIONNAIRE_LIMITS.textDefault,
  };
}

export const newSection = (): BuilderSection => ({ id: mintId('s'), title: '', questions: [newQuestion('single')] });

export const emptyBuilder = (): BuilderDefinition => ({ title: '', intro: '', sections: [newSection()] });

export function fromDefinition(d: Definition | null): BuilderDefinition {
  if (!d || d.sections.length === 0) return { ...emptyBuilder(), title: d?.title ?? '', intro: d?.intro ?? '' };
  return {
    title: d.title, intro: d.intro,
    sections: d.sections.map((s) => ({
      id: s.id, title: s.title,
      questions: s.questions.map((q) => ({
        ...newQuestion(q.kind), id: q.id, title: q.title, help: q.help, required: q.required,
        options: 'options' in q ? q.options.map((o) => ({ ...o })) : [],
        maxChoices: q.kind === 'multiple' ? q.maxChoices ?? null : null,
        lowLabel: q.kind === 'rating' ? q.lowLabel : '', highLabel: q.kind === 'rating' ? q.highLabel : '',
        maxLength: q.kind === 'text' ? q.maxLength : QUESTIONNAIRE_LIMITS.textDefault,
      })),
    })),
  };
}

/** The definition as the API takes it. */
export function toInput(b: BuilderDefinition) {
  return {
    title: b.title, intro: b.intro,
    sections: b.sections.map((s) => ({
      id: s.id, title: s.title,
      questions: s.questions.map((q) => {
        const base = { id: q.id, title: q.title, help: q.help, required: q.required };
        switch (q.kind) {
          case 'single':
          case 'ranking':
            return { ...base, kind: q.kind, options: q.options };
          case 'multiple':
            return { ...base, kind: q.kind, options: q.options, ...(q.maxChoices ? { maxChoices: q.maxChoices } : {}) };
          case 'rating':
            return { ...base, kind: q.kind, lowLabel: q.lowLabel, highLabel: q.highLabel };
          case 'text':
            return { ...base, kind: q.kind, maxLength: q.maxLength };
        }
      }),
    })),
  };
}

/** A problem with one field: its path as the server names it (`sections.0.questions.2.options.1.label`). */
export type FieldIssue = { path: string; code: string; message: string };

/** The same check the server makes (lib/questionnaire/definition.ts), before sending. */
export function checkBuilder(b: BuilderDefinition): FieldIssue[] {
  const parsed = DefinitionInput.safeParse(toInput(b));
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}

/**
 * The definition the preview shows: what the builder has, with placeholders where a title or label is
 * still blank (the preview is drawn while typing).
 */
export function previewDefinition(b: BuilderDefinition, placeholder: string): Definition {
  const input = toInput(b);
  return {
    title: input.title, intro: input.intro,
    sections: input.sections.map((s) => ({
      id: s.id, title: s.title,
      questions: s.questions.map((q) => ({
        ...q, title: q.title || placeholder,
        ...('options' in q ? { options: q.options.map((o) => ({ ...o, label: o.label || placeholder })) } : {}),
      })) as Definition['sections'][number]['questions'],
    })),
  };
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
}
