import type { MeetingRole } from '../meeting/permissions';

/**
 * Who may do what with an expert consultation (专家咨询) — the one place this is decided, tested as a
 * matrix. Staff act through their role in its meeting (lib/meeting/queries `staffRoleIn`): the facilitator
 * role (书记, community staff) runs the stages — the question, acceptance, the experts' links, an opinion
 * handed in on paper, the conclusion, the feedback; recorders and, above the community, assessors and
 * district admins (viewer) read it. An invited expert, holding their personal link, gives their own
 * written opinion. Nobody else does anything (the sitting's own roles are lib/meeting/permissions').
 */
export const expertActions = [
  'expert.manage',
  'expert.read', // the stages, the experts, their opinions, whether links were issued
  'expert.opine', // read the question and give (and change) one's own written opinion, through the personal link
] as const;
export type ExpertAction = (typeof expertActions)[number];

export type ExpertActor = MeetingRole | 'expert' | 'public';

const allow: Partial<Record<ExpertActor, readonly ExpertAction[]>> = {
  facilitator: ['expert.manage', 'expert.read'],
  recorder: ['expert.read'],
  viewer: ['expert.read'],
  expert: ['expert.opine'],
};

export function mayExpert(actor: ExpertActor, action: ExpertAction): boolean {
  return allow[actor]?.includes(action) ?? false;
}
