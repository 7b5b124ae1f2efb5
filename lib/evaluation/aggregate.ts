import { type Card, type Rating } from './criteria';

export type Distribution = Record<Rating, number>;
export type UnitResult = { answers: number; completion: Distribution; performance: Distribution; problems: string[]; reasons: string[] };

const empty = (): Distribution => ({ satisfied: 0, basically_satisfied: 0, dissatisfied: 0 });

/**
 * One unit's result from its box: the distribution per rated criterion, and the non-empty texts sorted
 * (code-point order, as the box is), so their order says nothing about who wrote them or when.
 */
export function unitResult(cards: readonly Card[]): UnitResult {
  const r: UnitResult = { answers: cards.length, completion: empty(), performance: empty(), problems: [], reasons: [] };
  for (const c of cards) {
    r.completion[c.completion]++;
    r.performance[c.performance]++;
    if (c.problems.trim()) r.problems.push(c.problems.trim());
    if (c.reasons.trim()) r.reasons.push(c.reasons.trim());
  }
  r.problems.sort(codeOrder);
  r.reasons.sort(codeOrder);
  return r;
}

function codeOrder(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The satisfaction rate (满意率) as evaluations customarily publish it: 满意 and 基本满意 over all answers,
 * in whole per cent (rounded half up); null without answers. Computed for display, never stored: the
 * record keeps the counts.
 */
export function satisfactionRate(d: Distribution): number | null {
  const n = d.satisfied + d.basically_satisfied + d.dissatisfied;
  if (n === 0) return null;
  return Math.floor(((d.satisfied + d.basically_satisfied) * 100) / n + 0.5);
}
