import { describe, expect, it } from 'vitest';
import { unfinishedWork } from '../../closing';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { meetingRoles, type MeetingRole } from '../../permissions';
import { ownersOf, projectEvent, projectSeat, projectState } from '../../projection';
import { foldEvents, type MeetingEvent } from '../../state';
import { facilitator, guestIdOf, MEETING_ID, MeetingSession, member, seatIdOf, staff, timeOf } from '../../../../tests/factories/meeting';
import type { Actor } from '../command';
import { EMPTY_HEARING } from './reduce';
import {
  HEARING_LIMITS, nextRepresentative, speakingOrder, stakeBalance,
  type HearingRegistration, type HearingRole, type HearingStage, type HearingStake,
} from './model';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** A hearing in session (8 seats, 6 checked in), the proposing party named, 4-minute turns. */
function hearing(opts: { seats?: number; checkedIn?: number; status?: 'announced' | 'live' } = {}) {
  const m = new MeetingSession({ form: 'hearing', seats: opts.seats ?? 8, checkedIn: opts.checkedIn ?? 6, status: opts.status ?? 'live' });
  m.run('hearing.configure', { turnSeconds: 240, proposer: '物业公司' });
  return m;
}

function apply(m: MeetingSession, n: number, stake: HearingStake, role: HearingRole = 'representative', summary = `居民${n}的意见`): string {
  const [e] = m.run('hearing.apply', { role, stake, summary }, member(n));
  if (e.type !== 'hearing.applied') throw new Error('expected hearing.applied');
  return e.data.id;
}

function admitted(m: MeetingSession, n: number, stake: HearingStake, role: HearingRole = 'representative'): string {
  const id = apply(m, n, stake, role);
  m.run('hearing.admit', { id });
  return id;
}

/** The id a command's one event created (a registration, a turn). */
function createdId(events: MeetingEvent[]): string {
  const data = events[0]?.data;
  if (!data || !('id' in data) || typeof data.id !== 'string') throw new Error('expected an event with an id');
  return data.id;
}

const reg = (m: MeetingSession, id: string) => m.state.hearing!.registrations.find((r) => r.id === id)!;

/** Moves the stages forward up to `to`. */
function goTo(m: MeetingSession, to: HearingStage) {
  const order: HearingStage[] = ['discipline', 'explanation', 'representatives', 'questioning', 'final', 'summary'];
  const from = m.state.hearing?.stage ? order.indexOf(m.state.hearing.stage) + 1 : 0;
  for (const stage of order.slice(from, order.indexOf(to) + 1)) m.run('hearing.stage', { stage });
}

/** A turn: started, then ended a minute per event later (the session stamps each event a minute apart). */
function turn(m: MeetingSession, registrationId: string | null, stage: HearingStage): string {
  const [e] = m.run('hearing.turnStart', { registrationId, stage });
  if (e.type !== 'hearing.turnStarted') throw new Error('expected hearing.turnStarted');
  m.now = new Date(timeOf(m.state.seq + 1));
  m.run('hearing.turnEnd', {});
  return e.data.id;
}

describe('hearing: registration', () => {
  it('only a hearing takes registrations and turns', () => {
    const council = new MeetingSession({ seats: 3, checkedIn: 3 });
    expect(codeOf(() => council.decide('hearing.apply', { role: 'representative', stake: 'support' }, member(1)))).toBe('INVALID_STATE');
    expect(codeOf(() => council.decide('hearing.configure', { proposer: '物业公司' }))).toBe('INVALID_STATE');
    expect(codeOf(() => council.decide('hearing.stage', { stage: 'discipline' }))).toBe('INVALID_STATE');
  });

  it('a seat applies after the notice, before the meeting and without checking in; not before the notice nor after the close', () => {
    const m = new MeetingSession({ form: 'hearing', status: 'announced', seats: 3, checkedIn: 0 });
    const id = apply(m, 1, 'oppose', 'representative', '反对加装电梯的理由');
    expect(reg(m, id)).toMatchObject({ seatId: seatIdOf(1), name: '居民1', role: 'representative', stake: 'oppose', summary: '反对加装电梯的理由', status: 'pending', byStaff: false });
    const draft = new MeetingSession({ form: 'hearing', status: 'draft', seats: 3 });
    expect(codeOf(() => draft.decide('hearing.apply', { role: 'attendee', stake: 'other' }, member(1)))).toBe('INVALID_STATE');
    const closed = new MeetingSession({ form: 'hearing', status: 'closed', seats: 3 });
    expect(codeOf(() => closed.decide('hearing.apply', { role: 'attendee', stake: 'other' }, member(1)))).toBe('INVALID_STATE');
  });

  it('one application per seat; a rejected one counts; a withdrawn one does not', () => {
    const m = hearing();
    const a = apply(m, 1, 'support');
    expect(codeOf(() => m.decide('hearing.apply', { role: 'attendee', stake: 'other' }, member(1)))).toBe('CONFLICT');
    m.run('hearing.withdraw', {}, member(1));
    expect(reg(m, a).status).toBe('withdrawn');
    expect(codeOf(() => m.decide('hearing.withdraw', {}, member(1)))).toBe('INVALID_STATE');
    const b = apply(m, 1, 'oppose');
    m.run('hearing.reject', { id: b, reason: '非利害关系人' });
    expect(codeOf(() => m.decide('hearing.apply', { role: 'representative', stake: 'oppose' }, member(1)))).toBe('CONFLICT');
    expect(codeOf(() => m.decide('hearing.withdraw', {}, member(1)))).toBe('INVALID_STATE');
  });

  it('applying and withdrawing over and over is limited per seat', () => {
    const m = hearing();
    for (let i = 0; i < HEARING_LIMITS.applicationsPerSeat; i++) {
      apply(m, 1, 'support');
      m.run('hearing.withdraw', {}, member(1));
    }
    expect(codeOf(() => m.decide('hearing.apply', { role: 'representative', stake: 'support' }, member(1)))).toBe('RATE_LIMITED');
    expect(codeOf(() => m.decide('hearing.apply', { role: 'representative', stake: 'support' }, member(2)))).toBe('NO_ERROR');
  });

  it('staff, an observer or a device without a seat cannot apply; a participant cannot admit, reject or register', () => {
    const m = hearing();
    const input = { role: 'representative', stake: 'support' } as const;
    expect(codeOf(() => m.decide('hearing.apply', input, facilitator))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.apply', input, staff('recorder')))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.apply', input, { ...member(1), role: 'observer' }))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.apply', input, { ...member(1), seatId: 'nobody' }))).toBe('FORBIDDEN');
    const id = apply(m, 1, 'support');
    expect(codeOf(() => m.decide('hearing.admit', { id }, member(2)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.reject', { id, reason: '不行' }, member(2)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.register', { name: '王阿姨', ...input }, member(2)))).toBe('FORBIDDEN');
  });

  it('role and stake are from their lists; the summary and a rejection reason are limited', () => {
    const m = hearing();
    expect(() => m.decide('hearing.apply', { role: 'speaker' as never, stake: 'support' }, member(1))).toThrow();
    expect(() => m.decide('hearing.apply', { role: 'representative', stake: 'neutral' as never }, member(1))).toThrow();
    expect(() => m.decide('hearing.apply', { role: 'representative', stake: 'support', summary: '长'.repeat(HEARING_LIMITS.summaryMax + 1) }, member(1))).toThrow();
    expect(codeOf(() => m.decide('hearing.apply', { role: 'representative', stake: 'support', summary: '长'.repeat(HEARING_LIMITS.summaryMax) }, member(1)))).toBe('NO_ERROR');
    const id = apply(m, 1, 'support');
    expect(() => m.decide('hearing.reject', { id, reason: '  ' })).toThrow();
  });

  it('staff admit, reject with a reason, take a rejection back, and revoke an admission', () => {
    const m = hearing();
    const id = apply(m, 1, 'support');
    m.run('hearing.reject', { id, reason: '报名材料不全' });
    expect(reg(m, id)).toMatchObject({ status: 'rejected', reason: '报名材料不全' });
    m.run('hearing.admit', { id });
    expect(reg(m, id)).toMatchObject({ status: 'admitted', reason: null });
    expect(codeOf(() => m.decide('hearing.admit', { id }))).toBe('INVALID_STATE');
    m.run('hearing.reject', { id, reason: '经核实非本小区居民' });
    expect(reg(m, id).status).toBe('rejected');
    expect(codeOf(() => m.decide('hearing.admit', { id: 'nope' }))).toBe('NOT_FOUND');
    const w = apply(m, 2, 'oppose');
    m.run('hearing.withdraw', {}, member(2));
    expect(codeOf(() => m.decide('hearing.admit', { id: w }))).toBe('INVALID_STATE');
  });

  it('staff register someone without a phone, admitted at once', () => {
    const m = hearing();
    const id = createdId(m.run('hearing.register', { name: '王阿姨', role: 'representative', stake: 'oppose', summary: '担心噪音' }));
    expect(reg(m, id)).toMatchObject({ seatId: null, name: '王阿姨', status: 'admitted', byStaff: true, stake: 'oppose' });
  });

  it('stakeBalance counts admitted speakers per stake: not applications waiting or rejected, nor attendees', () => {
    const m = hearing();
    admitted(m, 1, 'support');
    admitted(m, 2, 'support', 'statement');
    admitted(m, 3, 'oppose');
    admitted(m, 4, 'oppose', 'attendee');
    apply(m, 5, 'oppose');
    const r = apply(m, 6, 'oppose');
    m.run('hearing.reject', { id: r, reason: '名额已满' });
    m.run('hearing.register', { name: '王阿姨', role: 'representative', stake: 'other' });
    expect(stakeBalance(m.state.hearing!)).toEqual({ support: 2, oppose: 1, other: 1 });
  });
});

describe('hearing: the speaking order', () => {
  let n = 0;
  const r = (stake: HearingStake, extra: Partial<HearingRegistration> = {}): HearingRegistration => ({
    id: `r${++n}`, seatId: null, name: `代表${n}`, role: 'representative', stake, summary: '', status: 'admitted', reason: null, appliedAt: '', byStaff: false, ...extra,
  });
  const order = (regs: HearingRegistration[]) => speakingOrder({ ...EMPTY_HEARING, registrations: regs }).map((x) => x.id);

  it('alternates support and oppose in registration order, support first', () => {
    const [s1, s2, o1, s3, o2] = [r('support'), r('support'), r('oppose'), r('support'), r('oppose')];
    expect(order([s1!, s2!, o1!, s3!, o2!])).toEqual([s1!.id, o1!.id, s2!.id, o2!.id, s3!.id]);
  });

  it('support first even when an opponent registered first', () => {
    const [o1, s1] = [r('oppose'), r('support')];
    expect(order([o1!, s1!])).toEqual([s1!.id, o1!.id]);
  });

  it('uneven sides: the larger side’s remaining speakers follow in order', () => {
    const [o1, o2, s1, o3] = [r('oppose'), r('oppose'), r('support'), r('oppose')];
    expect(order([o1!, o2!, s1!, o3!])).toEqual([s1!.id, o1!.id, o2!.id, o3!.id]);
    const [a, b, c] = [r('support'), r('support'), r('support')];
    expect(order([a!, b!, c!])).toEqual([a!.id, b!.id, c!.id]);
  });

  it('stake other speaks after both sides, in registration order; 陈述人 speak too; attendees and anyone not admitted do not', () => {
    const x1 = r('other');
    const s1 = r('support', { role: 'statement' });
    const x2 = r('other');
    const o1 = r('oppose');
    const att = r('support', { role: 'attendee' });
    const pending = r('oppose', { status: 'pending' });
    const rejected = r('support', { status: 'rejected' });
    const withdrawn = r('oppose', { status: 'withdrawn' });
    expect(order([x1, s1, x2, o1, att, pending, rejected, withdrawn])).toEqual([s1.id, o1.id, x1.id, x2.id]);
  });

  it('nobody: an empty order', () => {
    expect(order([])).toEqual([]);
  });
});

describe('hearing: the order of proceedings', () => {
  it('the stages go one step forward from the start, or one step back; only the facilitator moves them, in session', () => {
    const m = hearing();
    expect(codeOf(() => m.decide('hearing.stage', { stage: 'explanation' }))).toBe('INVALID_STATE');
    m.run('hearing.stage', { stage: 'discipline' });
    expect(codeOf(() => m.decide('hearing.stage', { stage: 'representatives' }))).toBe('INVALID_STATE');
    m.run('hearing.stage', { stage: 'explanation' });
    m.run('hearing.stage', { stage: 'discipline' });
    m.run('hearing.stage', { stage: 'explanation' });
    expect(m.state.hearing!.stage).toBe('explanation');
    expect(codeOf(() => m.decide('hearing.stage', { stage: 'representatives' }, member(1)))).toBe('FORBIDDEN');
    const before = hearing({ status: 'announced' });
    expect(codeOf(() => before.decide('hearing.stage', { stage: 'discipline' }))).toBe('INVALID_STATE');
  });

  it('the host opens and sums up, the proposing party explains; a representative cannot take those turns', () => {
    const m = hearing();
    const a = admitted(m, 1, 'support');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: null, stage: 'discipline' }))).toBe('INVALID_STATE'); // not begun
    goTo(m, 'discipline');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: a, stage: 'discipline' }))).toBe('INVALID_STATE');
    const t = turn(m, null, 'discipline');
    expect(m.state.hearing!.turns.find((x) => x.id === t)).toMatchObject({ speaker: '主持人', role: 'host', stake: null, stage: 'discipline' });
    goTo(m, 'explanation');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: a, stage: 'explanation' }))).toBe('INVALID_STATE');
    const e = turn(m, null, 'explanation');
    expect(m.state.hearing!.turns.find((x) => x.id === e)).toMatchObject({ speaker: '物业公司', role: 'proposer' });
  });

  it('the proposing party must be named before it is given the floor', () => {
    const m = new MeetingSession({ form: 'hearing', seats: 3, checkedIn: 3 });
    m.run('hearing.stage', { stage: 'discipline' });
    m.run('hearing.stage', { stage: 'explanation' });
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: null, stage: 'explanation' }))).toBe('INVALID_STATE');
  });

  it('a turn is one event with speaker, role, stake, limit and start, ended by one with its duration', () => {
    const m = hearing();
    const a = admitted(m, 1, 'oppose');
    goTo(m, 'representatives');
    const [started] = m.run('hearing.turnStart', { registrationId: a, stage: 'representatives' });
    const turnId = createdId([started!]);
    expect(started).toMatchObject({ type: 'hearing.turnStarted', data: { registrationId: a, speaker: '居民1', role: 'representative', stake: 'oppose', limitSec: 240, stage: 'representatives' } });
    expect(m.state.hearing!.currentTurnId).toBe(turnId);
    m.now = new Date(Date.parse(started!.at) + 200_000);
    const [ended] = m.run('hearing.turnEnd', {});
    expect(ended).toMatchObject({ type: 'hearing.turnEnded', data: { id: turnId, durationSec: 200 } });
    expect(m.state.hearing!.turns[0]).toMatchObject({ startedAt: started!.at, endedAt: ended!.at, durationSec: 200 });
    expect(m.state.hearing!.currentTurnId).toBeNull();
  });

  it('closing the meeting ends a turn still running, with its duration', () => {
    const m = hearing();
    const a = admitted(m, 1, 'oppose');
    goTo(m, 'representatives');
    const [started] = m.run('hearing.turnStart', { registrationId: a, stage: 'representatives' });
    m.now = new Date(Date.parse(started!.at) + 90_000);
    const decisions = unfinishedWork(m.state).map((w) => ({ kind: w.kind, id: w.id, action: 'defer' as const }));
    const events = m.run('meeting.close', { decisions });
    expect(events.map((e) => e.type).slice(-2)).toEqual(['hearing.turnEnded', 'meeting.statusChanged']);
    expect(m.state.hearing!.turns[0]).toMatchObject({ durationSec: 90 });
    expect(m.state.hearing!.currentTurnId).toBeNull();
  });

  it('representatives speak in the alternating order only; one at a time; the absent are skipped', () => {
    const m = hearing();
    const s1 = admitted(m, 1, 'support');
    const s2 = admitted(m, 2, 'support');
    const o1 = admitted(m, 3, 'oppose');
    goTo(m, 'representatives');
    expect(nextRepresentative(m.state.hearing!)?.id).toBe(s1);
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: o1, stage: 'representatives' }))).toBe('INVALID_STATE'); // out of turn
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: null, stage: 'representatives' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: s1, stage: 'questioning' }))).toBe('INVALID_STATE'); // a stale console
    m.run('hearing.turnStart', { registrationId: s1, stage: 'representatives' });
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: o1, stage: 'representatives' }))).toBe('INVALID_STATE'); // someone has the floor
    expect(codeOf(() => m.decide('hearing.stage', { stage: 'questioning' }))).toBe('INVALID_STATE');
    m.run('hearing.turnEnd', {});
    expect(codeOf(() => m.decide('hearing.turnEnd', {}))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: s1, stage: 'representatives' }))).toBe('INVALID_STATE'); // spoke already
    expect(codeOf(() => m.decide('hearing.skip', { registrationId: s2 }))).toBe('INVALID_STATE'); // not next
    m.run('hearing.skip', { registrationId: o1 });
    expect(nextRepresentative(m.state.hearing!)?.id).toBe(s2);
    turn(m, s2, 'representatives');
    expect(nextRepresentative(m.state.hearing!)).toBeNull();
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: o1, stage: 'representatives' }))).toBe('INVALID_STATE');
    expect(m.state.hearing!.turns.map((t) => t.registrationId)).toEqual([s1, s2]);
  });

  it('no turn for an application not admitted, rejected, withdrawn, or for an attendee (列席)', () => {
    const m = hearing();
    const pending = apply(m, 1, 'support');
    const rejected = apply(m, 2, 'support');
    m.run('hearing.reject', { id: rejected, reason: '名额已满' });
    const withdrawn = admitted(m, 3, 'support');
    m.run('hearing.withdraw', {}, member(3));
    const attendee = admitted(m, 4, 'support', 'attendee');
    goTo(m, 'questioning');
    for (const id of [pending, rejected, withdrawn, attendee]) {
      expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: id, stage: 'questioning' }))).toBe('INVALID_STATE');
    }
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: 'nope', stage: 'questioning' }))).toBe('NOT_FOUND');
  });

  it('in questioning representatives and the proposer alternate as the host calls them; in the final statements each once', () => {
    const m = hearing();
    const a = admitted(m, 1, 'support');
    const b = admitted(m, 2, 'oppose', 'statement');
    goTo(m, 'questioning');
    turn(m, b, 'questioning');
    turn(m, null, 'questioning');
    turn(m, b, 'questioning');
    turn(m, a, 'questioning');
    goTo(m, 'final');
    turn(m, a, 'final');
    turn(m, null, 'final');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: a, stage: 'final' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: null, stage: 'final' }))).toBe('INVALID_STATE');
    turn(m, b, 'final');
    goTo(m, 'summary');
    turn(m, null, 'summary');
    expect(m.state.hearing!.turns.map((t) => [t.stage, t.role])).toEqual([
      ['questioning', 'statement'], ['questioning', 'proposer'], ['questioning', 'statement'], ['questioning', 'representative'],
      ['final', 'representative'], ['final', 'proposer'], ['final', 'statement'], ['summary', 'host'],
    ]);
  });

  it('a participant cannot start, end or skip turns', () => {
    const m = hearing();
    const a = admitted(m, 1, 'support');
    goTo(m, 'representatives');
    expect(codeOf(() => m.decide('hearing.turnStart', { registrationId: a, stage: 'representatives' }, member(1)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.skip', { registrationId: a }, member(2)))).toBe('FORBIDDEN');
    m.run('hearing.turnStart', { registrationId: a, stage: 'representatives' });
    expect(codeOf(() => m.decide('hearing.turnEnd', {}, member(1)))).toBe('FORBIDDEN');
  });

  it('on the ordinary speakers list an attendee (列席) cannot ask for the floor; a seat without a vote only as an admitted speaker', () => {
    const m = new MeetingSession({ form: 'hearing', seats: 3, nonVotingSeats: 2, checkedIn: 5, currentItem: 1 });
    const guest = (n: number): Actor => ({ role: 'member', label: `列席${n}`, seatId: guestIdOf(n), mode: 'hall' });
    const ask = (actor: Actor) => codeOf(() => m.decide('speaker.request', { stance: 'support' }, actor));
    if (!m.state.attendance[guestIdOf(1)]) m.run('attendance.checkInSelf', {}, guest(1));
    expect(ask(member(1))).toBe('NO_ERROR'); // a voting seat, registered or not (the hearings of old ran on this list)
    m.run('hearing.apply', { role: 'attendee', stake: 'other', summary: '' }, member(2));
    expect(ask(member(2))).toBe('FORBIDDEN');
    expect(ask(guest(1))).toBe('FORBIDDEN');
    const id = (m.run('hearing.apply', { role: 'representative', stake: 'oppose', summary: '' }, guest(1))[0]!.data as { id: string }).id;
    expect(ask(guest(1))).toBe('FORBIDDEN'); // waiting for admission
    m.run('hearing.admit', { id });
    expect(ask(guest(1))).toBe('NO_ERROR');
  });

  it('an admitted speaker raises a hand; an attendee, an applicant waiting, or a seat not registered cannot', () => {
    const m = hearing();
    const a = admitted(m, 1, 'support');
    admitted(m, 2, 'oppose', 'attendee');
    apply(m, 3, 'oppose');
    goTo(m, 'questioning');
    expect(codeOf(() => m.decide('hearing.requestFloor', {}, member(2)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.requestFloor', {}, member(3)))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('hearing.requestFloor', {}, member(4)))).toBe('FORBIDDEN');
    m.run('hearing.requestFloor', {}, member(1));
    expect(m.state.hearing!.floorRequests).toEqual([a]);
    expect(m.decide('hearing.requestFloor', { raised: true }, member(1)).events).toEqual([]); // already up
    m.run('hearing.turnStart', { registrationId: a, stage: 'questioning' });
    expect(m.state.hearing!.floorRequests).toEqual([]); // given the floor
    m.run('hearing.turnEnd', {});
    m.run('hearing.requestFloor', {}, member(1));
    m.run('hearing.stage', { stage: 'final' });
    expect(m.state.hearing!.floorRequests).toEqual([]); // a new stage starts with no hands up
  });
});

describe('hearing: the transcript (听证笔录)', () => {
  function spoken() {
    const m = hearing();
    const a = admitted(m, 1, 'support');
    const b = admitted(m, 2, 'oppose');
    goTo(m, 'representatives');
    const ta = turn(m, a, 'representatives');
    const tb = turn(m, b, 'representatives');
    return { m, a, b, ta, tb };
  }

  it('the speaker confirms their statement once', () => {
    const { m, ta } = spoken();
    const [e] = m.run('hearing.confirm', { turnId: ta }, member(1));
    expect(m.state.hearing!.turns.find((t) => t.id === ta)!.confirmedAt).toBe(e!.at);
    expect(codeOf(() => m.decide('hearing.confirm', { turnId: ta }, member(1)))).toBe('CONFLICT');
  });

  it('only the speaker of the turn confirms or corrects it: not another representative, not staff, not for the host’s or proposer’s turns', () => {
    const { m, ta, tb } = spoken();
    expect(codeOf(() => m.decide('hearing.confirm', { turnId: ta }, member(2)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.correct', { turnId: tb, text: '我没这么说' }, member(1)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.confirm', { turnId: ta }, member(5)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.confirm', { turnId: ta }, facilitator))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.confirm', { turnId: ta }, { ...member(1), role: 'observer' }))).toBe('FORBIDDEN');
    m.run('hearing.stage', { stage: 'questioning' });
    const tp = turn(m, null, 'questioning');
    for (const n of [1, 2, 3]) expect(codeOf(() => m.decide('hearing.confirm', { turnId: tp }, member(n)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('hearing.confirm', { turnId: 'nope' }, member(1)))).toBe('NOT_FOUND');
  });

  it('a staff-registered speaker has no phone: nobody confirms for them from one', () => {
    const m = hearing();
    const id = createdId(m.run('hearing.register', { name: '王阿姨', role: 'representative', stake: 'support' }));
    goTo(m, 'representatives');
    const t = turn(m, id, 'representatives');
    for (const n of [1, 2]) expect(codeOf(() => m.decide('hearing.confirm', { turnId: t }, member(n)))).toBe('FORBIDDEN');
  });

  it('not while the turn goes on', () => {
    const m = hearing();
    const a = admitted(m, 1, 'support');
    goTo(m, 'representatives');
    const turnId = createdId(m.run('hearing.turnStart', { registrationId: a, stage: 'representatives' }));
    expect(codeOf(() => m.decide('hearing.confirm', { turnId }, member(1)))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('hearing.correct', { turnId, text: '补充' }, member(1)))).toBe('INVALID_STATE');
  });

  it('corrections come before the confirmation, limited in length and number, and are kept in order', () => {
    const { m, ta } = spoken();
    expect(() => m.decide('hearing.correct', { turnId: ta, text: '正'.repeat(HEARING_LIMITS.correctionMax + 1) }, member(1))).toThrow();
    expect(() => m.decide('hearing.correct', { turnId: ta, text: ' ' }, member(1))).toThrow();
    for (let i = 0; i < HEARING_LIMITS.correctionsPerTurn; i++) m.run('hearing.correct', { turnId: ta, text: `更正${i}` }, member(1));
    expect(codeOf(() => m.decide('hearing.correct', { turnId: ta, text: '再改' }, member(1)))).toBe('RATE_LIMITED');
    expect(m.state.hearing!.turns.find((t) => t.id === ta)!.corrections.map((c) => c.text)).toEqual(['更正0', '更正1', '更正2', '更正3', '更正4']);
    m.run('hearing.confirm', { turnId: ta }, member(1));
    const { m: m2, tb } = spoken();
    m2.run('hearing.confirm', { turnId: tb }, member(2));
    expect(codeOf(() => m2.decide('hearing.correct', { turnId: tb, text: '晚了' }, member(2)))).toBe('INVALID_STATE');
  });
});

describe('hearing: the result', () => {
  it('the facilitator records the convener’s decision with its reasons; a later one replaces it', () => {
    const m = hearing();
    m.run('hearing.result', { decision: '暂缓加装电梯', reasons: '低层住户反对意见较多' });
    m.run('hearing.result', { decision: '同意加装电梯', reasons: '补偿方案获多数同意' });
    expect(m.state.hearing!.result).toMatchObject({ decision: '同意加装电梯', reasons: '补偿方案获多数同意' });
    expect(codeOf(() => m.decide('hearing.result', { decision: '我说了算', reasons: '因为' }, member(1)))).toBe('FORBIDDEN');
    expect(() => m.decide('hearing.result', { decision: '决定', reasons: '' })).toThrow();
  });
});

describe('hearing: replay', () => {
  it('folding the log gives the same hearing (a restart loses nothing)', () => {
    const m = hearing();
    const a = admitted(m, 1, 'support');
    const b = admitted(m, 2, 'oppose');
    const r = apply(m, 3, 'oppose');
    m.run('hearing.reject', { id: r, reason: '名额已满' });
    apply(m, 4, 'other', 'attendee');
    m.run('hearing.withdraw', {}, member(4));
    m.run('hearing.register', { name: '王阿姨', role: 'statement', stake: 'other' });
    goTo(m, 'representatives');
    const ta = turn(m, a, 'representatives');
    m.run('hearing.skip', { registrationId: b });
    m.run('hearing.correct', { turnId: ta, text: '数字应为30户' }, member(1));
    m.run('hearing.confirm', { turnId: ta }, member(1));
    goTo(m, 'questioning');
    m.run('hearing.requestFloor', {}, member(2));
    m.run('hearing.result', { decision: '同意', reasons: '多数支持' });
    expect(foldEvents(MEETING_ID, m.log).hearing).toEqual(m.state.hearing);
    expect(m.state.hearing!.turns).toHaveLength(1);
  });
});

describe('hearing: who sees what', () => {
  /**
   * Seat 1 and 2 admitted representatives, 3 waiting, 4 rejected, 5 admitted then withdrawn, 6 admitted
   * as an attendee, 7 rejected after being admitted; 王阿姨 registered by staff; seat 1 spoke and corrected.
   */
  function scene() {
    const m = hearing({ seats: 8, checkedIn: 8 });
    const a = admitted(m, 1, 'support');
    const b = admitted(m, 2, 'oppose');
    const pending = apply(m, 3, 'oppose', 'representative', '待审核的摘要');
    const rejected = apply(m, 4, 'support', 'statement', '被拒绝的摘要');
    m.run('hearing.reject', { id: rejected, reason: '不公开的拒绝理由' });
    const withdrawn = admitted(m, 5, 'oppose');
    m.run('hearing.withdraw', {}, member(5));
    const attendee = admitted(m, 6, 'other', 'attendee');
    const revoked = admitted(m, 7, 'support');
    m.run('hearing.reject', { id: revoked, reason: '撤销资格的理由' });
    m.run('hearing.register', { name: '王阿姨', role: 'representative', stake: 'oppose', summary: '担心噪音' });
    goTo(m, 'representatives');
    const ta = turn(m, a, 'representatives');
    m.run('hearing.correct', { turnId: ta, text: '公开的更正' }, member(1));
    m.run('hearing.requestFloor', {}, member(2));
    return { m, a, b, pending, rejected, withdrawn, attendee, revoked, ta };
  }
  const hearingEvents = (m: MeetingSession, role: MeetingRole) =>
    m.log.filter((e: MeetingEvent) => e.type.startsWith('hearing.')).map((e) => projectEvent(e, m.state, role));
  // Everything a role receives about the hearing: the snapshot's hearing and every hearing event (the seat
  // list names everyone, of course, so it is left out).
  const everything = (m: MeetingSession, role: MeetingRole) => JSON.stringify({ hearing: projectState(m.state, role).hearing, events: hearingEvents(m, role) });
  const others = meetingRoles.filter((r) => r !== 'facilitator');

  it.each(others)('%s never receives an application that is not admitted: not its name, seat, summary or rejection reason', (role) => {
    const { m } = scene();
    const seen = everything(m, role);
    for (const n of [3, 4, 5, 7]) expect(seen).not.toContain(`居民${n}`);
    for (const secret of ['待审核的摘要', '被拒绝的摘要', '不公开的拒绝理由', '撤销资格的理由']) expect(seen).not.toContain(secret);
    expect(seen).not.toContain('seat-'); // no seat at all: the phone learns its own from meeting:me
  });

  it.each(others)('%s sees the admitted list with names, roles, stakes and summaries, the stage, the turns and the corrections', (role) => {
    const { m, a, b, attendee, ta } = scene();
    const h = projectState(m.state, role).hearing!;
    const admittedList = h.registrations.filter((r) => r.status === 'admitted').map((r) => [r.id, r.name, r.role, r.stake, r.summary]);
    expect(admittedList).toEqual([
      [a, '居民1', 'representative', 'support', '居民1的意见'],
      [b, '居民2', 'representative', 'oppose', '居民2的意见'],
      [attendee, '居民6', 'attendee', 'other', '居民6的意见'],
      [expect.any(String), '王阿姨', 'representative', 'oppose', '担心噪音'],
    ]);
    expect(h.stage).toBe('representatives');
    expect(h.turns.find((t) => t.id === ta)).toMatchObject({ speaker: '居民1', stake: 'support', durationSec: 60, corrections: [{ text: '公开的更正' }] });
    expect(h.floorRequests).toEqual([b]);
  });

  it.each(others)('%s keeps every registration’s place, so the order and the event sequence stay whole', (role) => {
    const { m } = scene();
    expect(projectState(m.state, role).hearing!.registrations.map((r) => [r.id, r.status])).toEqual(m.state.hearing!.registrations.map((r) => [r.id, r.status]));
    expect(hearingEvents(m, role).map((e) => e.seq)).toEqual(m.log.filter((e) => e.type.startsWith('hearing.')).map((e) => e.seq));
  });

  it.each(meetingRoles)('%s folds the events it receives into the same hearing as its snapshot', (role) => {
    const { m } = scene();
    const folded = foldEvents(MEETING_ID, m.log.map((e) => projectEvent(e, m.state, role)));
    expect(folded.hearing).toEqual(projectState(m.state, role).hearing);
  });

  it('the facilitator reads every application, its seat, summary and the reasons', () => {
    const { m, pending, rejected } = scene();
    const h = projectState(m.state, 'facilitator').hearing!;
    expect(h.registrations.find((r) => r.id === pending)).toMatchObject({ seatId: seatIdOf(3), name: '居民3', summary: '待审核的摘要', status: 'pending' });
    expect(h.registrations.find((r) => r.id === rejected)).toMatchObject({ seatId: seatIdOf(4), reason: '不公开的拒绝理由' });
    const seen = everything(m, 'facilitator');
    for (const secret of ['待审核的摘要', '不公开的拒绝理由', '撤销资格的理由', '居民5']) expect(seen).toContain(secret);
  });

  it('a seat is told its own application as it stands, with a rejection’s reason, and nobody else’s', () => {
    const { m, a, pending, rejected, withdrawn } = scene();
    expect(projectSeat(m.state, seatIdOf(1))).toMatchObject({ hearing: { registration: { id: a, status: 'admitted', stake: 'support' } } });
    expect(projectSeat(m.state, seatIdOf(3))).toMatchObject({ hearing: { registration: { id: pending, status: 'pending', summary: '待审核的摘要' } } });
    expect(projectSeat(m.state, seatIdOf(4))).toMatchObject({ hearing: { registration: { id: rejected, status: 'rejected', reason: '不公开的拒绝理由' } } });
    expect(projectSeat(m.state, seatIdOf(5))).toMatchObject({ hearing: { registration: { id: withdrawn, status: 'withdrawn' } } });
    expect(projectSeat(m.state, seatIdOf(8))).toMatchObject({ hearing: { registration: null } });
    expect(JSON.stringify(projectSeat(m.state, seatIdOf(8)))).not.toContain('居民');
  });

  it('the applicant’s devices are told again when their application is made, admitted, rejected or withdrawn; nobody else’s', () => {
    const m = hearing();
    const owners = (events: MeetingEvent[]) => events.flatMap(ownersOf);
    const id = createdId(m.run('hearing.apply', { role: 'representative', stake: 'support' }, member(1)));
    expect(owners(m.log.slice(-1))).toEqual([seatIdOf(1)]);
    expect(owners(m.run('hearing.reject', { id, reason: '材料不全' }))).toEqual([seatIdOf(1)]);
    expect(owners(m.run('hearing.admit', { id }))).toEqual([seatIdOf(1)]);
    expect(owners(m.run('hearing.withdraw', {}, member(1)))).toEqual([seatIdOf(1)]);
    expect(owners(m.run('hearing.register', { name: '王阿姨', role: 'representative', stake: 'oppose' }))).toEqual([]);
    goTo(m, 'discipline');
    expect(owners(m.log.slice(-1))).toEqual([]);
  });

  it('other forms tell a seat nothing about hearings', () => {
    expect(projectSeat(new MeetingSession().state, seatIdOf(1))).not.toHaveProperty('hearing');
  });

  it('the log itself keeps every application with its seat and summary (the server answers for what it admitted)', () => {
    const { m, pending } = scene();
    expect(m.log.find((e) => e.type === 'hearing.applied' && e.data.id === pending)?.data).toMatchObject({ seatId: seatIdOf(3), summary: '待审核的摘要' });
  });
});

