/**
 * A 民主评议's lifecycle as the log folds it: open (evaluators rate through their links) → closed (no
 * more ratings; the result table is final) → published (the meeting closes, its record is frozen). Before
 * it opens it has no lifecycle (null in the state): the plan and evaluators are a draft in its rows.
 */
export type EvaluationLifecycle = {
  phase: 'open' | 'closed';
  planSha256: string;
  units: number;
  evaluators: number;
  openedAt: string;
  closedAt: string | null;
  published: { note: string; at: string } | null;
};
