import { z } from 'zod';

/**
 * Quorum: how many of the meeting's voting members must be present (hall + remote) for a poll to open.
 * Expressed as a fraction of the voting roster and whether the bar is "more than" or "at least" it,
 * which covers 过半数 (more than 1/2) and 三分之二以上 (at least 2/3).
 */
export const QuorumRule = z.object({
  numerator: z.number().int().min(0),
  denominator: z.number().int().min(1),
  comparison: z.enum(['more_than', 'at_least']),
}).refine((r) => r.numerator <= r.denominator, 'numerator must not exceed denominator');
export type QuorumRule = z.infer<typeof QuorumRule>;

export const quorumPresets = {
  more_than_half: { numerator: 1, denominator: 2, comparison: 'more_than' },
  two_thirds: { numerator: 2, denominator: 3, comparison: 'at_least' },
} as const satisfies Record<string, QuorumRule>;

export type QuorumStatus = {
  present: number;
  members: number;
  /** smallest number present that satisfies the rule */
  required: number;
  met: boolean;
};

export function requiredForQuorum(rule: QuorumRule, members: number): number {
  // Integer arithmetic: present/members > n/d  ⇔  present·d > n·members.
  const exact = (rule.numerator * members) / rule.denominator;
  if (rule.comparison === 'at_least') return Math.ceil(exact);
  return Math.floor(exact) + 1;
}

export function quorumStatus(rule: QuorumRule, present: number, members: number): QuorumStatus {
  const required = Math.min(requiredForQuorum(rule, members), Math.max(members, 0));
  // An empty roster never has quorum: there is nobody to decide anything.
  const met = members > 0 && present >= required;
  return { present, members, required, met };
}
