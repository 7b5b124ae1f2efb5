import { z } from 'zod';
import { Commitment, Iso, type RecordPart } from '../documents';

/**
 * A hearing in the record: the admitted participants (a seat, or for someone staff registered a committed
 * name) with their role, side and summary as the hall heard them; every turn (听证笔录) with its speaker's
 * confirmation and corrections; the result. Applications not admitted are not in the record. A
 * representative's turn points at their participant; the host's and the proposing party's turns name
 * them (staff and a party, public by office).
 */
export const hearingRecordShape = {
  hearing: z.object({
    proposer: z.string(), turnSeconds: z.number().int(),
    participants: z.array(z.object({
      id: z.string(), seatId: z.string().optional(), nameCommitment: Commitment.optional(), role: z.string(), stake: z.string(), summary: z.string(),
    })),
    turns: z.array(z.object({
      id: z.string(), stage: z.string(), participantId: z.string().nullable(), speaker: z.string().optional(), role: z.string(), stake: z.string().nullable(),
      startedAt: Iso, durationSec: z.number().int().nullable(), confirmedAt: Iso.nullable(), corrections: z.array(z.object({ text: z.string(), at: Iso })),
    })),
    result: z.object({ decision: z.string(), reasons: z.string(), at: Iso }).nullable(),
  }).optional(),
};
type HearingRecord = { [K in keyof typeof hearingRecordShape]: z.infer<(typeof hearingRecordShape)[K]> };

export const hearingRecord: RecordPart<HearingRecord> = {
  section(s, { commit }) {
    const h = s.hearing;
    if (!h) return {};
    const admitted = h.registrations.filter((r) => r.status === 'admitted');
    return {
      hearing: {
        proposer: h.proposer, turnSeconds: h.turnSeconds,
        participants: admitted.map((r) => ({
          id: r.id, ...(r.seatId ? { seatId: r.seatId } : { nameCommitment: commit(r.name) }), role: r.role ?? 'representative', stake: r.stake ?? 'other', summary: r.summary,
        })),
        turns: h.turns.map((x) => ({
          id: x.id, stage: x.stage, participantId: x.registrationId, ...(x.registrationId ? {} : { speaker: x.speaker }), role: x.role, stake: x.stake,
          startedAt: x.startedAt, durationSec: x.durationSec, confirmedAt: x.confirmedAt, corrections: x.corrections,
        })),
        result: h.result,
      },
    };
  },
  seatRefs: (r) => (r.hearing?.participants ?? []).flatMap((x) => (x.seatId ? [x.seatId] : [])),
};
