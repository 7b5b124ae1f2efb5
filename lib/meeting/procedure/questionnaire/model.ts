/**
 * A questionnaire's lifecycle as the log folds it: draft (being built) → open (taking answers; edits make
 * new versions) → closed (results final) → the summary is published and the meeting closes.
 */
export type QuestionnairePhase = 'draft' | 'open' | 'closed';

export type QuestionnaireLifecycle = {
  phase: QuestionnairePhase;
  versions: { version: number; sha256: string; at: string }[];
  openedAt: string | null;
  closedAt: string | null;
  summary: { text: string; at: string } | null;
};

export const emptyQuestionnaire = (): QuestionnaireLifecycle => ({ phase: 'draft', versions: [], openedAt: null, closedAt: null, summary: null });

export const SUMMARY_MAX = 4000;
