import { z } from 'zod';
import { Iso, type RecordPart } from '../documents';

/**
 * The audience's answered questions in the record, as the hall saw them: the asker's seat for a named
 * question, none for an anonymous one. Absent from a meeting without any.
 */
export const qaRecordShape = {
  questions: z.array(z.object({
    id: z.string(), itemId: z.string().nullable(), text: z.string(), seatId: z.string().optional(), votes: z.number().int().min(0),
    askedAt: Iso, answeredAt: Iso.nullable(), movedTo: z.enum(['agenda', 'speakers']).optional(),
  })).optional(),
};
type QaRecord = { [K in keyof typeof qaRecordShape]: z.infer<(typeof qaRecordShape)[K]> };

export const qaRecord: RecordPart<QaRecord> = {
  section(s) {
    const answered = s.questions.filter((q) => q.status === 'answered');
    return answered.length ? {
      questions: answered.map((q) => ({
        id: q.id, itemId: q.itemId, text: q.text, ...(q.seatId && !q.anonymous ? { seatId: q.seatId } : {}), votes: q.votes,
        askedAt: q.askedAt, answeredAt: q.answeredAt, ...(q.movedTo ? { movedTo: q.movedTo.kind } : {}),
      })),
    } : {};
  },
  seatRefs: (r) => (r.questions ?? []).flatMap((q) => (q.seatId ? [q.seatId] : [])),
};
