/**
 * A round of household visits as the log folds it: draft (being planned) → open (the team visits; entries
 * come in, also late from offline phones) → finished (no more entries; the conclusion is written) → the
 * conclusion is recorded and the meeting closes.
 */
export type VisitsPhase = 'draft' | 'open' | 'finished';

export type VisitsLifecycle = {
  phase: VisitsPhase;
  question: string;
  startedAt: string | null;
  finishedAt: string | null;
  conclusion: { text: string; at: string } | null;
};

export const emptyVisits = (): VisitsLifecycle => ({ phase: 'draft', question: '', startedAt: null, finishedAt: null, conclusion: null });

export const QUESTION_MAX = 500;
export const CONCLUSION_MAX = 4000;
