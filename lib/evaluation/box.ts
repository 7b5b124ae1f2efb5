import { z } from 'zod';
import { canonicalJson } from '../record/canonical';
import { ratings, type Card } from './criteria';

/**
 * A unit's box as stored (EvaluationBox.contents): the multiset of cards, each as canonical JSON, sorted —
 * like a secret poll's ballot box. One box per unit, so even one evaluator's cards on two units are not
 * tied together; nothing in it follows the answering order.
 */
const CardShape = z.strictObject({ completion: z.enum(ratings), performance: z.enum(ratings), problems: z.string(), reasons: z.string() });

export function addToBox(contents: string | null, card: Card): string {
  const box = contents ? z.array(z.string()).parse(JSON.parse(contents)) : [];
  const entry = canonicalJson({ completion: card.completion, performance: card.performance, problems: card.problems.trim(), reasons: card.reasons.trim() });
  return JSON.stringify([...box, entry].sort());
}

export function readBox(contents: string): Card[] {
  return z.array(z.string()).parse(JSON.parse(contents)).map((e) => CardShape.parse(JSON.parse(e)));
}
