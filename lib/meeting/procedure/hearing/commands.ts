import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import type { MeetingState } from '../../state';
import { command, one, requireLive, requireNotClosed, text, type Actor } from '../command';
import { EMPTY_HEARING } from './reduce';
import {
  currentTurn, HEARING_LIMITS, hearingRoles, hearingStages, hearingStakes, nextRepresentative, speaks,
  type Hearing, type HearingRegistration, type HearingStage, type TurnRole,
} from './model';

function hearingOf(s: MeetingState): Hearing {
  if (s.form !== 'hearing') throw new AppError('INVALID_STATE', 'This meeting is not a hearing', { form: s.form });
  return s.hearing ?? EMPTY_HEARING;
}

function findRegistration(h: Hearing, id: string): HearingRegistration {
  const r = h.registrations.find((x) => x.id === id);
  if (!r) throw new AppError('NOT_FOUND', 'No such registration', { id });
  return r;
}

/** The applicant's seat: a seat of this meeting (checked in or not: people register before the meeting). */
function seatOf(s: MeetingState, actor: Actor) {
  const seat = s.seats.find((x) => x.id === actor.seatId);
  if (!seat) throw new AppError('FORBIDDEN', 'Only participants register');
  return seat;
}

/** The seat's application that still stands (pending or admitted; a rejected one also counts: one each). */
const standingOf = (h: Hearing, seatId: string) => h.registrations.find((r) => r.seatId === seatId && r.status !== 'withdrawn') ?? null;

/** The actor's own admitted registration that may speak; 列席 may not ask for the floor. */
function speakerOf(s: MeetingState, h: Hearing, actor: Actor): HearingRegistration {
  const r = standingOf(h, seatOf(s, actor).id);
  if (!r) throw new AppError('FORBIDDEN', 'You are not registered for this hearing');
  if (!speaks(r)) throw new AppError('FORBIDDEN', 'Attendees (列席) do not take the floor');
  if (r.status !== 'admitted') throw new AppError('INVALID_STATE', `Your registration is ${r.status}`, { status: r.status });
  return r;
}

/** A registration that can be given a turn now: admitted, and not an attendee. */
function turnHolder(h: Hearing, id: string): HearingRegistration {
  const r = findRegistration(h, id);
  if (r.status !== 'admitted') throw new AppError('INVALID_STATE', `This registration is ${r.status}`, { id, status: r.status });
  if (!speaks(r)) throw new AppError('INVALID_STATE', 'Attendees (列席) are not given a turn', { id });
  return r;
}

/** A turn in the stage: who may hold one, and the role they hold it in. Anything else is out of turn. */
function turnFor(h: Hearing, stage: HearingStage, registrationId: string | null, host: string): { speaker: string; role: TurnRole; r: HearingRegistration | null } {
  const outOfTurn = (why: string) => new AppError('INVALID_STATE', why, { stage, registrationId });
  if (registrationId === null) {
    if (stage === 'discipline' || stage === 'summary') return { speaker: host, role: 'host', r: null };
    if (stage === 'representatives') throw outOfTurn('The representatives speak in this stage');
    if (!h.proposer) throw new AppError('INVALID_STATE', 'Name the proposing party first (hearing.configure)');
    if (stage === 'final' && h.turns.some((t) => t.stage === 'final' && t.registrationId === null)) throw outOfTurn('The proposing party has made its final statement');
    return { speaker: h.proposer, role: 'proposer', r: null };
  }
  if (stage === 'discipline' || stage === 'explanation' || stage === 'summary') throw outOfTurn('Only the host or the proposing party speaks in this stage');
  const r = turnHolder(h, registrationId);
  if (stage === 'representatives' && nextRepresentative(h)?.id !== r.id) throw outOfTurn('Not this representative’s turn in the speaking order');
  if (stage === 'final' && h.turns.some((t) => t.stage === 'final' && t.registrationId === r.id)) throw outOfTurn('This representative has made their final statement');
  return { speaker: r.name, role: r.role!, r };
}

/** The stages go forward one at a time, and back one step (an undo). */
function stageStep(from: HearingStage | null, to: HearingStage): boolean {
  const a = from === null ? -1 : hearingStages.indexOf(from);
  const b = hearingStages.indexOf(to);
  return b - a === 1 || (from !== null && a - b === 1);
}

const Role = z.enum(hearingRoles);
const Stake = z.enum(hearingStakes);
const Summary = z.string().trim().max(HEARING_LIMITS.summaryMax).default('');
const ById = z.strictObject({ id: z.string().max(100) });

export const hearingCommands = {
  'hearing.configure': command({
    schema: z.strictObject({
      turnSeconds: z.number().int().min(HEARING_LIMITS.minTurnSec).max(HEARING_LIMITS.maxTurnSec).default(HEARING_LIMITS.defaultTurnSec),
      proposer: text(100),
    }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      hearingOf(s);
      return one({ type: 'hearing.configured', data: { turnSeconds: i.turnSeconds, proposer: i.proposer } });
    },
  }),
  /** After the notice (announced) and during the meeting; the ack's `result.id` is the registration's id. */
  'hearing.apply': command({
    schema: z.strictObject({ role: Role, stake: Stake, summary: Summary }),
    action: 'hearing.participate',
    decide(s, i, actor) {
      if (s.status !== 'announced' && s.status !== 'live') throw new AppError('INVALID_STATE', 'Registration opens with the notice and ends with the meeting', { status: s.status });
      const h = hearingOf(s);
      const seat = seatOf(s, actor);
      const mine = standingOf(h, seat.id);
      if (mine) throw new AppError('CONFLICT', 'You have already applied', { id: mine.id, status: mine.status });
      if (h.registrations.filter((r) => r.seatId === seat.id).length >= HEARING_LIMITS.applicationsPerSeat) {
        throw new AppError('RATE_LIMITED', 'You have applied the most times one person may', { limit: HEARING_LIMITS.applicationsPerSeat });
      }
      if (h.registrations.length >= HEARING_LIMITS.registrations) throw new AppError('RATE_LIMITED', 'The hearing takes no more registrations', { limit: HEARING_LIMITS.registrations });
      const id = newId();
      return { ...one({ type: 'hearing.applied', data: { id, seatId: seat.id, name: seat.name, role: i.role, stake: i.stake, summary: i.summary } }), id };
    },
  }),
  /** The applicant takes back a pending or admitted application (then may apply again). */
  'hearing.withdraw': command({
    schema: z.strictObject({}),
    action: 'hearing.participate',
    decide(s, _i, actor) {
      requireNotClosed(s);
      const h = hearingOf(s);
      const r = standingOf(h, seatOf(s, actor).id);
      if (!r || r.status === 'rejected') throw new AppError('INVALID_STATE', 'You have no application to withdraw');
      if (currentTurn(h)?.registrationId === r.id) throw new AppError('INVALID_STATE', 'You have the floor');
      return one({ type: 'hearing.withdrawn', data: { id: r.id, seatId: r.seatId } });
    },
  }),
  /** For someone without a phone: staff write their registration, admitted at once. */
  'hearing.register': command({
    schema: z.strictObject({ name: text(HEARING_LIMITS.nameMax), role: Role, stake: Stake, summary: Summary }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const h = hearingOf(s);
      if (h.registrations.length >= HEARING_LIMITS.registrations) throw new AppError('RATE_LIMITED', 'The hearing takes no more registrations', { limit: HEARING_LIMITS.registrations });
      const id = newId();
      return { ...one({ type: 'hearing.registered', data: { id, name: i.name, role: i.role, stake: i.stake, summary: i.summary } }), id };
    },
  }),
  /** Admits a pending application, or one rejected before (an undo). */
  'hearing.admit': command({
    schema: ById,
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const r = findRegistration(hearingOf(s), i.id);
      if (r.status !== 'pending' && r.status !== 'rejected') throw new AppError('INVALID_STATE', `This registration is ${r.status}`, { id: r.id, status: r.status });
      return one({ type: 'hearing.admitted', data: { id: r.id, seatId: r.seatId, name: r.name, role: r.role!, stake: r.stake!, summary: r.summary } });
    },
  }),
  /** Rejects a pending application, or takes back an admission, with a reason the applicant is told. */
  'hearing.reject': command({
    schema: z.strictObject({ id: z.string().max(100), reason: text(HEARING_LIMITS.reasonMax) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const h = hearingOf(s);
      const r = findRegistration(h, i.id);
      if (r.status !== 'pending' && r.status !== 'admitted') throw new AppError('INVALID_STATE', `This registration is ${r.status}`, { id: r.id, status: r.status });
      if (currentTurn(h)?.registrationId === r.id) throw new AppError('INVALID_STATE', 'This person has the floor');
      return one({ type: 'hearing.rejected', data: { id: r.id, seatId: r.seatId, reason: i.reason } });
    },
  }),
  'hearing.stage': command({
    schema: z.strictObject({ stage: z.enum(hearingStages) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const h = hearingOf(s);
      if (h.currentTurnId) throw new AppError('INVALID_STATE', 'End the current turn first');
      if (!stageStep(h.stage, i.stage)) throw new AppError('INVALID_STATE', `From ${h.stage ?? 'the start'} the hearing cannot go to ${i.stage}`, { stage: h.stage });
      return one({ type: 'hearing.stageChanged', data: { stage: i.stage } });
    },
  }),
  /** A representative raises (or lowers) a hand, e.g. to put a question to the proposer. */
  'hearing.requestFloor': command({
    schema: z.strictObject({ raised: z.boolean().default(true) }),
    action: 'hearing.participate',
    decide(s, i, actor) {
      requireLive(s);
      const h = hearingOf(s);
      const r = speakerOf(s, h, actor);
      if (h.floorRequests.includes(r.id) === i.raised) return { events: [], effects: [] };
      return one({ type: 'hearing.floorRequested', data: { registrationId: r.id, raised: i.raised } });
    },
  }),
  /**
   * One turn at a time, in the stage the console believes it is in (a stale console is refused rather
   * than logging a turn under the wrong stage). `registrationId` null: the host or the proposing party.
   */
  'hearing.turnStart': command({
    schema: z.strictObject({ registrationId: z.string().max(100).nullable(), stage: z.enum(hearingStages) }),
    action: 'meeting.manage',
    decide(s, i, actor) {
      requireLive(s);
      const h = hearingOf(s);
      if (h.stage !== i.stage) throw new AppError('INVALID_STATE', `The hearing is in its ${h.stage ?? 'opening'} stage`, { stage: h.stage });
      if (h.currentTurnId) throw new AppError('INVALID_STATE', 'Someone has the floor', { turnId: h.currentTurnId });
      const { speaker, role, r } = turnFor(h, i.stage, i.registrationId, actor.label);
      const id = newId();
      return {
        ...one({ type: 'hearing.turnStarted', data: { id, stage: i.stage, registrationId: i.registrationId, speaker, role, stake: r?.stake ?? null, limitSec: h.turnSeconds } }),
        id,
      };
    },
  }),
  'hearing.turnEnd': command({
    schema: z.strictObject({}),
    action: 'meeting.manage',
    decide(s, _i, _actor, ctx) {
      requireNotClosed(s);
      const h = hearingOf(s);
      const t = currentTurn(h);
      if (!t) throw new AppError('INVALID_STATE', 'Nobody has the floor');
      const durationSec = Math.max(0, Math.round(((ctx.now ?? new Date()).getTime() - Date.parse(t.startedAt)) / 1000));
      return one({ type: 'hearing.turnEnded', data: { id: t.id, durationSec } });
    },
  }),
  /** The representative next in the speaking order is not there: the order moves on. */
  'hearing.skip': command({
    schema: z.strictObject({ registrationId: z.string().max(100) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const h = hearingOf(s);
      if (h.stage !== 'representatives') throw new AppError('INVALID_STATE', 'Only the representatives’ speaking order is skipped through', { stage: h.stage });
      if (h.currentTurnId) throw new AppError('INVALID_STATE', 'Someone has the floor', { turnId: h.currentTurnId });
      if (nextRepresentative(h)?.id !== i.registrationId) throw new AppError('INVALID_STATE', 'Not this representative’s turn in the speaking order', { registrationId: i.registrationId });
      return one({ type: 'hearing.turnSkipped', data: { registrationId: i.registrationId } });
    },
  }),
  /** 听证笔录: the speaker of a finished turn confirms their statement as recorded. */
  'hearing.confirm': command({
    schema: z.strictObject({ turnId: z.string().max(100) }),
    action: 'hearing.participate',
    decide(s, i, actor) {
      requireNotClosed(s);
      const t = ownTurn(hearingOf(s), i.turnId, actor);
      if (t.confirmedAt) throw new AppError('CONFLICT', 'You have already confirmed this statement');
      return one({ type: 'hearing.confirmed', data: { turnId: t.id } });
    },
  }),
  /** 提出更正: before confirming, the speaker asks for corrections to their statement as recorded. */
  'hearing.correct': command({
    schema: z.strictObject({ turnId: z.string().max(100), text: text(HEARING_LIMITS.correctionMax) }),
    action: 'hearing.participate',
    decide(s, i, actor) {
      requireNotClosed(s);
      const t = ownTurn(hearingOf(s), i.turnId, actor);
      if (t.confirmedAt) throw new AppError('INVALID_STATE', 'This statement has been confirmed');
      if (t.corrections.length >= HEARING_LIMITS.correctionsPerTurn) throw new AppError('RATE_LIMITED', 'No more corrections to this statement', { limit: HEARING_LIMITS.correctionsPerTurn });
      return one({ type: 'hearing.corrected', data: { turnId: t.id, text: i.text } });
    },
  }),
  /** The convener's decision with its reasons (a later one replaces it). */
  'hearing.result': command({
    schema: z.strictObject({ decision: text(HEARING_LIMITS.decisionMax), reasons: text(HEARING_LIMITS.reasonsMax) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      hearingOf(s);
      return one({ type: 'hearing.resultRecorded', data: { decision: i.decision, reasons: i.reasons } });
    },
  }),
};

/** A finished turn whose speaker is the actor's seat: nobody else confirms or corrects it. */
function ownTurn(h: Hearing, turnId: string, actor: Actor) {
  const t = h.turns.find((x) => x.id === turnId);
  if (!t) throw new AppError('NOT_FOUND', 'No such turn', { turnId });
  const r = t.registrationId ? h.registrations.find((x) => x.id === t.registrationId) : null;
  if (!r?.seatId || r.seatId !== actor.seatId) throw new AppError('FORBIDDEN', 'Only the speaker confirms or corrects their statement');
  if (!t.endedAt) throw new AppError('INVALID_STATE', 'The turn has not ended');
  return t;
}
