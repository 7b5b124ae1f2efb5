import { z } from 'zod';
import { ParticipantCategory } from '../planning/categories';

/**
 * Who a questionnaire asks and how: its audience (the whole community, some of its grids or compounds,
 * or roster categories), whether answers are anonymous, and when it takes answers. Fixed once it opens:
 * a questionnaire that turned identified half-way would hold answers given under another promise.
 */
const Ids = z.array(z.string().min(1).max(100)).min(1).max(50);
export const Audience = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('community') }),
  z.strictObject({ kind: z.literal('grids'), ids: Ids }),
  z.strictObject({ kind: z.literal('compounds'), ids: Ids }),
  z.strictObject({ kind: z.literal('categories'), categories: z.array(ParticipantCategory).min(1).max(20) }),
]);
export type Audience = z.infer<typeof Audience>;

const Iso = z.iso.datetime({ offset: true });

export const QuestionnaireSettings = z.strictObject({
  audience: Audience.default({ kind: 'community' }),
  /** anonymous: answers kept without the phone (an answer box); identified: with the phone's keyed hash */
  anonymous: z.boolean().default(true),
  /** answers are taken from opensAt (default: when opened) until closesAt (default: until closed) */
  opensAt: Iso.nullable().default(null),
  closesAt: Iso.nullable().default(null),
}).superRefine((s, ctx) => {
  if (s.opensAt && s.closesAt && Date.parse(s.closesAt) <= Date.parse(s.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'It cannot close before it opens' });
  }
});
export type QuestionnaireSettings = z.infer<typeof QuestionnaireSettings>;

export const DEFAULT_SETTINGS: QuestionnaireSettings = { audience: { kind: 'community' }, anonymous: true, opensAt: null, closesAt: null };

/** Whether answers are taken at `now` by the settings' times (the questionnaire must also be open). */
export function answeringWindow(s: QuestionnaireSettings, now: Date): 'before' | 'during' | 'after' {
  if (s.opensAt && now < new Date(s.opensAt)) return 'before';
  if (s.closesAt && now >= new Date(s.closesAt)) return 'after';
  return 'during';
}
