import { z } from 'zod';
import { Iso, type RecordPart } from '../documents';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Dist = z.object({ satisfied: z.number().int().min(0), basically_satisfied: z.number().int().min(0), dissatisfied: z.number().int().min(0) });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A 民主评议 (since issue 14) in the record: the period, the plan's hash (as the log's evaluation.opened
 * names it), every unit under evaluation with its commitments (a decision of a filed record is named by
 * record and poll), and per unit the number of cards, the distribution of 满意 / 基本满意 / 不满意 for
 * 完成情况 and 履职情况, and the texts written for 落实中的问题 and 无法落实的客观原因 as sorted lists; the
 * numbers of evaluators invited and answered; the note published with it. No evaluator is in it, by name
 * or otherwise: the ratings are anonymous to the units, and the sorted lists and counts keep no order.
 */
export const evaluationRecordShape = {
  evaluation: z.object({
    periodFrom: Day.nullable(), periodTo: Day.nullable(), planSha256: Hex64,
    openedAt: Iso, closedAt: Iso, publishedAt: Iso,
    evaluators: z.object({ invited: z.number().int().min(0), answered: z.number().int().min(0) }),
    units: z.array(z.object({
      name: z.string(),
      commitments: z.array(z.object({
        text: z.string(), decision: z.object({ recordId: z.string(), pollId: z.string() }).nullable(),
        status: z.enum(['not_started', 'in_progress', 'done', 'impossible']).nullable(),
      })),
      answers: z.number().int().min(0),
      completion: Dist, performance: Dist,
      problems: z.array(z.string()), reasons: z.array(z.string()),
    })),
    note: z.string(),
  }).optional(),
};
type EvaluationRecord = { [K in keyof typeof evaluationRecordShape]: z.infer<(typeof evaluationRecordShape)[K]> };
export type EvaluationRecordSection = NonNullable<EvaluationRecord['evaluation']>;

/** What the record needs of an evaluation beyond the log: read from its rows (lib/evaluation/service.ts `evaluationRecordSource`). */
export type EvaluationRecordSource = Pick<EvaluationRecordSection, 'periodFrom' | 'periodTo' | 'evaluators' | 'units'>;

export const evaluationRecord: RecordPart<EvaluationRecord> = {
  section(s, { evaluation: e }) {
    const life = s.evaluation;
    if (!life || !e) return {};
    return {
      evaluation: {
        periodFrom: e.periodFrom, periodTo: e.periodTo, planSha256: life.planSha256,
        openedAt: life.openedAt, closedAt: life.closedAt ?? s.closedAt!, publishedAt: life.published?.at ?? s.closedAt!,
        evaluators: e.evaluators, units: e.units, note: life.published?.note ?? '',
      },
    };
  },
  // Evaluators are not seats of the meeting.
  seatRefs: () => [],
};
