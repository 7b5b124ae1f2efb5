/**
 * The criteria of a 民主评议 as the standard names them, and the rule for one evaluator's card on one unit.
 * 完成情况 (completion of the commitments) and 履职情况 (how the unit performed its duties) are rated;
 * 落实中的问题 (problems in carrying them out) and 无法落实的客观原因 (objective reasons something could not
 * be carried out) are free text, optional.
 *
 * The scale is the three levels the product already uses for residents' ratings of a decision
 * (DecisionRating: 满意 / 基本满意 / 不满意), and the one community evaluations customarily publish as a
 * 满意率: three big buttons a representative can answer on a phone without a legend, where 1–5 would ask
 * them to calibrate. Browser-safe and without zod: the evaluator's phone page checks with the same rule.
 */
export const ratings = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof ratings)[number];

export const ratedCriteria = ['completion', 'performance'] as const;
export type RatedCriterion = (typeof ratedCriteria)[number];
export const textCriteria = ['problems', 'reasons'] as const;
export type TextCriterion = (typeof textCriteria)[number];

export const CARD_TEXT_MAX = 1000;

/** One evaluator's card on one unit, as stored in the unit's box (no evaluator, no time). */
export type Card = { completion: Rating; performance: Rating; problems: string; reasons: string };

export type CardProblem = { field: RatedCriterion | TextCriterion; problem: 'rating_required' | 'text_too_long' };

/** What is wrong with a card, field by field (empty when it can be sent). Texts are taken as trimmed. */
export function cardProblems(c: { completion?: string | null; performance?: string | null; problems?: string; reasons?: string }): CardProblem[] {
  const out: CardProblem[] = [];
  for (const k of ratedCriteria) if (!(ratings as readonly string[]).includes(c[k] ?? '')) out.push({ field: k, problem: 'rating_required' });
  for (const k of textCriteria) if ((c[k] ?? '').trim().length > CARD_TEXT_MAX) out.push({ field: k, problem: 'text_too_long' });
  return out;
}
