import { z } from 'zod';
import type { MeetingProcedure } from '../meeting/state';
import { ParticipantCategory } from './categories';

/**
 * A meeting's procedure checklist, read from what the meeting kept of its form's template when it was
 * planned (templates.ts validates and stores the templates on the server). Free of the default template
 * data, so the console's planning panel can import it.
 */

/**
 * What marks a step done. The meeting's own milestones are read from its state; `manual` steps are ticked
 * by staff (with who and when), because nothing in the product observes them yet (收集意见, 咨询受理 …).
 */
export const StepMarker = z.enum(['manual', 'announced', 'started', 'closed', 'filed', 'results_published']);
export type StepMarker = z.infer<typeof StepMarker>;

export type ProcedureStep = { id: string; name: { 'zh-CN': string; en: string }; doneWhen: StepMarker };

/** The checklist part of a meeting's kept procedure, read back (a marker or category unknown today reads as manual / is left out). */
export function keptProcedure(p: MeetingProcedure): { steps: ProcedureStep[]; requiredCategories: ParticipantCategory[] } {
  return {
    steps: p.steps.map((s) => ({ ...s, doneWhen: StepMarker.catch('manual').parse(s.doneWhen) })),
    requiredCategories: p.requiredCategories.flatMap((c) => (ParticipantCategory.safeParse(c).success ? [c as ParticipantCategory] : [])),
  };
}

/** The facts of one meeting a step checklist is read from. */
export type StepFacts = {
  announcedAt: Date | null;
  startedAt: Date | null;
  closedAt: Date | null;
  filedAt: Date | null;
  resultsPublishedAt: Date | null;
  /** manual steps ticked by staff: step id → when */
  ticked: Record<string, Date>;
};

export type StepProgress = { step: ProcedureStep; doneAt: Date | null };

/** The checklist the console shows and the record carries: each step of the form and when it was done. */
export function stepProgress(template: { steps: readonly ProcedureStep[] }, facts: StepFacts): StepProgress[] {
  const at: Record<Exclude<StepMarker, 'manual'>, Date | null> = {
    announced: facts.announcedAt,
    started: facts.startedAt,
    closed: facts.closedAt,
    filed: facts.filedAt,
    results_published: facts.resultsPublishedAt,
  };
  return template.steps.map((step) => ({ step, doneAt: step.doneWhen === 'manual' ? facts.ticked[step.id] ?? null : at[step.doneWhen] }));
}

/** Categories a form requires that the invitation leaves out (the console warns, e.g. a hearing without 居务监督委员会成员). */
export function missingCategories(template: { requiredCategories: readonly ParticipantCategory[] }, invited: readonly ParticipantCategory[]): ParticipantCategory[] {
  return template.requiredCategories.filter((c) => !invited.includes(c));
}
