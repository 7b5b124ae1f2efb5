import { z } from 'zod';
import { ParticipantCategory } from '../planning/categories';
import { CARD_TEXT_MAX, cardProblems, ratings } from './criteria';

/** The bodies of the evaluation routes (server/evaluation-routes.ts), checked at the boundary. */

export const MAX_UNITS = 30;
export const MAX_COMMITMENTS = 30;
export const MAX_EVALUATORS = 500;
export const NOTE_MAX = 4000;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');
const Id = z.string().regex(/^[A-Za-z0-9-]{1,100}$/);

/** A commitment (承诺事项) of a unit: a decision of a filed record (with its implementation status when planned), or typed in. */
export const Commitment = z.strictObject({
  text: z.string().trim().min(1).max(500),
  decision: z.strictObject({ recordId: Id, pollId: z.string().min(1).max(100) }).nullable().default(null),
  /** the implementation's status when it was planned (DecisionTask.status), for the evaluators' eyes */
  status: z.enum(['not_started', 'in_progress', 'done', 'impossible']).nullable().default(null),
});
export type Commitment = z.infer<typeof Commitment>;

export const Unit = z.strictObject({
  /** stable within the evaluation; minted when a unit arrives without one */
  id: Id.optional(),
  name: z.string().trim().min(1).max(100),
  commitments: z.array(Commitment).min(1).max(MAX_COMMITMENTS),
});

/** The plan as stored (every unit with its id). */
export const Plan = z.strictObject({
  periodFrom: Day.nullable(), periodTo: Day.nullable(),
  units: z.array(Unit.extend({ id: Id })).max(MAX_UNITS),
});
export type Plan = z.infer<typeof Plan>;

/**
 * Evaluators as staff choose them: roster categories (every active member in one — 居民代表 first of all),
 * roster members by id, and stakeholders typed in by name. Resolved into evaluator rows when saved.
 */
export const EvaluatorsInput = z.strictObject({
  categories: z.array(ParticipantCategory).max(20).default([]),
  memberIds: z.array(Id).max(MAX_EVALUATORS).default([]),
  others: z.array(z.strictObject({ name: z.string().trim().min(1).max(100) })).max(MAX_EVALUATORS).default([]),
});
export type EvaluatorsInput = z.infer<typeof EvaluatorsInput>;

export const PlanInput = z.strictObject({
  periodFrom: Day.nullable().optional(),
  periodTo: Day.nullable().optional(),
  units: z.array(Unit).max(MAX_UNITS).optional(),
  evaluators: EvaluatorsInput.optional(),
}).refine((i) => Object.values(i).some((v) => v !== undefined), 'Nothing to save')
  .refine((i) => !i.periodFrom || !i.periodTo || i.periodFrom <= i.periodTo, { path: ['periodTo'], message: 'The period ends before it begins' })
  .superRefine((i, ctx) => {
    const names = new Set<string>();
    (i.units ?? []).forEach((u, k) => {
      if (names.has(u.name)) ctx.addIssue({ code: 'custom', path: ['units', k, 'name'], message: 'duplicate_unit' });
      names.add(u.name);
    });
  });

export const DecisionsQuery = z.object({ from: Day, to: Day });
export const OpenInput = z.strictObject({ overrideReason: z.string().trim().min(2).max(500).optional() });
export const NoteInput = z.strictObject({ text: z.string().trim().max(NOTE_MAX) });
export const PublishInput = z.strictObject({ note: z.string().trim().max(NOTE_MAX).optional() });

/** An evaluator's answer: one card per unit, every unit once. */
export const RatingsInput = z.strictObject({
  cards: z.array(z.strictObject({
    unitId: Id,
    completion: z.enum(ratings),
    performance: z.enum(ratings),
    problems: z.string().max(CARD_TEXT_MAX * 2).default(''),
    reasons: z.string().max(CARD_TEXT_MAX * 2).default(''),
  }).superRefine((c, ctx) => {
    for (const p of cardProblems(c)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.problem });
  })).min(1).max(MAX_UNITS),
});
export type RatingsInput = z.infer<typeof RatingsInput>;
