import { z } from 'zod';
import { Iso, type RecordPart } from '../documents';
import { askerKinds, feedbackChannels } from './model';

/**
 * An expert consultation (专家咨询, since issue 14) in the record: the question and who asked, the
 * acceptance, every invited expert with their final written opinion (experts sign their advice: names and
 * opinions in the clear, each pointing at the expert's seat), whether the meeting sat, the conclusion, and
 * when and how it was fed back to whoever asked. Optional: other meetings keep their bytes.
 */
export const expertRecordShape = {
  expert: z.object({
    question: z.string(),
    asker: z.object({ kind: z.enum(askerKinds), name: z.string(), topicId: z.string().nullable() }),
    askedAt: Iso,
    acceptance: z.object({ accepted: z.boolean(), reason: z.string(), at: Iso }),
    experts: z.array(z.object({
      seatId: z.string(), name: z.string(),
      opinion: z.object({ title: z.string(), text: z.string(), at: Iso, revisions: z.number().int().min(1) }).nullable(),
    })),
    sat: z.boolean(),
    conclusion: z.object({ text: z.string(), at: Iso }),
    feedback: z.object({ channel: z.enum(feedbackChannels), note: z.string(), at: Iso }),
  }).optional(),
};
type ExpertRecord = { [K in keyof typeof expertRecordShape]: z.infer<(typeof expertRecordShape)[K]> };
export type ExpertRecordSection = NonNullable<ExpertRecord['expert']>;

export const expertRecord: RecordPart<ExpertRecord> = {
  section(s) {
    const e = s.expert;
    // Only a consultation that ran to its feedback closes (a declined one is cancelled, and has no record).
    if (!e?.acceptance || !e.conclusion || !e.feedback) return {};
    const experts = s.seats.filter((seat) => seat.kind === 'expert').map((seat) => {
      const o = e.opinions.find((x) => x.seatId === seat.id);
      return { seatId: seat.id, name: seat.name, opinion: o ? { title: o.title, text: o.text, at: o.at, revisions: o.revisions } : null };
    });
    return {
      expert: {
        question: e.question, asker: e.asker, askedAt: e.askedAt,
        acceptance: { accepted: e.acceptance.accepted, reason: e.acceptance.reason, at: e.acceptance.at },
        experts, sat: s.startedAt !== null,
        conclusion: { text: e.conclusion.text, at: e.conclusion.at },
        feedback: { channel: e.feedback.channel, note: e.feedback.note, at: e.feedback.at },
      },
    };
  },
  seatRefs: (r) => (r.expert?.experts ?? []).map((x) => x.seatId),
};
