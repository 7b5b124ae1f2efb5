import { z } from 'zod';
import { AttendanceMode, MeetingForm, MeetingLevel, MeetingStatus, MeetingType, Stance } from './model';
import { QuorumRule, type QuorumStatus } from './quorum';
import type { SpeakRequest } from './speaking-queue';
import { MajorityRule, PollKind, type Outcome, type Tally } from '../voting/outcome';

/**
 * A meeting's live state is a fold of its event log: the server rebuilds it from the database after a
 * restart, and every client applies the same `applyEvent` to the events it receives, so the phone, the
 * projector and the console can never disagree about what happened, only about how far they have read.
 */

export type Seat = { id: string; name: string; kind: string; canVote: boolean };
export type AgendaItem = {
  id: string; title: string; notes: string;
  /** deferred / dropped: decided when the meeting closed with the item unfinished */
  status: 'pending' | 'active' | 'done' | 'deferred' | 'dropped';
  speakLimitSec: number;
  /** why a dropped item was dropped */
  closeReason?: string | null;
};
export type Poll = {
  id: string;
  itemId: string | null;
  question: string;
  kind: PollKind;
  options: string[];
  maxChoices: number;
  secret: boolean;
  resultsVisibility: 'live' | 'hidden';
  rule: MajorityRule;
  /** the decision a passed motion records, as entered with it (else derived from the question) */
  decision?: string;
  /** 意向性表决: decides nothing (no decision in the record); walk-ins may vote where the form allows */
  nonBinding?: true;
  status: 'draft' | 'open' | 'closed';
  /** an open poll dropped when the meeting closed: not counted, and why */
  dropReason?: string | null;
  revealed: boolean;
  quorumAtOpen: QuorumStatus | null;
  overrideReason: string | null;
  voted: number;
  /** named polls only, and only for viewers allowed to see voters */
  votedSeatIds: string[];
  /** named polls: seats whose ballot the facilitator entered for them (poll.voteFor) */
  staffEnteredSeatIds: string[];
  /** secret polls: the paper ballots counted by tellers, already included in `voted` and the tally */
  paper: PaperCount | null;
  /** null when the viewer may not see it (hidden results) */
  tally: Tally | null;
  outcome: Outcome | null;
  openedAt: string | null;
  closedAt: string | null;
};

/** A dated notice (会议公告) as published: the first announces, later ones revise or cancel. */
export type Notice = { id: string; kind: NoticeKind; text: string; publishedAt: string; by: string };
export const NoticeKind = z.enum(['notice', 'revision', 'cancellation']);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** Paper ballots of a secret poll, counted in the hall: aggregate only, no seat is ever linked to them. */
export type PaperCount = { ballots: number; counts: Tally; tellers: string[] };

/** A member's presence; `by` names the staff member who checked them in on their behalf (代签到). */
export type Presence = { mode: AttendanceMode; at: string; by: string | null };

export type MeetingState = {
  meetingId: string;
  seq: number;
  status: MeetingStatus;
  title: string;
  level: MeetingLevel;
  type: MeetingType;
  form: MeetingForm;
  venue: string;
  scheduledAt: string;
  /** expected end, when planned (older meetings have none) */
  endsAt: string | null;
  convenerName: string;
  recorderNames: string[];
  /** participant categories invited (lib/planning/categories) */
  invitedCategories: string[];
  /** days a notice must be up before the meeting may start (from its form's template; 0 = none) */
  noticeLeadDays: number;
  /** the procedure of its form's template as it was when planned (older and unplanned meetings: null) */
  procedure: MeetingProcedure | null;
  notices: Notice[];
  /** why the meeting started before the notice lead time passed, or why it was cancelled */
  statusReason: string | null;
  communityName: string;
  joinCode: string;
  livestreamUrl: string | null;
  /** whether participants and the projector may follow the minutes (read-only) */
  minutesPublic: boolean;
  quorumRule: QuorumRule;
  seats: Seat[];
  attendance: Record<string, Presence>;
  /** 代签到 withdrawn before the first poll, with the reason (the record lists them) */
  undoneCheckIns: { seatId: string; by: string; reason: string; at: string }[];
  agenda: AgendaItem[];
  currentItemId: string | null;
  speakers: SpeakRequest[];
  polls: Poll[];
  message: { text: string; at: string } | null;
  startedAt: string | null;
  closedAt: string | null;
};

const Iso = z.string();
const SeatSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), canVote: z.boolean() });
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
  }),
  'meeting.updated': z.object({
    title: z.string().optional(), venue: z.string().optional(), scheduledAt: Iso.optional(), endsAt: Iso.nullable().optional(),
    livestreamUrl: z.string().nullable().optional(), quorumRule: QuorumRule.optional(), minutesPublic: z.boolean().optional(),
  }),
  // reason: the override for starting before the notice lead time, or why the meeting was cancelled
  'meeting.statusChanged': z.object({ status: MeetingStatus, reason: z.string().optional() }),
  'notice.published': z.object({ id: z.string(), kind: NoticeKind, text: z.string() }),
  'seat.added': SeatSchema,
  'agenda.added': z.object({ id: z.string(), title: z.string(), notes: z.string(), speakLimitSec: z.number() }),
  'agenda.moved': z.object({ itemId: z.string(), toIndex: z.number().int() }),
  'agenda.edited': z.object({ itemId: z.string(), title: z.string(), notes: z.string(), speakLimitSec: z.number() }),
  'agenda.removed': z.object({ itemId: z.string() }),
  'agenda.started': z.object({ itemId: z.string() }),
  'agenda.finished': z.object({ itemId: z.string() }),
  /** closing the meeting with the item unfinished: deferred to a later meeting, or dropped with a reason */
  'agenda.closedOut': z.object({ itemId: z.string(), outcome: z.enum(['deferred', 'dropped']), reason: z.string().nullable() }),
  // `by`: the staff member who checked the member in on their behalf (代签到); absent for a self check-in.
  'attendance.checkedIn': z.object({ seatId: z.string(), mode: AttendanceMode, by: z.string().optional() }),
  'attendance.checkInUndone': z.object({ seatId: z.string(), reason: z.string() }),
  'speaker.requested': z.object({ id: z.string(), itemId: z.string().nullable(), seatId: z.string(), name: z.string(), stance: Stance, limitSec: z.number() }),
  'speaker.granted': z.object({ id: z.string() }),
  'speaker.ended': z.object({ id: z.string() }),
  'speaker.skipped': z.object({ id: z.string() }),
  'speaker.withdrawn': z.object({ id: z.string() }),
  /** closing the meeting with the speaker still waiting or speaking */
  'speaker.closedOut': z.object({ id: z.string(), outcome: z.enum(['deferred', 'dropped']), reason: z.string().nullable() }),
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
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export type NewEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];
export type MeetingEvent = NewEvent & { seq: number; at: string; actor: string };

export function emptyState(meetingId: string): MeetingState {
  return {
    meetingId, seq: 0, status: 'draft', title: '', level: 'community', type: 'decision', form: 'council', venue: '',
    scheduledAt: '', endsAt: null, convenerName: '', recorderNames: [], invitedCategories: [], noticeLeadDays: 0, procedure: null, notices: [],
    statusReason: null, communityName: '', joinCode: '', livestreamUrl: null, minutesPublic: false,
    quorumRule: { numerator: 1, denominator: 2, comparison: 'more_than' }, seats: [], attendance: {}, undoneCheckIns: [], agenda: [],
    currentItemId: null, speakers: [], polls: [], message: null, startedAt: null, closedAt: null,
  };
}

function updatePoll(s: MeetingState, id: string, f: (p: Poll) => Poll): Poll[] {
  return s.polls.map((p) => (p.id === id ? f(p) : p));
}
function updateSpeaker(s: MeetingState, id: string, f: (r: SpeakRequest) => SpeakRequest): SpeakRequest[] {
  return s.speakers.map((r) => (r.id === id ? f(r) : r));
}

/** Pure reducer. Events out of order (seq not next) are a caller bug: the caller checks continuity. */
export function applyEvent(s: MeetingState, e: MeetingEvent): MeetingState {
  const next = { ...s, seq: e.seq };
  switch (e.type) {
    case 'meeting.created':
      return {
        ...next, ...e.data, endsAt: e.data.endsAt ?? null, recorderNames: e.data.recorderNames ?? [],
        invitedCategories: e.data.invitedCategories ?? [], noticeLeadDays: e.data.noticeLeadDays ?? 0, procedure: e.data.procedure ?? null,
        minutesPublic: false, attendance: {}, undoneCheckIns: [], agenda: [], speakers: [], polls: [],
      };
    case 'meeting.updated': {
      const d = Object.fromEntries(Object.entries(e.data).filter(([, v]) => v !== undefined));
      return { ...next, ...d };
    }
    case 'meeting.statusChanged':
      return {
        ...next,
        status: e.data.status,
        statusReason: e.data.reason ?? s.statusReason,
        startedAt: e.data.status === 'live' ? e.at : s.startedAt,
        closedAt: e.data.status === 'closed' ? e.at : s.closedAt,
      };
    case 'seat.added':
      return { ...next, seats: [...s.seats, e.data] };
    case 'agenda.added':
      return { ...next, agenda: [...s.agenda, { ...e.data, status: 'pending' }] };
    case 'agenda.moved': {
      const item = s.agenda.find((a) => a.id === e.data.itemId);
      if (!item) return next;
      const rest = s.agenda.filter((a) => a.id !== e.data.itemId);
      rest.splice(Math.max(0, Math.min(e.data.toIndex, rest.length)), 0, item);
      return { ...next, agenda: rest };
    }
    case 'agenda.edited':
      return { ...next, agenda: s.agenda.map((a) => (a.id === e.data.itemId ? { ...a, title: e.data.title, notes: e.data.notes, speakLimitSec: e.data.speakLimitSec } : a)) };
    case 'agenda.removed':
      return { ...next, agenda: s.agenda.filter((a) => a.id !== e.data.itemId) };
    case 'notice.published':
      return { ...next, notices: [...s.notices, { ...e.data, publishedAt: e.at, by: e.actor }] };
    case 'agenda.started':
      return {
        ...next,
        currentItemId: e.data.itemId,
        agenda: s.agenda.map((a) =>
          a.id === e.data.itemId ? { ...a, status: 'active' } : a.status === 'active' ? { ...a, status: 'done' } : a,
        ),
      };
    case 'agenda.finished':
      return {
        ...next,
        currentItemId: s.currentItemId === e.data.itemId ? null : s.currentItemId,
        agenda: s.agenda.map((a) => (a.id === e.data.itemId ? { ...a, status: 'done' } : a)),
      };
    case 'agenda.closedOut':
      return {
        ...next,
        currentItemId: s.currentItemId === e.data.itemId ? null : s.currentItemId,
        agenda: s.agenda.map((a) => (a.id === e.data.itemId ? { ...a, status: e.data.outcome, closeReason: e.data.reason } : a)),
      };
    case 'attendance.checkedIn':
      return { ...next, attendance: { ...s.attendance, [e.data.seatId]: { mode: e.data.mode, at: e.at, by: e.data.by ?? null } } };
    case 'attendance.checkInUndone': {
      const { [e.data.seatId]: undone, ...attendance } = s.attendance;
      if (!undone) return next;
      return { ...next, attendance, undoneCheckIns: [...s.undoneCheckIns, { seatId: e.data.seatId, by: undone.by ?? e.actor, reason: e.data.reason, at: e.at }] };
    }
    case 'speaker.requested':
      return {
        ...next,
        speakers: [...s.speakers, { ...e.data, status: 'queued', requestedAt: e.at, startedAt: null, endedAt: null }],
      };
    case 'speaker.granted':
      return {
        ...next,
        speakers: s.speakers.map((r) =>
          r.id === e.data.id
            ? { ...r, status: 'speaking', startedAt: e.at }
            : r.status === 'speaking' ? { ...r, status: 'done', endedAt: e.at } : r,
        ),
      };
    case 'speaker.ended':
      return { ...next, speakers: updateSpeaker(s, e.data.id, (r) => ({ ...r, status: 'done', endedAt: e.at })) };
    case 'speaker.skipped':
      return { ...next, speakers: updateSpeaker(s, e.data.id, (r) => ({ ...r, status: 'skipped' })) };
    case 'speaker.withdrawn':
      return { ...next, speakers: updateSpeaker(s, e.data.id, (r) => ({ ...r, status: 'withdrawn' })) };
    case 'speaker.closedOut':
      return {
        ...next,
        speakers: updateSpeaker(s, e.data.id, (r) => ({
          ...r, status: e.data.outcome, closeReason: e.data.reason, endedAt: r.status === 'speaking' ? e.at : r.endedAt,
        })),
      };
    case 'poll.created':
      return {
        ...next,
        polls: [...s.polls, {
          ...e.data, status: 'draft', revealed: false, quorumAtOpen: null, overrideReason: null, voted: 0,
          votedSeatIds: [], staffEnteredSeatIds: [], paper: null, tally: null, outcome: null, openedAt: null, closedAt: null,
        }],
      };
    case 'poll.opened':
      return {
        ...next,
        polls: updatePoll(s, e.data.pollId, (p) => ({
          ...p, status: 'open', openedAt: e.at, quorumAtOpen: e.data.quorum, overrideReason: e.data.overrideReason,
          // A secret poll has no running tally anywhere but in the server's ballot box, until it closes; a
          // hidden one starts without one too, so no screen shows empty bars that the first ballot then hides.
          tally: p.secret || p.resultsVisibility === 'hidden' ? null : Object.fromEntries(p.options.map((o) => [o, 0])),
        })),
      };
    case 'poll.ballot':
      return {
        ...next,
        polls: updatePoll(s, e.data.pollId, (p) => ({
          ...p,
          voted: e.data.voted,
          tally: e.data.tally !== undefined ? e.data.tally : p.tally,
          votedSeatIds: e.data.seatId && !p.votedSeatIds.includes(e.data.seatId) ? [...p.votedSeatIds, e.data.seatId] : p.votedSeatIds,
          staffEnteredSeatIds: e.data.staffEntered && e.data.seatId && !p.staffEnteredSeatIds.includes(e.data.seatId)
            ? [...p.staffEnteredSeatIds, e.data.seatId] : p.staffEnteredSeatIds,
        })),
      };
    case 'poll.paperCounted':
      return {
        ...next,
        polls: updatePoll(s, e.data.pollId, (p) => ({
          ...p,
          // `voted` counts every ballot in the box, paper ones too; a corrected count replaces the last.
          voted: p.voted - (p.paper?.ballots ?? 0) + e.data.ballots,
          paper: { ballots: e.data.ballots, counts: e.data.counts, tellers: e.data.tellers },
        })),
      };
    case 'poll.closed':
      return {
        ...next,
        polls: updatePoll(s, e.data.pollId, (p) => ({
          ...p, status: 'closed', closedAt: e.at, voted: e.data.voted, tally: e.data.tally, outcome: e.data.outcome,
          revealed: p.resultsVisibility === 'live',
        })),
      };
    case 'poll.dropped':
      return {
        ...next,
        polls: updatePoll(s, e.data.pollId, (p) => ({ ...p, status: 'closed', closedAt: e.at, tally: null, outcome: null, revealed: true, dropReason: e.data.reason })),
      };
    case 'poll.revealed':
      return {
        ...next,
        polls: updatePoll(s, e.data.pollId, (p) => ({ ...p, revealed: true, tally: e.data.tally, outcome: e.data.outcome })),
      };
    case 'message.shown':
      return { ...next, message: { text: e.data.text, at: e.at } };
    case 'message.cleared':
      return { ...next, message: null };
  }
}

/** The actor a secret ballot's event is logged with: nobody. */
export const ANONYMOUS_ACTOR = '';

/** Who an event is logged as: its actor's label, except a secret ballot, which names nobody. */
export function loggedActor(e: NewEvent, label: string): string {
  return e.type === 'poll.ballot' && e.data.seatId === undefined ? ANONYMOUS_ACTOR : label;
}

export function foldEvents(meetingId: string, events: readonly MeetingEvent[]): MeetingState {
  return events.reduce(applyEvent, emptyState(meetingId));
}

/** Validate an event read from storage or the wire; throws on a payload that does not match. */
export function parseEvent(raw: { seq: number; type: string; data: unknown; at: string; actor: string }): MeetingEvent {
  const schema = eventSchemas[raw.type as EventType];
  if (!schema) throw new Error(`Unknown meeting event type ${raw.type}`);
  return { seq: raw.seq, type: raw.type, data: schema.parse(raw.data), at: raw.at, actor: raw.actor } as MeetingEvent;
}

export function presentVoters(s: MeetingState): number {
  return s.seats.filter((seat) => seat.canVote && s.attendance[seat.id]).length;
}
/** Present members who may vote and have cast no electronic ballot (their phone's or one staff entered). */
export function presentWithoutBallot(s: MeetingState, pollId: string, hasVoted: (pollId: string, seatId: string) => boolean): number {
  return s.seats.filter((seat) => seat.canVote && s.attendance[seat.id] && !hasVoted(pollId, seat.id)).length;
}
export function votingMembers(s: MeetingState): number {
  return s.seats.filter((seat) => seat.canVote).length;
}
