import { z } from 'zod';

/**
 * The evaluation part's events: the lifecycle of a 民主评议, never a rating or who rated — those are in
 * lib/evaluation's rows (the units' anonymous boxes, the evaluators' participation apart), so the log says
 * nothing about who answered when. Opening names the plan by the SHA-256 of its canonical JSON.
 */
export const evaluationEventSchemas = {
  'evaluation.opened': z.object({ planSha256: z.string().regex(/^[0-9a-f]{64}$/), units: z.number().int().min(1), evaluators: z.number().int().min(1) }),
  /** no more ratings: the result table is final */
  'evaluation.closed': z.object({}),
  /** the result table is published with staff's note; the meeting closes with it and its record is frozen */
  'evaluation.published': z.object({ note: z.string() }),
} as const;
