import type { MeetingEvent, MeetingProcedure, NewEvent, NoticeKind, RosterCounts } from './events';
import type { AttendanceMode, MeetingForm, MeetingLevel, MeetingStatus, MeetingType } from './model';
import type { QuorumRule, QuorumStatus } from './quorum';
import type { SpeakRequest } from './speaking-queue';
import type { MajorityRule, Outcome, PollKind, Tally } from '../voting/outcome';
import { agendaReducers } from './procedure/agenda/reduce';
import { attendanceReducers } from './procedure/attendance/reduce';
import type { Hearing } from './procedure/hearing/model';
import { hearingReducers } from './procedure/hearing/reduce';
import { meetingReducers, NO_WALK_INS } from './procedure/meeting/reduce';
import { pollReducers } from './procedure/polls/reduce';
import type { OpenSpace } from './procedure/openspace/model';
import { openSpaceReducers } from './procedure/openspace/reduce';
import type { Question } from './procedure/qa/model';
import { qaReducers } from './procedure/qa/reduce';
import type { QuestionnaireLifecycle } from './procedure/questionnaire/model';
import { questionnaireReducers } from './procedure/questionnaire/reduce';
import type { WrittenLifecycle } from './procedure/written/model';
import { writtenReducers } from './procedure/written/reduce';
import type { VisitsLifecycle } from './procedure/visits/model';
import { visitsReducers } from './procedure/visits/reduce';
import type { EvaluationLifecycle } from './procedure/evaluation/model';
import { evaluationReducers } from './procedure/evaluation/reduce';
import type { ExpertLifecycle } from './procedure/expert/model';
import { expertReducers } from './procedure/expert/reduce';
import type { Reducers } from './procedure/reduce';
import { speakerReducers } from './procedure/speakers/reduce';

// Types only from the event schemas (lib/meeting/events.ts): this module runs in every browser.
export type { EventData, EventType, MeetingEvent, MeetingProcedure, NewEvent, NoticeKind, RosterCounts } from './events';
export type { Question } from './procedure/qa/model';
export type { OpenSpace } from './procedure/openspace/model';
export type { Hearing } from './procedure/hearing/model';
export type { QuestionnaireLifecycle } from './procedure/questionnaire/model';
export type { VisitsLifecycle } from './procedure/visits/model';

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
  /**
   * The seat list and who is present: whole for the roles that see the roster (the console, the projector);
   * a phone holds its own seat and presence only, and `roster` for the numbers (lib/meeting/procedure/attendance/project.ts).
   */
  seats: Seat[];
  attendance: Record<string, Presence>;
  /** the roster in numbers, kept by the reducer; the quorum's count (presentVoters, votingMembers) */
  roster: RosterCounts;
  /** 代签到 withdrawn before the first poll, with the reason (the record lists them) */
  undoneCheckIns: { seatId: string; by: string; reason: string; at: string }[];
  agenda: AgendaItem[];
  currentItemId: string | null;
  speakers: SpeakRequest[];
  polls: Poll[];
  /** audience questions (lib/meeting/procedure/qa) */
  questions: Question[];
  /** an open space's marketplace, grid, presence, dots and consensus (lib/meeting/procedure/openspace); null in other forms */
  openSpace: OpenSpace | null;
  /** a hearing's registrations, stage, turns with their confirmations, and result (lib/meeting/procedure/hearing); null in other forms */
  hearing: Hearing | null;
  /** a questionnaire's versions, phase and published summary (lib/meeting/procedure/questionnaire); null in other forms */
  questionnaire: QuestionnaireLifecycle | null;
  /** a written consultation's document hash, deadline and conclusion (lib/meeting/procedure/written); null before it is sent and in other forms */
  written: WrittenLifecycle | null;
  /** a 民主评议's plan hash, phase and publication (lib/meeting/procedure/evaluation); null before it opens and in other forms */
  evaluation: EvaluationLifecycle | null;
  /** an expert consultation's question, acceptance, written opinions, conclusion and feedback (lib/meeting/procedure/expert); null before it is asked and in other forms */
  expert: ExpertLifecycle | null;
  /** the hall's sound goes to remote members who listen (lib/meeting/procedure/speakers/voice.ts) */
  hallAudio: boolean;
  /** a round of household visits: question, phase, conclusion (lib/meeting/procedure/visits); null in other forms */
  visits: VisitsLifecycle | null;
  message: { text: string; at: string } | null;
  startedAt: string | null;
  closedAt: string | null;
};

/** The form's rule for walk-ins (lib/meeting/walk-ins), kept with the meeting as planned. */
export type WalkInPolicy = { allowed: boolean; nonBindingVotes: boolean };
export { NO_WALK_INS };
export const NO_ROSTER: RosterCounts = { seats: 0, voting: 0, present: 0, remote: 0, presentVoting: 0, presentWalkIns: 0, proxied: 0 };

export function emptyState(meetingId: string): MeetingState {
  return {
    meetingId, seq: 0, status: 'draft', title: '', level: 'community', type: 'decision', form: 'council', venue: '',
    scheduledAt: '', endsAt: null, convenerName: '', recorderNames: [], invitedCategories: [], noticeLeadDays: 0, procedure: null, walkIns: NO_WALK_INS, notices: [],
    statusReason: null, communityName: '', joinCode: '', livestreamUrl: null, minutesPublic: false,
    quorumRule: { numerator: 1, denominator: 2, comparison: 'more_than' }, seats: [], attendance: {}, roster: NO_ROSTER, undoneCheckIns: [], agenda: [],
    currentItemId: null, speakers: [], polls: [], questions: [], openSpace: null, hearing: null, questionnaire: null, written: null, visits: null, evaluation: null, expert: null, hallAudio: false, message: null, startedAt: null, closedAt: null,
  };
}

/**
 * Every part's reducers (reduce.ts in each folder of lib/meeting/procedure), one per event type: the
 * browser-safe half of the registry whose commands lib/meeting/commands.ts composes.
 */
const reducers: Reducers = {
  ...meetingReducers,
  ...agendaReducers,
  ...attendanceReducers,
  ...speakerReducers,
  ...pollReducers,
  ...qaReducers,
  ...openSpaceReducers,
  ...hearingReducers,
  ...questionnaireReducers,
  ...writtenReducers,
  ...visitsReducers,
  ...evaluationReducers,
  ...expertReducers,
};

/** Pure reducer. Events out of order (seq not next) are a caller bug: the caller checks continuity. */
export function applyEvent(s: MeetingState, e: MeetingEvent): MeetingState {
  const reduce = reducers[e.type] as ((s: MeetingState, e: MeetingEvent) => Partial<MeetingState>) | undefined;
  return { ...s, seq: e.seq, ...reduce?.(s, e) };
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


/** Present members who may vote (walk-ins never may): from the counts, which a phone has without the seat list. */
export function presentVoters(s: MeetingState): number {
  return s.roster.presentVoting;
}
/** Present members who may vote and have cast no electronic ballot (their phone's or one staff entered). */
export function presentWithoutBallot(s: MeetingState, pollId: string, hasVoted: (pollId: string, seatId: string) => boolean): number {
  return s.seats.filter((seat) => seat.canVote && s.attendance[seat.id] && !hasVoted(pollId, seat.id)).length;
}
export function votingMembers(s: MeetingState): number {
  return s.roster.voting;
}
