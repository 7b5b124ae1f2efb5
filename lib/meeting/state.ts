import type { MeetingEvent, MeetingProcedure, NewEvent, NoticeKind } from './events';
import type { AttendanceMode, MeetingForm, MeetingLevel, MeetingStatus, MeetingType } from './model';
import type { QuorumRule, QuorumStatus } from './quorum';
import type { SpeakRequest } from './speaking-queue';
import type { MajorityRule, Outcome, PollKind, Tally } from '../voting/outcome';

// Types only from the event schemas (lib/meeting/events.ts): this module runs in every browser.
export type { EventData, EventType, MeetingEvent, MeetingProcedure, NewEvent, NoticeKind } from './events';

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
  /** whether walk-in stakeholders may be admitted, and vote in non-binding polls (from the form's template when planned) */
  walkIns: WalkInPolicy;
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

/** The form's rule for walk-ins (lib/meeting/walk-ins), kept with the meeting as planned. */
export type WalkInPolicy = { allowed: boolean; nonBindingVotes: boolean };
export const NO_WALK_INS: WalkInPolicy = { allowed: false, nonBindingVotes: false };

export function emptyState(meetingId: string): MeetingState {
  return {
    meetingId, seq: 0, status: 'draft', title: '', level: 'community', type: 'decision', form: 'council', venue: '',
    scheduledAt: '', endsAt: null, convenerName: '', recorderNames: [], invitedCategories: [], noticeLeadDays: 0, procedure: null, walkIns: NO_WALK_INS, notices: [],
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
        walkIns: e.data.walkIns ?? NO_WALK_INS,
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
