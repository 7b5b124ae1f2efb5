import { z } from 'zod';
import { askerKinds, feedbackChannels } from './model';

/**
 * The expert part's events: every stage of an expert consultation (专家咨询) is one. The question and who
 * asked (a topic's proposer, a unit, a resident, staff), the acceptance or the refusal with its reason, each
 * written opinion an invited expert signs (their seat and name: experts answer in their capacity), the
 * conclusion and its feedback to whoever asked. The personal links' tokens are never in an event.
 */
export const expertEventSchemas = {
  'expert.asked': z.object({
    question: z.string(),
    asker: z.object({ kind: z.enum(askerKinds), name: z.string(), topicId: z.string().nullable() }),
  }),
  'expert.accepted': z.object({ accepted: z.boolean(), reason: z.string() }),
  'expert.opinionGiven': z.object({ seatId: z.string(), expertName: z.string(), title: z.string(), text: z.string() }),
  'expert.concluded': z.object({ conclusion: z.string() }),
  'expert.fedBack': z.object({ channel: z.enum(feedbackChannels), note: z.string() }),
} as const;
