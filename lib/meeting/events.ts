import { z } from 'zod';
import { VoiceFailure } from './procedure/speakers/voice';
import { AttendanceMode, MeetingForm, MeetingLevel, MeetingStatus, MeetingType, Stance } from './model';
import { QuorumRule } from './quorum';
import { MajorityRule, PollKind } from '../voting/schemas';
import { hearingEventSchemas } from './procedure/hearing/events';
import { openSpaceEventSchemas } from './procedure/openspace/events';
import { qaEventSchemas } from './procedure/qa/events';
import { questionnaireEventSchemas } from './procedure/questionnaire/events';
import { writtenEventSchemas } from './procedure/written/events';
import { visitsEventSchemas } from './procedure/visits/events';
import { evaluationEventSchemas } from './procedure/evaluation/events';
import { expertEventSchemas } from './procedure/expert/events';

/**
 * The event log's schemas: what each event may hold, checked when the server writes an event and when it
 * reads the log back (parseEvent). Kept apart from the reducer (state.ts), which every browser runs: the
 * browser trusts the server's events and need not carry zod for them.
 */

export const NoticeKind = z.enum(['notice', 'revision', 'cancellation']);
export type NoticeKind = z.infer<typeof NoticeKind>;

const Iso = z.string();
const SeatSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), canVote: z.boolean() });
/**
 * The roster in numbers (MeetingState.roster). Only in the events a role without the seat list receives
 * (lib/meeting/procedure/attendance/project.ts): a phone folds the counts from them instead of the list.
 * Never in the log.
 */
export const RosterCounts = z.object({
  seats: z.number().int(), voting: z.number().int(), present: z.number().int(), remote: z.number().int(),
  presentVoting: z.number().int(), presentWalkIns: z.number().int(), proxied: z.number().int(),
});
export type RosterCounts = z.infer<typeof RosterCounts>;
const QuorumStatusSchema = z.object({ present: z.number(), members: z.number(), required: z.number(), met: z.boolean() });
const TallySchema = z.record(z.string(), z.number());
const OutcomeSchema = z.object({
  result: z.enum(['passed', 'failed']),
  support: z.number(),
  denominator: z.number(),
  required: z.number(),
  winners: z.array(z.string()),
  reason: z.enum(['no_votes', 'tie']).optional(),
});

/**
 * What a planned meeting keeps of its form's procedure template (lib/planning/templates): the steps and
 * the categories it requires, with the template edition's version, so a later edition changes nothing here.
 */
export const MeetingProcedure = z.object({
  version: z.string(),
  steps: z.array(z.object({ id: z.string(), name: z.object({ 'zh-CN': z.string(), en: z.string() }), doneWhen: z.string() })),
  requiredCategories: z.array(z.string()),
});
export type MeetingProcedure = z.infer<typeof MeetingProcedure>;


/** Every event the log may hold, with its payload schema. */
export const eventSchemas = {
  'meeting.created': z.object({
    title: z.string(), level: MeetingLevel, type: MeetingType, form: MeetingForm, venue: z.string(),
    scheduledAt: Iso, convenerName: z.string(), communityName: z.string(), joinCode: z.string(),
    livestreamUrl: z.string().nullable(), quorumRule: QuorumRule, seats: z.array(SeatSchema), status: MeetingStatus,
    // Planned meetings (issue 11) carry these; logs written before them fold to the defaults.
    endsAt: Iso.nullable().optional(), recorderNames: z.array(z.string()).optional(),
    invitedCategories: z.array(z.string()).optional(), noticeLeadDays: z.number().int().min(0).optional(),
    procedure: MeetingProcedure.optional(),
    // Logs written before walk-ins fold to none.
    walkIns: z.object({ allowed: z.boolean(), nonBindingVotes: z.boolean() }).optional(),
    roster: RosterCounts.optional(),
  }),
  'meeting.updated': z.object({
    title: z.string().optional(), venue: z.string().optional(), scheduledAt: Iso.optional(), endsAt: Iso.nullable().optional(),
    livestreamUrl: z.string().nullable().optional(), quorumRule: QuorumRule.optional(), minutesPublic: z.boolean().optional(),
  }),
  // reason: the override for starting before the notice lead time, or why the meeting was cancelled
  'meeting.statusChanged': z.object({ status: MeetingStatus, reason: z.string().optional() }),
  'notice.published': z.object({ id: z.string(), kind: NoticeKind, text: z.string() }),
  'seat.added': SeatSchema.extend({ roster: RosterCounts.optional() }),
  'agenda.added': z.object({ id: z.string(), title: z.string(), notes: z.string(), speakLimitSec: z.number() }),
  'agenda.moved': z.object({ itemId: z.string(), toIndex: z.number().int() }),
  'agenda.edited': z.object({ itemId: z.string(), title: z.string(), notes: z.string(), speakLimitSec: z.number() }),
  'agenda.removed': z.object({ itemId: z.string() }),
  'agenda.started': z.object({ itemId: z.string() }),
  'agenda.finished': z.object({ itemId: z.string() }),
  /** closing the meeting with the item unfinished: deferred to a later meeting, or dropped with a reason */
  'agenda.closedOut': z.object({ itemId: z.string(), outcome: z.enum(['deferred', 'dropped']), reason: z.string().nullable() }),
  // `by`: the staff member who checked the member in on their behalf (代签到); absent for a self check-in.
  'attendance.checkedIn': z.object({ seatId: z.string(), mode: AttendanceMode, by: z.string().optional(), roster: RosterCounts.optional() }),
  'attendance.checkInUndone': z.object({ seatId: z.string(), reason: z.string(), roster: RosterCounts.optional() }),
  'speaker.requested': z.object({ id: z.string(), itemId: z.string().nullable(), seatId: z.string(), name: z.string(), stance: Stance, limitSec: z.number() }),
  'speaker.granted': z.object({ id: z.string() }),
  'speaker.ended': z.object({ id: z.string() }),
  'speaker.skipped': z.object({ id: z.string() }),
  'speaker.withdrawn': z.object({ id: z.string() }),
  /** closing the meeting with the speaker still waiting or speaking */
  'speaker.closedOut': z.object({ id: z.string(), outcome: z.enum(['deferred', 'dropped']), reason: z.string().nullable() }),
  /** a remote floor holder's voice (lib/meeting/procedure/speakers/voice.ts): reaching the hall, stopped, muted by the facilitator */
  'speaker.mediaStarted': z.object({ id: z.string() }),
  'speaker.mediaEnded': z.object({ id: z.string() }),
  'speaker.muted': z.object({ id: z.string() }),
  'speaker.unmuted': z.object({ id: z.string() }),
  /** the voice could not be heard, and why (the facilitator sees it; the member may write instead) */
  'speaker.mediaFailed': z.object({ id: z.string(), reason: VoiceFailure }),
  /** the turn given as a written statement, shown on the projector */
  'speaker.statement': z.object({ id: z.string(), text: z.string() }),
  /** the facilitator sends the hall's sound (the projector's microphone) to remote members, or stops it */
  'speaker.hallAudioOn': z.object({}),
  'speaker.hallAudioOff': z.object({}),
  'poll.created': z.object({
    id: z.string(), itemId: z.string().nullable(), question: z.string(), kind: PollKind, options: z.array(z.string()),
    maxChoices: z.number().int(), secret: z.boolean(), resultsVisibility: z.enum(['live', 'hidden']), rule: MajorityRule,
    decision: z.string().optional(),
    nonBinding: z.literal(true).optional(),
  }),
  'poll.opened': z.object({ pollId: z.string(), quorum: QuorumStatusSchema, overrideReason: z.string().nullable() }),
  // A ballot was cast. Running totals, not a single choice, so applying it twice is harmless. A secret
  // poll's event is only the count — no tally, no seat, and no actor (see ballotEventActor) — so nothing
  // in the log or on the wire says who chose what. A named poll's carries the tally and the seat.
  // `staffEntered`: a named ballot the facilitator entered for a member without a phone (poll.voteFor).
  'poll.ballot': z.object({
    pollId: z.string(), voted: z.number(), tally: TallySchema.nullable().optional(), seatId: z.string().optional(),
    staffEntered: z.literal(true).optional(),
  }),
  // The paper ballots of a secret poll as counted by the tellers (replaces an earlier count of the same
  // poll). Aggregate by nature: no seat, so it cannot link a ballot to anyone.
  'poll.paperCounted': z.object({ pollId: z.string(), ballots: z.number().int().min(0), counts: TallySchema, tellers: z.array(z.string()) }),
  'poll.closed': z.object({ pollId: z.string(), voted: z.number(), tally: TallySchema.nullable(), outcome: OutcomeSchema.nullable() }),
  /** closing the meeting with the poll still open, without counting it */
  'poll.dropped': z.object({ pollId: z.string(), reason: z.string() }),
  'poll.revealed': z.object({ pollId: z.string(), tally: TallySchema.nullable(), outcome: OutcomeSchema.nullable() }),
  'message.shown': z.object({ text: z.string() }),
  'message.cleared': z.object({}),
  ...qaEventSchemas,
  ...openSpaceEventSchemas,
  ...hearingEventSchemas,
  ...questionnaireEventSchemas,
  ...writtenEventSchemas,
  ...visitsEventSchemas,
  ...evaluationEventSchemas,
  ...expertEventSchemas,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export type NewEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];
export type MeetingEvent = NewEvent & { seq: number; at: string; actor: string };

/** Validate an event read from storage or the wire; throws on a payload that does not match. */
export function parseEvent(raw: { seq: number; type: string; data: unknown; at: string; actor: string }): MeetingEvent {
  const schema = eventSchemas[raw.type as EventType];
  if (!schema) throw new Error(`Unknown meeting event type ${raw.type}`);
  return { seq: raw.seq, type: raw.type, data: schema.parse(raw.data), at: raw.at, actor: raw.actor } as MeetingEvent;
}

/** An event as the meetingEvent table stores it (data as JSON text), validated. */
export function eventOfRow(r: { seq: number; type: string; data: string; at: Date; actor: string }): MeetingEvent {
  return parseEvent({ seq: r.seq, type: r.type, data: JSON.parse(r.data), at: r.at.toISOString(), actor: r.actor });
}
