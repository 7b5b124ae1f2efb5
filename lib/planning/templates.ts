import { z } from 'zod';
import { MeetingForm, meetingForms, type MeetingForm as Form } from '../meeting/model';
import type { MeetingProcedure } from '../meeting/state';
import { QuorumRule } from '../meeting/quorum';
import { ParticipantCategory } from './categories';
import { StepMarker } from './procedure';
// The checklist functions live in procedure.ts, which the browser imports without this file's default data.
export { keptProcedure, missingCategories, stepProgress, StepMarker, type StepFacts, type StepProgress } from './procedure';
import defaultTemplatesJson from './templates/default.json' with { type: 'json' };

/**
 * Procedure templates: for each of the standard's ten forms, its steps (基本程序), the participant
 * categories it needs, its quorum rule and how many days ahead its notice must be published. Data beside
 * the index catalogue, edited by the district; nothing in code names a step.
 */

const Text = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const StepId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'step ids are lower-case words joined by _');

const Step = z.strictObject({ id: StepId, name: Text, doneWhen: StepMarker });

const Template = z.strictObject({
  form: MeetingForm,
  steps: z.array(Step).min(1),
  /** categories whose absence from the invitations the console warns about */
  requiredCategories: z.array(ParticipantCategory),
  /** categories pre-ticked when a meeting of this form is planned */
  defaultCategories: z.array(ParticipantCategory).min(1),
  /** null: the form is not a sitting and has no quorum (questionnaire, visits …) */
  quorumRule: QuorumRule.nullable(),
  /** the notice must be published at least this many days before the start; 0: no lead time */
  noticeLeadDays: z.number().int().min(0).max(60),
  /**
   * Whether the facilitator may admit walk-in stakeholders (non-roster participants who may speak) and
   * whether they may vote in non-binding polls. The standard opens 开放空间 and 民主恳谈 to anyone with a
   * stake; binding votes (议事会 and every binding poll) stay roster-only whatever this says.
   */
  walkIns: z.strictObject({ allowed: z.boolean(), nonBindingVotes: z.boolean() }).default({ allowed: false, nonBindingVotes: false }),
  /** days the results stay in publicity (结果公示) on the board after filing, open to objections */
  publicityDays: z.number().int().min(1).max(60).default(5),
  /** where a figure or a step is our default rather than the standard's */
  note: Text.optional(),
});
export type ProcedureTemplate = z.output<typeof Template>;
export type ProcedureStep = ProcedureTemplate['steps'][number];

export const TemplatesSchema = z.strictObject({
  version: z.string().min(1),
  templates: z.array(Template),
});
export type ProcedureTemplates = z.output<typeof TemplatesSchema>;

export type TemplatesValidation = { ok: true; templates: ProcedureTemplates } | { ok: false; errors: string[] };

/** Checks a set of templates: the shape, then one template per form, unique steps, required ⊆ default. */
export function validateTemplates(raw: unknown): TemplatesValidation {
  const parsed = TemplatesSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${where(raw, i.path)}: ${i.message}`) };
  }
  const errors: string[] = [];
  const seen = new Set<Form>();
  for (const t of parsed.data.templates) {
    if (seen.has(t.form)) errors.push(`template "${t.form}": more than one template for this form`);
    seen.add(t.form);
    const steps = new Set<string>();
    for (const s of t.steps) {
      if (steps.has(s.id)) errors.push(`template "${t.form}": step "${s.id}" appears twice`);
      steps.add(s.id);
    }
    for (const c of t.requiredCategories) {
      if (!t.defaultCategories.includes(c)) errors.push(`template "${t.form}": required category "${c}" is not among the default categories`);
    }
    if (t.walkIns.nonBindingVotes && !t.walkIns.allowed) errors.push(`template "${t.form}": walk-ins may only vote where they are allowed`);
    if (t.noticeLeadDays > 0 && !t.steps.some((s) => s.doneWhen === 'announced')) {
      errors.push(`template "${t.form}": a notice lead time needs a step marked done when announced`);
    }
  }
  for (const form of meetingForms) if (!seen.has(form)) errors.push(`template "${form}": missing`);
  return errors.length ? { ok: false, errors } : { ok: true, templates: parsed.data };
}

/** Names the template an issue is about by its form, e.g. `template "hearing": steps.0.name`. */
function where(raw: unknown, path: PropertyKey[]): string {
  const [list, index, ...rest] = path;
  if (list === 'templates' && typeof index === 'number') {
    const form = (raw as { templates?: { form?: unknown }[] }).templates?.[index]?.form;
    const name = typeof form === 'string' ? `template "${form}"` : `templates[${index}]`;
    return rest.length ? `${name}: ${rest.join('.')}` : name;
  }
  return path.join('.') || '(templates)';
}

let defaultTemplates: ProcedureTemplates | null = null;

/** The shipped templates, validated once; each caller gets its own copy, which it may change. */
export function loadDefaultTemplates(): ProcedureTemplates {
  if (!defaultTemplates) {
    const result = validateTemplates(defaultTemplatesJson);
    if (!result.ok) throw new Error(`the default procedure templates are invalid:\n${result.errors.join('\n')}`);
    defaultTemplates = result.templates;
  }
  return structuredClone(defaultTemplates);
}

/** A form's walk-in rule in the shipped templates: for meetings created outside planning (tests, benches). */
export function walkInPolicyOf(form: Form): { allowed: boolean; nonBindingVotes: boolean } {
  return templateFor(loadDefaultTemplates(), form).walkIns;
}

export function templateFor(templates: ProcedureTemplates, form: Form): ProcedureTemplate {
  const found = templates.templates.find((t) => t.form === form);
  if (!found) throw new Error(`no procedure template for form ${form}`);
  return found;
}

/** What a meeting planned with this template keeps of it in its log (the template edition may change later). */
export function meetingProcedure(templates: ProcedureTemplates, form: Form): MeetingProcedure {
  const { steps, requiredCategories } = templateFor(templates, form);
  return { version: templates.version, steps, requiredCategories };
}
