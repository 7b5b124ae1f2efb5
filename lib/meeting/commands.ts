import { z } from 'zod';
import { AppError } from '../platform/errors';
import { newId } from '../platform/tokens';
import { AttendanceMode, canMoveStatus, Stance } from './model';
import { can, type MeetingAction, type MeetingRole } from './permissions';
import { QuorumRule, quorumStatus } from './quorum';
import { CloseDecision, unfinishedWork } from './closing';
import { decideSchedule, scheduleCommandSchemas, type ScheduleCommand, type ScheduleEffect } from './schedule';
import { queueOrder } from './speaking-queue';
import { presentVoters, presentWithoutBallot, votingMembers, type EventData, type MeetingState, type NewEvent, type Poll } from './state';
import { isWalkIn, mayVoteIn, pollVoters, WALK_IN_KIND } from './walk-ins';

/** What the facilitator enters for a walk-in: the phone is optional, mainland mobile, and staff-only (never in an event). */
export const WalkInInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  building: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits').optional(),
});
export type WalkInInput = z.infer<typeof WalkInInput>;
import { boxTally, emptyBox, type BallotBox } from '../voting/ballot-box';
import { computeOutcome, MOTION_OPTIONS, type Tally } from '../voting/outcome';
import { MajorityRule, PollKind } from '../voting/schemas';

/**
 * Commands: what a client asks the meeting to do. Each has a zod schema (the socket payload; strict, so
 * a missing, null or misspelt input is BAD_REQUEST rather than a silently emptied command), the
 * permission it needs, and a pure decision that turns it into events — or refuses with an AppError.
 */
const text = (max: number) => z.string().trim().min(1).max(max);


export const commandSchemas = {
  ...scheduleCommandSchemas,
  // Closing decides, for everything still unfinished, what becomes of it (see `unfinishedWork`).
  'meeting.close': z.strictObject({ decisions: z.array(CloseDecision).max(500).default([]) }),
  'meeting.update': z.strictObject({
    livestreamUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
    /** residents, remote participants and the projector may follow the minutes read-only */
    minutesPublic: z.boolean().optional(),
    quorumRule: QuorumRule.optional(),
  }).refine((i) => Object.values(i).some((v) => v !== undefined), 'Nothing to update'),
  'agenda.add': z.strictObject({ title: text(200), notes: z.string().max(2000).default(''), speakLimitSec: z.number().int().min(15).max(3600).default(180) }),
  'agenda.move': z.strictObject({ itemId: z.string(), toIndex: z.number().int().min(0) }),
  'agenda.start': z.strictObject({ itemId: z.string() }),
  'agenda.finish': z.strictObject({ itemId: z.string() }),
  'attendance.checkIn': z.strictObject({ seatId: z.string(), mode: AttendanceMode.default('hall') }),
  'attendance.checkInSelf': z.strictObject({}),
  /** a walk-in stakeholder (not on the roster) admitted and checked in by the facilitator; see walk-ins.ts */
  'attendance.admitWalkIn': WalkInInput,
  /** withdraw a 代签到 (staff check-in on a member's behalf) before the first poll opens; the reason is logged */
  'attendance.undoCheckIn': z.strictObject({ seatId: z.string(), reason: z.string().trim().min(2).max(500) }),
  'speaker.request': z.strictObject({ stance: Stance }),
  'speaker.withdraw': z.strictObject({ id: z.string() }),
  'speaker.grant': z.strictObject({ id: z.string() }),
  'speaker.end': z.strictObject({ id: z.string() }),
  'speaker.skip': z.strictObject({ id: z.string() }),
  'poll.create': z.strictObject({
    question: text(300),
    kind: PollKind,
    options: z.array(text(100)).max(20).default([]),
    maxChoices: z.number().int().min(1).max(20).default(1),
    secret: z.boolean().default(false),
    resultsVisibility: z.enum(['live', 'hidden']).default('live'),
    rule: MajorityRule,
    itemId: z.string().nullable().default(null),
    /** the decision a passed motion records ("同意…"); derived from the question when left out */
    decision: z.string().trim().max(300).optional(),
    /** 意向性表决: decides nothing; walk-ins may vote in it where the form allows (walk-ins.ts) */
    nonBinding: z.boolean().default(false),
  }),
  'poll.open': z.strictObject({ pollId: z.string(), overrideReason: z.string().trim().min(2).max(500).optional() }),
  'poll.close': z.strictObject({ pollId: z.string() }),
  'poll.reveal': z.strictObject({ pollId: z.string() }),
  'poll.vote': z.strictObject({
    pollId: z.string(),
    choices: z.array(z.string().max(100)).min(1).max(20),
    idempotencyKey: z.string().min(8).max(100),
  }),
  /** a named ballot the facilitator enters for a present member without a phone */
  'poll.voteFor': z.strictObject({
    pollId: z.string(),
    seatId: z.string(),
    choices: z.array(z.string().max(100)).min(1).max(20),
    idempotencyKey: z.string().min(8).max(100),
  }),
  /**
   * The paper ballots of an open secret poll as the tellers counted them: how many ballots, the votes
   * per option, the tellers' names. Entered while the poll is open (a later entry corrects the earlier
   * one) and added to the electronic count when it closes.
   */
  'poll.paperCount': z.strictObject({
    pollId: z.string(),
    ballots: z.number().int().min(0).max(10000),
    counts: z.record(z.string().max(100), z.number().int().min(0).max(10000)),
    tellers: z.array(text(50)).min(1).max(10),
  }),
  'message.show': z.strictObject({ text: text(280) }),
  'message.clear': z.strictObject({}),
} as const;

export type CommandName = keyof typeof commandSchemas;
export type CommandInput<C extends CommandName> = z.infer<(typeof commandSchemas)[C]>;
export const commandNames = Object.keys(commandSchemas) as CommandName[];

const requiredAction: Record<CommandName, MeetingAction> = {
  'meeting.announce': 'meeting.manage', 'meeting.start': 'meeting.manage', 'meeting.close': 'meeting.manage', 'meeting.update': 'meeting.manage',
  'meeting.edit': 'meeting.manage', 'meeting.reschedule': 'meeting.manage', 'meeting.cancel': 'meeting.manage',
  'agenda.edit': 'meeting.manage', 'agenda.remove': 'meeting.manage',
  'agenda.add': 'meeting.manage', 'agenda.move': 'meeting.manage', 'agenda.start': 'meeting.manage', 'agenda.finish': 'meeting.manage',
  'attendance.checkIn': 'meeting.manage', 'attendance.checkInSelf': 'attendance.checkInSelf', 'attendance.undoCheckIn': 'meeting.manage',
  'attendance.admitWalkIn': 'meeting.manage',
  'speaker.request': 'speaker.request', 'speaker.withdraw': 'speaker.request',
  'speaker.grant': 'meeting.manage', 'speaker.end': 'meeting.manage', 'speaker.skip': 'meeting.manage',
  'poll.create': 'meeting.manage', 'poll.open': 'meeting.manage', 'poll.close': 'meeting.manage', 'poll.reveal': 'meeting.manage',
  'poll.vote': 'poll.vote', 'poll.voteFor': 'poll.enterBallots', 'poll.paperCount': 'poll.enterBallots',
  'message.show': 'meeting.manage', 'message.clear': 'meeting.manage',
};

export function permissionFor(command: CommandName): MeetingAction {
  return requiredAction[command];
}

export type Actor = { role: MeetingRole; label: string; seatId: string | null; mode: 'hall' | 'remote' | null };

/** Writes beside the events that the database must make in the same transaction. */
export type Effect =
  | { kind: 'attendance'; seatId: string; mode: 'hall' | 'remote' }
  | { kind: 'attendanceUndone'; seatId: string }
  // the walk-in's seat row; building and phone go only to the database (staff-only), never to an event
  | { kind: 'walkInSeat'; seatId: string; name: string; building: string; phone: string | null }
  | { kind: 'ballot'; pollId: string; seatId: string; choices: string[]; secret: boolean; idempotencyKey: string }
  | ScheduleEffect;

/** `seatId`: the seat a command created (a walk-in's), returned to the caller with the acknowledgement. */
export type Decision = { events: NewEvent[]; effects: Effect[]; seatId?: string };

export type DecideContext = {
  /** seats that already voted in each poll (kept by the server, also for secret polls) */
  hasVoted(pollId: string, seatId: string): boolean;
  /** live totals of open polls, including secret ones (from their ballot box: no event carries them) */
  tallyOf(pollId: string): Tally;
  /** the server's clock at decision time (the notice lead time is checked against it) */
  now?: Date;
};

/** The seat a ballot command is for: the voter's own, or the one the facilitator enters it for. */
export function ballotSeatOf(name: CommandName, input: unknown, actor: Actor): string | null {
  if (name === 'poll.voteFor') return (input as CommandInput<'poll.voteFor'>).seatId;
  return name === 'poll.vote' ? actor.seatId : null;
}

/**
 * A poll's live totals for `DecideContext.tallyOf`: a secret poll's from its ballot box (no event and no
 * state carries them), a named poll's from the state.
 */
export function liveTally(s: MeetingState, pollId: string, boxes: ReadonlyMap<string, BallotBox>): Tally {
  const poll = s.polls.find((p) => p.id === pollId);
  if (!poll) return {};
  if (!poll.secret) return poll.tally ?? Object.fromEntries(poll.options.map((o) => [o, 0]));
  // Paper ballots counted in the hall are added to the electronic ones.
  const tally = boxTally(boxes.get(pollId) ?? emptyBox, poll.options);
  for (const [option, n] of Object.entries(poll.paper?.counts ?? {})) tally[option] = (tally[option] ?? 0) + n;
  return tally;
}

const one = (event: NewEvent, ...effects: Effect[]): Decision => ({ events: [event], effects });

function findPoll(s: MeetingState, pollId: string) {
  const poll = s.polls.find((p) => p.id === pollId);
  if (!poll) throw new AppError('NOT_FOUND', 'No such poll', { pollId });
  return poll;
}
function findItem(s: MeetingState, itemId: string) {
  const item = s.agenda.find((a) => a.id === itemId);
  if (!item) throw new AppError('NOT_FOUND', 'No such agenda item', { itemId });
  return item;
}
function findSpeaker(s: MeetingState, id: string) {
  const r = s.speakers.find((x) => x.id === id);
  if (!r) throw new AppError('NOT_FOUND', 'No such speaking request', { id });
  return r;
}
function requireLive(s: MeetingState) {
  if (s.status !== 'live') throw new AppError('INVALID_STATE', 'The meeting is not in session', { status: s.status });
}
function requireNotClosed(s: MeetingState) {
  if (s.status === 'closed' || s.status === 'cancelled') throw new AppError('INVALID_STATE', 'The meeting is closed', { status: s.status });
}

export function validChoices(kind: PollKind, options: string[], maxChoices: number, choices: string[]): boolean {
  if (new Set(choices).size !== choices.length) return false;
  if (!choices.every((c) => options.includes(c))) return false;
  if (kind === 'multiple') return choices.length >= 1 && choices.length <= maxChoices;
  return choices.length === 1;
}

export function decide<C extends CommandName>(
  s: MeetingState, name: C, rawInput: CommandInput<C>, actor: Actor, ctx: DecideContext,
): Decision {
  if (!can(actor.role, requiredAction[name])) {
    throw new AppError('FORBIDDEN', 'Not allowed in this meeting', { command: name, role: actor.role });
  }
  const input = rawInput as Record<string, unknown>;
  switch (name) {
    // 公告, start gate, edits before the sitting: lib/meeting/schedule.ts
    case 'meeting.announce':
    case 'meeting.start':
    case 'meeting.edit':
    case 'meeting.reschedule':
    case 'meeting.cancel':
    case 'agenda.edit':
    case 'agenda.remove':
      return decideSchedule(s, name as ScheduleCommand, rawInput as never, ctx.now ?? new Date());
    case 'meeting.close': {
      if (!canMoveStatus(s.status, 'closed')) throw new AppError('INVALID_STATE', 'Only a meeting in session can be closed', { status: s.status });
      // (Trusted callers such as the demo history pass {} without going through the schema's default.)
      return closeMeeting(s, (rawInput as Partial<CommandInput<'meeting.close'>>).decisions ?? [], ctx);
    }
    case 'meeting.update': {
      requireNotClosed(s);
      const i = rawInput as CommandInput<'meeting.update'>;
      return one({ type: 'meeting.updated', data: i });
    }
    case 'agenda.add': {
      requireNotClosed(s);
      const i = rawInput as CommandInput<'agenda.add'>;
      return one({ type: 'agenda.added', data: { id: newId(), title: i.title, notes: i.notes, speakLimitSec: i.speakLimitSec } });
    }
    case 'agenda.move': {
      requireNotClosed(s);
      const i = rawInput as CommandInput<'agenda.move'>;
      findItem(s, i.itemId);
      return one({ type: 'agenda.moved', data: i });
    }
    case 'agenda.start': {
      requireLive(s);
      const item = findItem(s, (input as { itemId: string }).itemId);
      if (item.status === 'active') throw new AppError('INVALID_STATE', 'This item is already in progress');
      return one({ type: 'agenda.started', data: { itemId: item.id } });
    }
    case 'agenda.finish': {
      requireLive(s);
      const item = findItem(s, (input as { itemId: string }).itemId);
      if (item.status !== 'active') throw new AppError('INVALID_STATE', 'This item is not in progress');
      return one({ type: 'agenda.finished', data: { itemId: item.id } });
    }
    case 'attendance.checkIn':
    case 'attendance.checkInSelf': {
      requireNotClosed(s);
      const i = rawInput as Partial<CommandInput<'attendance.checkIn'>>;
      const byStaff = name === 'attendance.checkIn';
      const seatId = byStaff ? i.seatId! : actor.seatId;
      const mode = byStaff ? i.mode! : actor.mode;
      if (!seatId || !mode || !s.seats.some((seat) => seat.id === seatId)) throw new AppError('NOT_FOUND', 'No such member in this meeting');
      if (s.attendance[seatId]) return { events: [], effects: [] }; // checking in twice is a no-op, not an error
      // 代签到 names who vouched for the member's presence, for the console, the projector and the record.
      const data = byStaff ? { seatId, mode, by: actor.label } : { seatId, mode };
      return one({ type: 'attendance.checkedIn', data }, { kind: 'attendance', seatId, mode });
    }
    case 'attendance.admitWalkIn': {
      requireNotClosed(s);
      if (!s.walkIns.allowed) throw new AppError('WALK_INS_NOT_ALLOWED', 'This form of meeting is for its roster only', { form: s.form });
      const i = rawInput as CommandInput<'attendance.admitWalkIn'>;
      const seatId = newId();
      // The event carries what every screen shows of a seat (its name); building and phone stay in the
      // seat's row. Admitted in the hall, so checked in at once, vouched for by the facilitator.
      return {
        events: [
          { type: 'seat.added', data: { id: seatId, name: i.name, kind: WALK_IN_KIND, canVote: false } },
          { type: 'attendance.checkedIn', data: { seatId, mode: 'hall', by: actor.label } },
        ],
        effects: [
          { kind: 'walkInSeat', seatId, name: i.name, building: i.building, phone: i.phone ?? null },
          { kind: 'attendance', seatId, mode: 'hall' },
        ],
        seatId,
      };
    }
    case 'attendance.undoCheckIn': {
      requireNotClosed(s);
      const i = rawInput as CommandInput<'attendance.undoCheckIn'>;
      const presence = s.attendance[i.seatId];
      if (!presence) throw new AppError('NOT_FOUND', 'This member is not checked in', { seatId: i.seatId });
      // A member's own check-in is theirs; staff may only withdraw what staff vouched for.
      if (!presence.by) throw new AppError('INVALID_STATE', 'Only a check-in made on the member\'s behalf can be undone');
      // Once a poll has opened, presence has counted towards quorum and ballots: it stays as it was.
      if (s.polls.some((p) => p.status !== 'draft')) throw new AppError('INVALID_STATE', 'A poll has already been opened');
      return one({ type: 'attendance.checkInUndone', data: { seatId: i.seatId, reason: i.reason } }, { kind: 'attendanceUndone', seatId: i.seatId });
    }
    case 'speaker.request': {
      requireLive(s);
      const seat = s.seats.find((x) => x.id === actor.seatId);
      if (!seat) throw new AppError('FORBIDDEN', 'Only members may ask to speak');
      if (!s.attendance[seat.id]) throw new AppError('INVALID_STATE', 'Check in before asking to speak');
      const waiting = s.speakers.some((r) => r.seatId === seat.id && (r.status === 'queued' || r.status === 'speaking') && r.itemId === s.currentItemId);
      if (waiting) throw new AppError('CONFLICT', 'You are already on the speakers list');
      const limit = s.agenda.find((a) => a.id === s.currentItemId)?.speakLimitSec ?? 180;
      const stance = (rawInput as CommandInput<'speaker.request'>).stance;
      return one({ type: 'speaker.requested', data: { id: newId(), itemId: s.currentItemId, seatId: seat.id, name: seat.name, stance, limitSec: limit } });
    }
    case 'speaker.withdraw': {
      const r = findSpeaker(s, (input as { id: string }).id);
      if (r.seatId !== actor.seatId) throw new AppError('FORBIDDEN', 'Not your request');
      if (r.status !== 'queued') throw new AppError('INVALID_STATE', 'This request is no longer waiting');
      return one({ type: 'speaker.withdrawn', data: { id: r.id } });
    }
    case 'speaker.grant': {
      requireLive(s);
      const r = findSpeaker(s, (input as { id: string }).id);
      if (r.status !== 'queued') throw new AppError('INVALID_STATE', 'This request is not waiting');
      return one({ type: 'speaker.granted', data: { id: r.id } });
    }
    case 'speaker.end': {
      const r = findSpeaker(s, (input as { id: string }).id);
      if (r.status !== 'speaking') throw new AppError('INVALID_STATE', 'This person is not speaking');
      return one({ type: 'speaker.ended', data: { id: r.id } });
    }
    case 'speaker.skip': {
      const r = findSpeaker(s, (input as { id: string }).id);
      if (r.status !== 'queued') throw new AppError('INVALID_STATE', 'This request is not waiting');
      return one({ type: 'speaker.skipped', data: { id: r.id } });
    }
    case 'poll.create': {
      requireNotClosed(s);
      const i = rawInput as CommandInput<'poll.create'>;
      const options = i.kind === 'motion' ? [...MOTION_OPTIONS] : i.options;
      if (i.kind !== 'motion' && options.length < 2) throw new AppError('BAD_REQUEST', 'A choice poll needs at least two options');
      if (new Set(options).size !== options.length) throw new AppError('BAD_REQUEST', 'Options must differ');
      const maxChoices = i.kind === 'multiple' ? Math.min(i.maxChoices, options.length) : 1;
      if (i.itemId) findItem(s, i.itemId);
      return one({
        type: 'poll.created',
        data: {
          id: newId(), itemId: i.itemId ?? s.currentItemId, question: i.question, kind: i.kind, options, maxChoices, secret: i.secret,
          resultsVisibility: i.resultsVisibility, rule: i.rule, ...(i.decision ? { decision: i.decision } : {}),
          ...(i.nonBinding ? { nonBinding: true as const } : {}),
        },
      });
    }
    case 'poll.open': {
      requireLive(s);
      const i = rawInput as CommandInput<'poll.open'>;
      const poll = findPoll(s, i.pollId);
      if (poll.status !== 'draft') throw new AppError('INVALID_STATE', 'This poll has already been opened');
      if (s.polls.some((p) => p.status === 'open')) throw new AppError('INVALID_STATE', 'Another poll is open');
      const quorum = quorumStatus(s.quorumRule, presentVoters(s), votingMembers(s));
      // Without quorum a poll opens only on the facilitator's stated reason, which the log keeps.
      if (!quorum.met && !i.overrideReason) throw new AppError('QUORUM_NOT_MET', 'Quorum not met', quorum);
      return one({ type: 'poll.opened', data: { pollId: poll.id, quorum, overrideReason: quorum.met ? null : i.overrideReason! } });
    }
    case 'poll.close': {
      const poll = findPoll(s, (input as { pollId: string }).pollId);
      if (poll.status !== 'open') throw new AppError('INVALID_STATE', 'This poll is not open');
      return one(pollClosed(s, poll, ctx));
    }
    case 'poll.reveal': {
      const poll = findPoll(s, (input as { pollId: string }).pollId);
      if (poll.status !== 'closed') throw new AppError('INVALID_STATE', 'Close the poll before revealing it');
      if (poll.revealed) throw new AppError('INVALID_STATE', 'Already revealed');
      return one({ type: 'poll.revealed', data: { pollId: poll.id, tally: poll.tally, outcome: poll.outcome } });
    }
    case 'poll.vote':
    case 'poll.voteFor': {
      const i = rawInput as CommandInput<'poll.vote'>;
      const poll = findPoll(s, i.pollId);
      if (poll.status !== 'open') throw new AppError('INVALID_STATE', 'Voting is not open', { pollId: poll.id });
      const staffEntered = name === 'poll.voteFor';
      // A secret ballot entered by staff would be seen by staff: members without a phone vote on paper.
      if (staffEntered && poll.secret) throw new AppError('INVALID_STATE', 'Enter paper ballots of a secret poll as counts');
      const seatId = ballotSeatOf(name, rawInput, actor);
      const seat = s.seats.find((x) => x.id === seatId);
      if (staffEntered && !seat) throw new AppError('NOT_FOUND', 'No such member in this meeting');
      if (seat && isWalkIn(seat) && !mayVoteIn(seat, poll, s.walkIns)) {
        throw new AppError('BINDING_POLL_ROSTER_ONLY', 'Only roster members vote in this poll', { pollId: poll.id });
      }
      if (!seat || !mayVoteIn(seat, poll, s.walkIns)) throw new AppError('FORBIDDEN', 'You are not entitled to vote in this meeting');
      if (!s.attendance[seat.id]) throw new AppError('INVALID_STATE', 'Check in before voting');
      if (ctx.hasVoted(poll.id, seat.id)) throw new AppError('ALREADY_VOTED', 'You have already voted in this poll');
      if (!validChoices(poll.kind, poll.options, poll.maxChoices, i.choices)) {
        throw new AppError('BAD_REQUEST', 'Invalid choice', { maxChoices: poll.maxChoices });
      }
      // A secret ballot's event says only that one more ballot is in the box; a named one says whose it
      // is and the new totals. The choice itself goes to the database as the effect.
      // Paper ballots stand for present members without an electronic one: once they and the electronic
      // ballots make up everyone present, one more would count someone twice.
      if (poll.paper && poll.paper.ballots >= presentWithoutBallotIn(s, poll, ctx.hasVoted)) {
        throw new AppError('INVALID_STATE', 'Every present member\'s ballot is in, counting the paper ones');
      }
      let data: EventData<'poll.ballot'> = { pollId: poll.id, voted: poll.voted + 1 };
      if (!poll.secret) {
        const tally = { ...ctx.tallyOf(poll.id) };
        for (const c of i.choices) tally[c] = (tally[c] ?? 0) + 1;
        data = { ...data, tally, seatId: seat.id, ...(staffEntered ? { staffEntered: true as const } : {}) };
      }
      return one(
        { type: 'poll.ballot', data },
        { kind: 'ballot', pollId: poll.id, seatId: seat.id, choices: i.choices, secret: poll.secret, idempotencyKey: i.idempotencyKey },
      );
    }
    case 'poll.paperCount': {
      const i = rawInput as CommandInput<'poll.paperCount'>;
      const poll = findPoll(s, i.pollId);
      if (poll.status !== 'open') throw new AppError('INVALID_STATE', 'Voting is not open', { pollId: poll.id });
      if (!poll.secret) throw new AppError('INVALID_STATE', 'Enter a named poll\'s ballots one by one for each member');
      const unknown = Object.keys(i.counts).filter((o) => !poll.options.includes(o));
      if (unknown.length) throw new AppError('BAD_REQUEST', 'Invalid choice', { options: unknown });
      const counts = Object.fromEntries(poll.options.map((o) => [o, i.counts[o] ?? 0]));
      const votes = Object.values(counts).reduce((a, b) => a + b, 0);
      // Each ballot names one option (several, up to maxChoices, in a multiple-choice poll); a blank or
      // spoilt paper ballot is not a ballot here.
      const fits = poll.kind === 'multiple'
        ? votes >= i.ballots && votes <= i.ballots * poll.maxChoices && Object.values(counts).every((n) => n <= i.ballots)
        : votes === i.ballots;
      if (!fits) throw new AppError('BAD_REQUEST', 'The counts do not match the number of ballots', { ballots: i.ballots, votes });
      const room = presentWithoutBallotIn(s, poll, ctx.hasVoted);
      if (i.ballots > room) throw new AppError('INVALID_STATE', 'More paper ballots than present members without an electronic one', { ballots: i.ballots, room });
      return one({ type: 'poll.paperCounted', data: { pollId: poll.id, ballots: i.ballots, counts, tellers: i.tellers } });
    }
    case 'message.show':
      return one({ type: 'message.shown', data: { text: (rawInput as CommandInput<'message.show'>).text } });
    case 'message.clear':
      return one({ type: 'message.cleared', data: {} });
  }
  throw new AppError('BAD_REQUEST', 'Unknown command');
}

/**
 * Present seats entitled to a ballot in this poll that have cast no electronic one: roster members, and
 * in a non-binding poll open to them, walk-ins too (the paper ballots stand for these).
 */
function presentWithoutBallotIn(s: MeetingState, poll: Poll, hasVoted: DecideContext['hasVoted']): number {
  if (!poll.nonBinding) return presentWithoutBallot(s, poll.id, hasVoted);
  return pollVoters(s, poll).filter((seat) => s.attendance[seat.id] && !hasVoted(poll.id, seat.id)).length;
}

function pollClosed(s: MeetingState, poll: Poll, ctx: DecideContext): NewEvent {
  const tally = ctx.tallyOf(poll.id);
  const voted = poll.voted;
  // A binding poll's bases are the roster's; a non-binding one's are everyone entitled to its ballot.
  const voters = poll.nonBinding ? pollVoters(s, poll) : null;
  const outcome = computeOutcome({
    kind: poll.kind, options: poll.options, rule: poll.rule, tally, ballots: voted,
    present: voters ? voters.filter((seat) => s.attendance[seat.id]).length : presentVoters(s),
    members: voters ? voters.length : votingMembers(s),
  });
  return { type: 'poll.closed', data: { pollId: poll.id, voted, tally, outcome } };
}

/**
 * Closing: every unfinished thing needs exactly one decision, or nothing happens — so the record never
 * shows an item of a closed meeting as still in progress. The decisions become ordinary events before
 * the status change.
 */
function closeMeeting(s: MeetingState, decisions: CloseDecision[], ctx: DecideContext): Decision {
  const open = unfinishedWork(s);
  const key = (d: { kind: string; id: string }) => `${d.kind}:${d.id}`;
  const byKey = new Map<string, CloseDecision>();
  for (const d of decisions) {
    if (byKey.has(key(d))) throw new AppError('BAD_REQUEST', 'Two decisions for one thing', { kind: d.kind, id: d.id });
    byKey.set(key(d), d);
  }
  const missing = open.filter((w) => !byKey.has(key(w))).map((w) => ({ kind: w.kind, id: w.id }));
  if (missing.length) throw new AppError('UNFINISHED_WORK', 'Decide what becomes of every unfinished item before closing', { missing });
  const stray = decisions.filter((d) => !open.some((w) => key(w) === key(d)));
  if (stray.length) throw new AppError('BAD_REQUEST', 'A decision refers to nothing unfinished', { kind: stray[0]!.kind, id: stray[0]!.id });

  const events: NewEvent[] = [];
  for (const w of open) {
    const d = byKey.get(key(w))!;
    if (!w.actions.includes(d.action)) throw new AppError('BAD_REQUEST', 'This cannot be done with it', { kind: d.kind, id: d.id, action: d.action });
    const reason = d.reason?.trim() ?? '';
    if (d.action === 'drop' && reason.length < 2) throw new AppError('BAD_REQUEST', 'Dropping needs a reason', { kind: d.kind, id: d.id });
    if (d.kind === 'item') {
      events.push(d.action === 'finish' ? { type: 'agenda.finished', data: { itemId: d.id } }
        : { type: 'agenda.closedOut', data: { itemId: d.id, outcome: d.action === 'defer' ? 'deferred' : 'dropped', reason: d.action === 'drop' ? reason : null } });
    } else if (d.kind === 'speaker') {
      events.push(d.action === 'finish' ? { type: 'speaker.ended', data: { id: d.id } }
        : { type: 'speaker.closedOut', data: { id: d.id, outcome: d.action === 'defer' ? 'deferred' : 'dropped', reason: d.action === 'drop' ? reason : null } });
    } else {
      const poll = findPoll(s, d.id);
      events.push(d.action === 'finish' ? pollClosed(s, poll, ctx) : { type: 'poll.dropped', data: { pollId: poll.id, reason } });
    }
  }
  events.push({ type: 'meeting.statusChanged', data: { status: 'closed' } });
  return { events, effects: [{ kind: 'status', status: 'closed' }] };
}

/** The next speaker the facilitator would call, for the console's "next" button. */
export function nextSpeaker(s: MeetingState) {
  return queueOrder(s.speakers, s.currentItemId)[0] ?? null;
}
