import { z } from 'zod';
import { MeetingLevel, MeetingType } from '../meeting/model';
import { intakePaths, type IntakePath } from '../scoring/facts';

/**
 * Topics (议题) and their intake: the vocabulary and the rules, free of the database.
 *
 * A resident's proposal on the board is an online topic (网络平台收集) from the start; when ten distinct
 * adult residents have co-signed it, it is a joint topic (居民联名, the standard's 10 名以上年满 18 周岁居民)
 * and counts as that path. Staff register the other paths' topics with their submitter. Until review every
 * topic is open to co-signing and withdrawal; review accepts (with the level that takes it up), merges
 * into another topic, refers it elsewhere or rejects it with a reason the proposer sees.
 */

export const JOINT_THRESHOLD = 10;

export const TopicStatus = z.enum(['submitted', 'accepted', 'merged', 'referred', 'rejected']);
export type TopicStatus = z.infer<typeof TopicStatus>;

/** Paths staff register: all but the joint one, which only co-signatures on the board produce (staff may register an online topic gathered elsewhere, e.g. a WeChat group). */
export const registeredPaths = intakePaths.filter((p) => p !== 'joint_residents');
export const RegisteredPath = z.enum(registeredPaths as [Exclude<IntakePath, 'joint_residents'>, ...Exclude<IntakePath, 'joint_residents'>[]]);

export const StepKind = z.enum(['proposed', 'registered', 'joint_reached', 'joint_lost', 'accepted', 'merged', 'merged_from', 'referred', 'rejected', 'on_agenda', 'escalated',
  // an expert consultation the topic asked for answered it (lib/expert: 结果反馈)
  'expert_feedback']);
export type StepKind = z.infer<typeof StepKind>;

/**
 * Text from the public and from staff answering it: bounded, trimmed, and never markup (it is rendered as
 * text; tags and control characters are dropped here too). `min` counts what is left after that.
 */
export const PlainText = (max: number, min = 0, tooShort?: string) => z.string().max(max * 2)
  .transform((s) => s.replace(/<[^>]*>/g, '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim())
  .pipe(z.string().min(min, tooShort).max(max));

export const Declaration = z.strictObject({
  name: PlainText(40).pipe(z.string().min(1, 'Enter your name')),
  building: PlainText(60).pipe(z.string().min(1, 'Enter your building')),
  /** the co-signer declares being 18 or older; the standard counts adults only */
  adult: z.literal(true, { error: 'Only residents aged 18 or over may co-sign' }),
});

export const ProposeInput = z.strictObject({
  title: PlainText(80).pipe(z.string().min(4, 'The title needs at least 4 characters')),
  description: PlainText(2000).pipe(z.string().min(10, 'Describe the matter in at least 10 characters')),
  place: PlainText(100).default(''),
  declaration: Declaration,
});

export const RegisterInput = z.strictObject({
  communityId: z.string().min(1).max(100),
  intakePath: RegisteredPath,
  title: PlainText(80).pipe(z.string().min(4)),
  description: PlainText(2000).default(''),
  place: PlainText(100).default(''),
  /** the person or organisation who raised it (党代表, 网格员, 驻区单位 …) */
  submitter: PlainText(80).pipe(z.string().min(1, 'Name who submitted it')),
});

export const ReviewInput = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), level: MeetingLevel, placeId: z.string().min(1).max(100).nullable().default(null), type: MeetingType }),
  z.strictObject({ decision: z.literal('merge'), intoTopicId: z.string().min(1).max(100) }),
  z.strictObject({ decision: z.literal('refer'), to: PlainText(80).pipe(z.string().min(1)), reason: PlainText(500).pipe(z.string().min(1)) }),
  z.strictObject({ decision: z.literal('reject'), reason: PlainText(500).pipe(z.string().min(1, 'Say why')) }),
]);
export type ReviewInput = z.infer<typeof ReviewInput>;

/** The status a review leads to; only a topic awaiting review can be reviewed. */
export function reviewOutcome(current: TopicStatus, decision: ReviewInput['decision']): TopicStatus | null {
  if (current !== 'submitted') return null;
  return ({ accept: 'accepted', merge: 'merged', refer: 'referred', reject: 'rejected' } as const)[decision];
}

/** Co-signatures are open until review: afterwards the count is what review saw. */
export function coSigningOpen(status: TopicStatus): boolean {
  return status === 'submitted';
}

/**
 * A board proposal's intake path from its co-signatures: joint once ten have signed, online before (and
 * again if withdrawals take it below ten before review). Staff-registered topics keep their path.
 */
export function proposalPath(coSigners: number): 'joint_residents' | 'online_platform' {
  return coSigners >= JOINT_THRESHOLD ? 'joint_residents' : 'online_platform';
}

/** "已有 N 人联名，还差 M 人". */
export function coSignProgress(coSigners: number): { have: number; missing: number; reached: boolean } {
  return { have: coSigners, missing: Math.max(0, JOINT_THRESHOLD - coSigners), reached: coSigners >= JOINT_THRESHOLD };
}
