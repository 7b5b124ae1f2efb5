import { z } from 'zod';

/**
 * The Q&A part's events. The log keeps who asked every question (`seatId`, `name`), also an anonymous
 * one: anonymity is towards the other participants and the facilitator, not towards the server's log
 * (qa/project.ts removes the asker before any role receives it). Upvotes keep the voter's seat for
 * the one-vote rule; no role receives it.
 */
export const qaEventSchemas = {
  // `seatId` and `name` are absent from what clients receive when hidden (anonymous, or not yet approved)
  'question.asked': z.object({
    id: z.string(), itemId: z.string().nullable(), text: z.string(), anonymous: z.boolean(),
    seatId: z.string().optional(), name: z.string().nullable(),
  }),
  // The question as the other participants see it from now on: its text, and its asker unless anonymous.
  'question.approved': z.object({ id: z.string(), text: z.string(), name: z.string().nullable() }),
  'question.hidden': z.object({ id: z.string() }),
  'question.pinned': z.object({ id: z.string(), pinned: z.boolean() }),
  'question.answered': z.object({ id: z.string() }),
  /** taken up as an agenda item (added by an agenda.added event just before) */
  'question.movedToAgenda': z.object({ id: z.string(), itemId: z.string() }),
  /** the asker was put on the speakers list to put it in person (a speaker.requested event just before) */
  'question.movedToSpeakers': z.object({ id: z.string(), requestId: z.string() }),
  // `votes`: the question's running total, so applying it twice is harmless
  'question.upvoted': z.object({ id: z.string(), votes: z.number().int(), seatId: z.string().optional() }),
} as const;
