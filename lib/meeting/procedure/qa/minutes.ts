import { z } from 'zod';
import type { MeetingState } from '../../state';
import type { MinutesPart, Placed } from '../documents';

/** The audience's answered questions of an item (or of none: `itemId` null); `name` null: asked anonymously. */
export const qaFactSchemas = [
  z.object({
    kind: z.literal('questions'), itemId: z.string().nullable(),
    questions: z.array(z.object({ text: z.string(), name: z.string().nullable(), votes: z.number().int(), movedTo: z.enum(['agenda', 'speakers']).optional() })),
  }),
] as const;
export type QaFact = z.infer<(typeof qaFactSchemas)[number]>;

export const qaMinutes: MinutesPart<QaFact> = {
  kinds: ['questions'],
  id: (f) => `questions:${f.itemId ?? ''}`,
  text: (f) => ({
    title: '现场提问（已回答）',
    lines: f.questions.map((q, i) => `${i + 1}. ${q.text}（${q.name ?? '匿名'}，附议 ${q.votes}${q.movedTo ? `，${q.movedTo === 'agenda' ? '转为议题' : '提问人已发言'}` : ''}）`),
  }),
};

/**
 * The answered questions of an agenda item's section, or of the top (`itemId` null: asked outside any
 * item, or under an item no longer on the agenda).
 */
export function answeredQuestionsFact(s: MeetingState, itemId: string | null): Placed<QaFact>[] {
  const inAgenda = (id: string | null) => !!id && s.agenda.some((a) => a.id === id);
  const qs = s.questions.filter((q) => q.status === 'answered' && (itemId === null ? !inAgenda(q.itemId) : q.itemId === itemId));
  return qs.length ? [{
    section: itemId ?? 'top',
    fact: { kind: 'questions', itemId, questions: qs.map((q) => ({ text: q.text, name: q.name, votes: q.votes, ...(q.movedTo ? { movedTo: q.movedTo.kind } : {}) })) },
  }] : [];
}
