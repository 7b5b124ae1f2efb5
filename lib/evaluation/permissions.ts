import type { MeetingRole } from '../meeting/permissions';

/**
 * Who may do what with a 民主评议 — the one place this is decided, tested as a matrix. Staff act through
 * their role in its meeting (lib/meeting/queries `staffRoleIn`): the facilitator role (书记, community
 * staff) manages it — the plan, the evaluators and their links, opening, closing, publishing; recorders
 * and, above the community, assessors and district admins (viewer role) read it: the plan, how many
 * evaluators answered (never who), and the result table once closed. An evaluator, holding their personal
 * link, rates. Units under evaluation, and everyone else, see only the published result (the record and
 * the board), never anything here.
 */
export const evaluationActions = ['evaluation.manage', 'evaluation.read', 'evaluation.rate'] as const;
export type EvaluationAction = (typeof evaluationActions)[number];

export type EvaluationActor = MeetingRole | 'evaluator' | 'public';

const allow: Partial<Record<EvaluationActor, readonly EvaluationAction[]>> = {
  facilitator: ['evaluation.manage', 'evaluation.read'],
  recorder: ['evaluation.read'],
  viewer: ['evaluation.read'],
  evaluator: ['evaluation.rate'],
};

export function mayEvaluation(actor: EvaluationActor, action: EvaluationAction): boolean {
  return allow[actor]?.includes(action) ?? false;
}
