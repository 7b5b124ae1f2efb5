import { z } from 'zod';
import { askerKinds, CONCLUSION_MAX, feedbackChannels, OPINION_TEXT_MAX, OPINION_TITLE_MAX, QUESTION_MAX } from '../meeting/procedure/expert/model';

/** The bodies of the expert routes (server/expert-routes.ts), checked at the boundary. */

/**
 * 提出咨询: the question and who asks. A topic asks by its id (its proposer is who the answer goes back
 * to, on the topic's journey); a unit, a resident or staff by name.
 */
export const AskInput = z.strictObject({
  question: z.string().trim().min(1).max(QUESTION_MAX),
  asker: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('topic'), topicId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/) }),
    z.strictObject({ kind: z.enum(askerKinds.filter((k) => k !== 'topic') as ['unit', 'resident', 'staff']), name: z.string().trim().min(1).max(100) }),
  ]),
});
export const AcceptInput = z.strictObject({ accept: z.boolean(), reason: z.string().trim().max(1000).default('') });
export const OpinionInput = z.strictObject({ title: z.string().trim().min(1).max(OPINION_TITLE_MAX), text: z.string().trim().min(1).max(OPINION_TEXT_MAX) });
export const StaffOpinionInput = OpinionInput.extend({ seatId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/) });
export const ConcludeInput = z.strictObject({ conclusion: z.string().trim().min(1).max(CONCLUSION_MAX) });
export const FeedbackInput = z.strictObject({ channel: z.enum(feedbackChannels), note: z.string().trim().max(1000).default('') });
