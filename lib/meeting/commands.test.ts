import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../platform/errors';
import { commandNames, decide, permissionFor, validChoices, type Actor, type DecideContext } from './commands';
import { can, meetingRoles, type MeetingRole } from './permissions';
import { projectEvent, projectState } from './projection';
import { foldEvents, presentVoters, votingMembers } from './state';
import { majorityPresets } from '../voting/outcome';
import {
  buildMeeting, facilitator, guestIdOf, itemIdOf, MEETING_ID, MeetingSession, member, seatIdOf, staff, timeOf,
} from '../../tests/factories/meeting';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' | 'NOT_APP_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    return err instanceof AppError ? err.code : 'NOT_APP_ERROR';
  }
}

const noVotes: DecideContext = { hasVoted: () => false, tallyOf: () => ({}) };
const motionPoll = { question: '是否同意加装电梯？', kind: 'motion', rule: majorityPresets.simple_majority } as const;

/** A live meeting with quorum (5 seats, all checked in) and one open motion. */
function withOpenMotion(opts: { secret?: boolean; resultsVisibility?: 'live' | 'hidden'; checkedIn?: number } = {}) {
  const m = new MeetingSession({ seats: 5, checkedIn: opts.checkedIn ?? 5, currentItem: 1 });
  const pollId = m.createPoll({ ...motionPoll, secret: opts.secret ?? false, resultsVisibility: opts.resultsVisibility ?? 'live' });
  m.run('poll.open', { pollId });
  return { m, pollId };
}
const vote = (pollId: string, choices: string[], n: number) => ({ pollId, choices, idempotencyKey: `key-${pollId}-${n}` });

describe('decide: permissions', () => {
  const refused = commandNames.flatMap((name) =>
    meetingRoles.filter((role) => !can(role, permissionFor(name))).map((role) => [name, role] as const));

  it.each(refused)('%s by %s is FORBIDDEN', (name, role) => {
    const s = buildMeeting();
    const actor: Actor = { role, label: role, seatId: seatIdOf(1), mode: 'hall' };
    expect(codeOf(() => decide(s, name, {} as never, actor, noVotes))).toBe('FORBIDDEN');
  });

  it('a member cannot open a poll or show a message', () => {
    const m = new MeetingSession();
    expect(codeOf(() => m.decide('message.show', { text: '休会十分钟' }, member(1)))).toBe('FORBIDDEN');
    const pollId = m.createPoll(motionPoll);
    expect(codeOf(() => m.decide('poll.open', { pollId }, member(1)))).toBe('FORBIDDEN');
  });

  it('a recorder, projector or observer cannot vote', () => {
    const { m, pollId } = withOpenMotion();
    for (const role of ['recorder', 'projector', 'observer'] as const) {
      expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes'], 1), { ...member(1), role }))).toBe('FORBIDDEN');
    }
  });
});

describe('decide: meeting status', () => {
  it.each([
    ['draft', true],
    ['announced', true],
    ['live', false],
    ['closed', false],
  ] as const)('meeting.start from %s allowed: %s', (status, allowed) => {
    const m = new MeetingSession({ status: status === 'announced' ? 'draft' : status });
    if (status === 'announced') m.state = { ...m.state, status: 'announced' };
    if (allowed) {
      const d = m.decide('meeting.start', {});
      expect(d.events).toEqual([{ type: 'meeting.statusChanged', data: { status: 'live' } }]);
      expect(d.effects).toEqual([{ kind: 'status', status: 'live' }]);
    } else {
      expect(codeOf(() => m.decide('meeting.start', {}))).toBe('INVALID_STATE');
    }
  });

  it('announcing publishes a notice; a second one revises it; a started meeting takes none', () => {
    const m = new MeetingSession({ status: 'draft' });
    m.run('meeting.announce', { text: '定于3月1日召开议事会' });
    expect(m.state.status).toBe('announced');
    m.run('meeting.announce', { text: '地点改为二楼会议室' });
    expect(m.state.notices.map((n) => n.kind)).toEqual(['notice', 'revision']);
    m.run('meeting.start', {});
    expect(m.state.status).toBe('live');
    expect(codeOf(() => m.decide('meeting.announce', { text: '再次公告' }))).toBe('INVALID_STATE');
  });

  it('starting records the time the meeting went live', () => {
    const m = new MeetingSession({ status: 'draft' });
    const [e] = m.run('meeting.start', {});
    expect(m.state.status).toBe('live');
    expect(m.state.startedAt).toBe(e.at);
  });

  it('only a live meeting can be closed', () => {
    expect(codeOf(() => new MeetingSession({ status: 'draft' }).decide('meeting.close', {}))).toBe('INVALID_STATE');
    expect(codeOf(() => new MeetingSession({ status: 'closed' }).decide('meeting.close', {}))).toBe('INVALID_STATE');
    const m = new MeetingSession({ agenda: [] });
    m.run('meeting.close', {});
    expect(m.state.status).toBe('closed');
  });

  it('meeting.close is refused while a poll is open with no decision on it, and allowed once it is closed', () => {
    const { m, pollId } = withOpenMotion();
    const items = [{ kind: 'item', id: itemIdOf(1), action: 'finish' }, { kind: 'item', id: itemIdOf(2), action: 'defer' }] as const;
    expect(codeOf(() => m.decide('meeting.close', { decisions: [...items] }))).toBe('UNFINISHED_WORK');
    m.run('poll.close', { pollId });
    expect(codeOf(() => m.decide('meeting.close', { decisions: [...items] }))).toBe('NO_ERROR');
  });

  it('a closed meeting takes no more agenda, polls or check-ins', () => {
    const m = new MeetingSession({ status: 'closed' });
    expect(codeOf(() => m.decide('agenda.add', { title: '临时动议' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('poll.create', motionPoll))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('attendance.checkIn', { seatId: seatIdOf(5) }))).toBe('INVALID_STATE');
  });
});

describe('decide: attendance', () => {
  it('the facilitator checks a member in; a second check-in is a no-op', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 0 });
    const d = m.decide('attendance.checkIn', { seatId: seatIdOf(2), mode: 'remote' });
    expect(d.events).toEqual([{ type: 'attendance.checkedIn', data: { seatId: seatIdOf(2), mode: 'remote', by: '主持人' } }]);
    expect(d.effects).toEqual([{ kind: 'attendance', seatId: seatIdOf(2), mode: 'remote' }]);
    m.run('attendance.checkIn', { seatId: seatIdOf(2), mode: 'remote' });
    expect(m.decide('attendance.checkIn', { seatId: seatIdOf(2) })).toEqual({ events: [], effects: [] });
  });

  it('a member checks themself in with their own seat and mode', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 0 });
    const [e] = m.run('attendance.checkInSelf', {}, member(4, 'remote'));
    expect(e.data).toEqual({ seatId: seatIdOf(4), mode: 'remote' });
    expect(m.state.attendance[seatIdOf(4)]).toEqual({ mode: 'remote', at: e.at, by: null });
  });

  it('an unknown seat is NOT_FOUND', () => {
    const m = new MeetingSession();
    expect(codeOf(() => m.decide('attendance.checkIn', { seatId: 'seat-99' }))).toBe('NOT_FOUND');
  });
});

describe('decide: quorum at poll.open', () => {
  it('a poll cannot open without quorum', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 2 });
    const pollId = m.createPoll(motionPoll);
    let err: unknown;
    try {
      m.decide('poll.open', { pollId });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('QUORUM_NOT_MET');
    expect((err as AppError).details).toEqual({ present: 2, members: 5, required: 3, met: false });
  });

  it('opens without quorum on a stated reason, which the event and the state keep', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 2 });
    const pollId = m.createPoll(motionPoll);
    const reason = '多名代表请假，经全体到会代表同意继续表决';
    const [e] = m.run('poll.open', { pollId, overrideReason: reason });
    expect(e).toMatchObject({
      type: 'poll.opened',
      data: { pollId, quorum: { present: 2, members: 5, required: 3, met: false }, overrideReason: reason },
    });
    expect(m.poll(pollId)).toMatchObject({ status: 'open', overrideReason: reason, quorumAtOpen: { met: false }, openedAt: e.at });
  });

  it('with quorum, no reason is recorded even if one is given', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 3 });
    const pollId = m.createPoll(motionPoll);
    const [e] = m.run('poll.open', { pollId, overrideReason: '无需理由' });
    expect(e.data).toMatchObject({ quorum: { present: 3, members: 5, met: true }, overrideReason: null });
  });

  it('seats without a vote do not count towards quorum', () => {
    const m = new MeetingSession({ seats: 5, nonVotingSeats: 3, checkedIn: 2 });
    for (let g = 1; g <= 3; g++) m.run('attendance.checkIn', { seatId: guestIdOf(g) });
    expect(presentVoters(m.state)).toBe(2);
    expect(votingMembers(m.state)).toBe(5);
    const pollId = m.createPoll(motionPoll);
    expect(codeOf(() => m.decide('poll.open', { pollId }))).toBe('QUORUM_NOT_MET');
  });

  it('uses the meeting quorum rule (two thirds)', () => {
    const m = new MeetingSession({ seats: 6, checkedIn: 3, quorumRule: { numerator: 2, denominator: 3, comparison: 'at_least' } });
    const pollId = m.createPoll(motionPoll);
    expect(codeOf(() => m.decide('poll.open', { pollId }))).toBe('QUORUM_NOT_MET');
    m.run('attendance.checkIn', { seatId: seatIdOf(6) });
    expect(codeOf(() => m.decide('poll.open', { pollId }))).toBe('NO_ERROR');
  });

  it('a poll opens only in a live meeting, once, and one at a time', () => {
    const draft = new MeetingSession({ status: 'draft', checkedIn: 5 });
    const p0 = draft.createPoll(motionPoll);
    expect(codeOf(() => draft.decide('poll.open', { pollId: p0 }))).toBe('INVALID_STATE');

    const { m, pollId } = withOpenMotion();
    expect(codeOf(() => m.decide('poll.open', { pollId }))).toBe('INVALID_STATE');
    const other = m.createPoll({ ...motionPoll, question: '第二项表决' });
    expect(codeOf(() => m.decide('poll.open', { pollId: other }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('poll.open', { pollId: 'nope' }))).toBe('NOT_FOUND');
  });
});

describe('decide: voting', () => {
  it('a checked-in member votes; the event carries running totals and the seat of a named poll', () => {
    const { m, pollId } = withOpenMotion();
    const d = m.decide('poll.vote', vote(pollId, ['yes'], 1), member(1));
    expect(d.events).toEqual([{ type: 'poll.ballot', data: { pollId, voted: 1, tally: { yes: 1, no: 0, abstain: 0 }, seatId: seatIdOf(1) } }]);
    expect(d.effects).toEqual([{ kind: 'ballot', pollId, seatId: seatIdOf(1), choices: ['yes'], secret: false, idempotencyKey: `key-${pollId}-1` }]);
  });

  it('a secret ballot event names no seat', () => {
    const { m, pollId } = withOpenMotion({ secret: true });
    const [e] = m.decide('poll.vote', vote(pollId, ['no'], 1), member(2)).events;
    expect(e.data).not.toHaveProperty('seatId');
  });

  it('voting before check-in is refused', () => {
    const { m, pollId } = withOpenMotion({ checkedIn: 4 });
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes'], 1), member(5)))).toBe('INVALID_STATE');
  });

  it('a seat without a vote, or no seat at all, is refused', () => {
    const m = new MeetingSession({ seats: 3, nonVotingSeats: 1, checkedIn: 3 });
    m.run('attendance.checkIn', { seatId: guestIdOf(1) });
    const pollId = m.createPoll(motionPoll);
    m.run('poll.open', { pollId });
    const guest: Actor = { role: 'member', label: '列席1', seatId: guestIdOf(1), mode: 'hall' };
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes'], 1), guest))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes'], 1), { ...member(1), seatId: null }))).toBe('FORBIDDEN');
  });

  it('a second vote is ALREADY_VOTED, as reported by the context', () => {
    const { m, pollId } = withOpenMotion();
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['no'], 2), member(1)))).toBe('ALREADY_VOTED');
    // The context is the authority, also for secret polls where the state knows no seats.
    const ctx: DecideContext = { hasVoted: (p, seat) => p === pollId && seat === seatIdOf(3), tallyOf: () => ({}) };
    expect(codeOf(() => decide(m.state, 'poll.vote', vote(pollId, ['yes'], 3), member(3), ctx))).toBe('ALREADY_VOTED');
    expect(codeOf(() => decide(m.state, 'poll.vote', vote(pollId, ['yes'], 4), member(4), ctx))).toBe('NO_ERROR');
  });

  it('a poll that is not open takes no votes', () => {
    const m = new MeetingSession({ checkedIn: 5 });
    const pollId = m.createPoll(motionPoll);
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes'], 1), member(1)))).toBe('INVALID_STATE');
    m.run('poll.open', { pollId });
    m.run('poll.close', { pollId });
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes'], 1), member(1)))).toBe('INVALID_STATE');
  });

  it('a motion takes exactly one of yes / no / abstain', () => {
    const { m, pollId } = withOpenMotion();
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes', 'no'], 1), member(1)))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['maybe'], 1), member(1)))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['abstain'], 1), member(1)))).toBe('NO_ERROR');
  });

  it('multiple choice: up to maxChoices distinct known options', () => {
    const m = new MeetingSession({ checkedIn: 5 });
    const pollId = m.createPoll({ question: '优先办理哪些事项？', kind: 'multiple', options: ['修路', '绿化', '路灯'], maxChoices: 2, rule: majorityPresets.simple_majority });
    m.run('poll.open', { pollId });
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['修路', '绿化', '路灯'], 1), member(1)))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['修路', '修路'], 1), member(1)))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['修路', '停车'], 1), member(1)))).toBe('BAD_REQUEST');
    const [e] = m.run('poll.vote', vote(pollId, ['修路', '路灯'], 1), member(1));
    expect(e.data).toMatchObject({ voted: 1, tally: { 修路: 1, 绿化: 0, 路灯: 1 } });
  });

  it('validChoices', () => {
    expect(validChoices('single', ['A', 'B'], 1, ['A'])).toBe(true);
    expect(validChoices('single', ['A', 'B'], 1, ['A', 'B'])).toBe(false);
    expect(validChoices('single', ['A', 'B'], 1, [])).toBe(false);
    expect(validChoices('multiple', ['A', 'B', 'C'], 2, ['C', 'A'])).toBe(true);
    expect(validChoices('multiple', ['A', 'B', 'C'], 2, [])).toBe(false);
    expect(validChoices('multiple', ['A', 'B', 'C'], 2, ['A', 'B', 'C'])).toBe(false);
    expect(validChoices('multiple', ['A', 'B', 'C'], 3, ['A', 'a'])).toBe(false);
  });

  it('poll.create: motions get the fixed options, choice polls need two distinct options, maxChoices is capped', () => {
    const m = new MeetingSession({ currentItem: 2 });
    const [motion] = m.decide('poll.create', { ...motionPoll, options: ['x', 'y'] }).events;
    expect(motion.data).toMatchObject({ options: ['yes', 'no', 'abstain'], maxChoices: 1, itemId: itemIdOf(2) });
    expect(codeOf(() => m.decide('poll.create', { question: 'q', kind: 'single', options: ['A'], rule: majorityPresets.simple_majority }))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('poll.create', { question: 'q', kind: 'single', options: ['A', 'A'], rule: majorityPresets.simple_majority }))).toBe('BAD_REQUEST');
    const [multi] = m.decide('poll.create', { question: 'q', kind: 'multiple', options: ['A', 'B', 'C'], maxChoices: 9, rule: majorityPresets.simple_majority }).events;
    expect(multi.data).toMatchObject({ maxChoices: 3 });
    const [single] = m.decide('poll.create', { question: 'q', kind: 'single', options: ['A', 'B'], maxChoices: 2, rule: majorityPresets.simple_majority }).events;
    expect(single.data).toMatchObject({ maxChoices: 1 });
    expect(codeOf(() => m.decide('poll.create', { ...motionPoll, itemId: 'item-99' }))).toBe('NOT_FOUND');
  });
});

describe('decide: closing and revealing', () => {
  it('closing computes the outcome from ctx.tallyOf and the state', () => {
    const { m, pollId } = withOpenMotion();
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    m.run('poll.vote', vote(pollId, ['yes'], 2), member(2));
    m.run('poll.vote', vote(pollId, ['no'], 3), member(3));
    // The server's totals (ctx) are what count, not a tally in the state.
    const ctx: DecideContext = { hasVoted: () => false, tallyOf: () => ({ yes: 1, no: 2, abstain: 0 }) };
    const [e] = decide(m.state, 'poll.close', { pollId }, facilitator, ctx).events;
    expect(e).toEqual({
      type: 'poll.closed',
      data: {
        pollId, voted: 3, tally: { yes: 1, no: 2, abstain: 0 },
        outcome: { result: 'failed', support: 1, denominator: 3, required: 2, winners: [] },
      },
    });
  });

  it('a poll passes on the real votes', () => {
    const { m, pollId } = withOpenMotion();
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    m.run('poll.vote', vote(pollId, ['yes'], 2), member(2));
    m.run('poll.vote', vote(pollId, ['abstain'], 3), member(3));
    const [e] = m.run('poll.close', { pollId });
    expect(e.data).toMatchObject({ voted: 3, outcome: { result: 'passed', support: 2, denominator: 2, winners: ['yes'] } });
    expect(m.poll(pollId)).toMatchObject({ status: 'closed', closedAt: e.at, revealed: true });
  });

  it('closing with no ballots fails with no_votes', () => {
    const { m, pollId } = withOpenMotion();
    const [e] = m.run('poll.close', { pollId });
    expect(e.data).toMatchObject({ voted: 0, outcome: { result: 'failed', reason: 'no_votes' } });
  });

  it('a "present" basis counts voters present at close against all members', () => {
    const m = new MeetingSession({ seats: 10, checkedIn: 6 });
    const pollId = m.createPoll({ ...motionPoll, rule: majorityPresets.half_of_present });
    m.run('poll.open', { pollId });
    for (let n = 1; n <= 3; n++) m.run('poll.vote', vote(pollId, ['yes'], n), member(n));
    const [e] = m.run('poll.close', { pollId });
    expect(e.data).toMatchObject({ outcome: { result: 'failed', denominator: 6, required: 4, support: 3 } });
  });

  it('only an open poll can be closed', () => {
    const m = new MeetingSession({ checkedIn: 5 });
    const pollId = m.createPoll(motionPoll);
    expect(codeOf(() => m.decide('poll.close', { pollId }))).toBe('INVALID_STATE');
  });

  it('reveal only after close, and only once', () => {
    const { m, pollId } = withOpenMotion({ resultsVisibility: 'hidden' });
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    expect(codeOf(() => m.decide('poll.reveal', { pollId }))).toBe('INVALID_STATE');
    const [closed] = m.run('poll.close', { pollId });
    expect(m.poll(pollId).revealed).toBe(false);
    const [revealed] = m.run('poll.reveal', { pollId });
    if (closed.type !== 'poll.closed') throw new Error('expected poll.closed');
    expect(revealed).toMatchObject({ type: 'poll.revealed', data: { pollId, tally: closed.data.tally, outcome: closed.data.outcome } });
    expect(closed.data.tally).toEqual({ yes: 1, no: 0, abstain: 0 });
    expect(m.poll(pollId).revealed).toBe(true);
    expect(codeOf(() => m.decide('poll.reveal', { pollId }))).toBe('INVALID_STATE');
  });

  it('a live-results poll is revealed when it closes', () => {
    const { m, pollId } = withOpenMotion({ resultsVisibility: 'live' });
    m.run('poll.close', { pollId });
    expect(m.poll(pollId).revealed).toBe(true);
    expect(codeOf(() => m.decide('poll.reveal', { pollId }))).toBe('INVALID_STATE');
  });
});

describe('decide: speakers', () => {
  it('a checked-in member asks to speak on the current item, with its time limit', () => {
    const m = new MeetingSession({ currentItem: 1 });
    m.state = { ...m.state, agenda: m.state.agenda.map((a) => (a.id === itemIdOf(1) ? { ...a, speakLimitSec: 120 } : a)) };
    const [e] = m.run('speaker.request', { stance: 'support' }, member(1));
    expect(e.data).toMatchObject({ itemId: itemIdOf(1), seatId: seatIdOf(1), name: '居民1', stance: 'support', limitSec: 120 });
    expect(m.state.speakers).toHaveLength(1);
    expect(m.state.speakers[0]).toMatchObject({ status: 'queued', requestedAt: e.at, startedAt: null });
  });

  it('asking to speak needs check-in', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 3, currentItem: 1 });
    expect(codeOf(() => m.decide('speaker.request', { stance: 'oppose' }, member(5)))).toBe('INVALID_STATE');
  });

  it('asking to speak needs a live meeting', () => {
    expect(codeOf(() => new MeetingSession({ status: 'draft' }).decide('speaker.request', { stance: 'neutral' }, member(1)))).toBe('INVALID_STATE');
    expect(codeOf(() => new MeetingSession({ status: 'closed' }).decide('speaker.request', { stance: 'neutral' }, member(1)))).toBe('INVALID_STATE');
  });

  it('one waiting request per person per item', () => {
    const m = new MeetingSession({ currentItem: 1 });
    m.run('speaker.request', { stance: 'support' }, member(1));
    expect(codeOf(() => m.decide('speaker.request', { stance: 'procedural' }, member(1)))).toBe('CONFLICT');
    m.run('agenda.start', { itemId: itemIdOf(2) });
    expect(codeOf(() => m.decide('speaker.request', { stance: 'procedural' }, member(1)))).toBe('NO_ERROR');
  });

  it('only the requester may withdraw, and only while waiting', () => {
    const m = new MeetingSession({ currentItem: 1 });
    const [e] = m.run('speaker.request', { stance: 'support' }, member(1));
    const id = e.type === 'speaker.requested' ? e.data.id : '';
    expect(codeOf(() => m.decide('speaker.withdraw', { id }, member(2)))).toBe('FORBIDDEN');
    m.run('speaker.grant', { id });
    expect(codeOf(() => m.decide('speaker.withdraw', { id }, member(1)))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('speaker.grant', { id }))).toBe('INVALID_STATE');
    m.run('speaker.end', { id });
    expect(codeOf(() => m.decide('speaker.end', { id }))).toBe('INVALID_STATE');
  });
});

describe('reducer', () => {
  it('folding the log gives the state the session built event by event', () => {
    const { m, pollId } = withOpenMotion();
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    m.run('speaker.request', { stance: 'support' }, member(2));
    m.run('message.show', { text: '请大家关闭手机铃声' });
    expect(foldEvents(MEETING_ID, m.log)).toEqual(m.state);
    expect(m.state.seq).toBe(m.log.length);
    expect(m.state.message).toEqual({ text: '请大家关闭手机铃声', at: timeOf(m.state.seq) });
  });

  it('agenda.moved reorders the agenda, clamping the index', () => {
    const m = new MeetingSession({ agenda: ['一', '二', '三'] });
    m.run('agenda.move', { itemId: itemIdOf(3), toIndex: 0 });
    expect(m.state.agenda.map((a) => a.id)).toEqual([itemIdOf(3), itemIdOf(1), itemIdOf(2)]);
    m.run('agenda.move', { itemId: itemIdOf(3), toIndex: 1 });
    expect(m.state.agenda.map((a) => a.id)).toEqual([itemIdOf(1), itemIdOf(3), itemIdOf(2)]);
    m.run('agenda.move', { itemId: itemIdOf(1), toIndex: 99 });
    expect(m.state.agenda.map((a) => a.id)).toEqual([itemIdOf(3), itemIdOf(2), itemIdOf(1)]);
    expect(codeOf(() => m.decide('agenda.move', { itemId: 'item-99', toIndex: 0 }))).toBe('NOT_FOUND');
  });

  it('starting an item makes it current and finishes the one before', () => {
    const m = new MeetingSession({ agenda: ['一', '二', '三'] });
    m.run('agenda.start', { itemId: itemIdOf(1) });
    expect(m.state.currentItemId).toBe(itemIdOf(1));
    expect(codeOf(() => m.decide('agenda.start', { itemId: itemIdOf(1) }))).toBe('INVALID_STATE');
    m.run('agenda.start', { itemId: itemIdOf(2) });
    expect(m.state.currentItemId).toBe(itemIdOf(2));
    expect(m.state.agenda.map((a) => a.status)).toEqual(['done', 'active', 'pending']);
    m.run('agenda.finish', { itemId: itemIdOf(2) });
    expect(m.state.currentItemId).toBeNull();
    expect(m.state.agenda.map((a) => a.status)).toEqual(['done', 'done', 'pending']);
    expect(codeOf(() => m.decide('agenda.finish', { itemId: itemIdOf(3) }))).toBe('INVALID_STATE');
  });

  it('granting the floor ends the previous speaker at that moment', () => {
    const m = new MeetingSession({ currentItem: 1 });
    const idOf = (n: number) => {
      const [e] = m.run('speaker.request', { stance: 'support' }, member(n));
      return e.type === 'speaker.requested' ? e.data.id : '';
    };
    const a = idOf(1);
    const b = idOf(2);
    const [ga] = m.run('speaker.grant', { id: a });
    const [gb] = m.run('speaker.grant', { id: b });
    const [ra, rb] = m.state.speakers;
    expect(ra).toMatchObject({ id: a, status: 'done', startedAt: ga.at, endedAt: gb.at });
    expect(rb).toMatchObject({ id: b, status: 'speaking', startedAt: gb.at, endedAt: null });
  });

  it('ballots keep running totals, the count and, for a named poll, who voted', () => {
    const { m, pollId } = withOpenMotion();
    expect(m.poll(pollId)).toMatchObject({ voted: 0, tally: { yes: 0, no: 0, abstain: 0 }, votedSeatIds: [] });
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    m.run('poll.vote', vote(pollId, ['no'], 2), member(2));
    m.run('poll.vote', vote(pollId, ['yes'], 3), member(3));
    expect(m.poll(pollId)).toMatchObject({ voted: 3, tally: { yes: 2, no: 1, abstain: 0 }, votedSeatIds: [seatIdOf(1), seatIdOf(2), seatIdOf(3)] });
  });

  it('a secret poll counts ballots but has no tally, voters or actor until it closes', () => {
    const { m, pollId } = withOpenMotion({ secret: true });
    const [a] = m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    const [b] = m.run('poll.vote', vote(pollId, ['abstain'], 2), member(2));
    expect(a!.data).toEqual({ pollId, voted: 1 });
    expect(b!.data).toEqual({ pollId, voted: 2 });
    expect([a!.actor, b!.actor]).toEqual(['', '']);
    expect(m.poll(pollId)).toMatchObject({ voted: 2, tally: null, votedSeatIds: [] });
    const [closed] = m.run('poll.close', { pollId });
    expect(closed!.data).toMatchObject({ voted: 2, tally: { yes: 1, no: 0, abstain: 1 } });
    expect(m.poll(pollId)).toMatchObject({ status: 'closed', tally: { yes: 1, no: 0, abstain: 1 } });
  });

  it('a named ballot is logged with the voter, and projected anonymously to everyone but the facilitator', () => {
    const { m, pollId } = withOpenMotion();
    const [e] = m.run('poll.vote', vote(pollId, ['no'], 1), member(1));
    expect(e!.actor).toBe(member(1).label);
    for (const role of meetingRoles) {
      const p = projectEvent(e!, m.state, role);
      if (can(role, 'poll.seeVoters')) expect(p).toEqual(e);
      else expect({ actor: p.actor, seatId: (p.data as { seatId?: string }).seatId }).toEqual({ actor: '', seatId: undefined });
    }
  });
});

describe('projection', () => {
  function hiddenPollWithVotes() {
    const { m, pollId } = withOpenMotion({ resultsVisibility: 'hidden' });
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    m.run('poll.vote', vote(pollId, ['no'], 2), member(2));
    return { m, pollId };
  }
  const pollOf = (s: ReturnType<typeof projectState>, id: string) => s.polls.find((p) => p.id === id)!;

  it.each(['member', 'remote_member', 'projector', 'observer', 'viewer', 'recorder'] as const)(
    'a hidden poll shows %s no tally or outcome, open or closed',
    (role) => {
      const { m, pollId } = hiddenPollWithVotes();
      expect(pollOf(projectState(m.state, role), pollId)).toMatchObject({ tally: null, outcome: null, voted: 2 });
      m.run('poll.close', { pollId });
      expect(pollOf(projectState(m.state, role), pollId)).toMatchObject({ tally: null, outcome: null, status: 'closed' });
    },
  );

  it('the facilitator sees a hidden poll\u2019s tally and outcome', () => {
    const { m, pollId } = hiddenPollWithVotes();
    expect(pollOf(projectState(m.state, 'facilitator'), pollId).tally).toEqual({ yes: 1, no: 1, abstain: 0 });
    m.run('poll.close', { pollId });
    expect(pollOf(projectState(m.state, 'facilitator'), pollId).outcome).toMatchObject({ result: 'failed', reason: 'tie' });
  });

  it.each(meetingRoles)('after poll.revealed, %s sees the tally and outcome', (role) => {
    const { m, pollId } = hiddenPollWithVotes();
    m.run('poll.close', { pollId });
    m.run('poll.reveal', { pollId });
    const p = pollOf(projectState(m.state, role), pollId);
    expect(p.tally).toEqual({ yes: 1, no: 1, abstain: 0 });
    expect(p.outcome).toMatchObject({ result: 'failed', reason: 'tie' });
  });

  it.each(meetingRoles)('a live-results poll shows %s the running tally', (role) => {
    const { m, pollId } = withOpenMotion({ resultsVisibility: 'live' });
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    expect(pollOf(projectState(m.state, role), pollId).tally).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  const seesVoters: Record<MeetingRole, boolean> = {
    facilitator: true, recorder: false, viewer: false, member: false, remote_member: false, observer: false, projector: false,
  };
  it.each(meetingRoles)('votedSeatIds of a named poll are shown to %s only with poll.seeVoters', (role) => {
    const { m, pollId } = withOpenMotion();
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    const ids = pollOf(projectState(m.state, role), pollId).votedSeatIds;
    expect(ids).toEqual(seesVoters[role] ? [seatIdOf(1)] : []);
  });

  it('projectState does not change the server state', () => {
    const { m, pollId } = hiddenPollWithVotes();
    projectState(m.state, 'member');
    expect(m.poll(pollId).tally).toEqual({ yes: 1, no: 1, abstain: 0 });
  });

  it('projectEvent strips the seat from a ballot for members, keeps it for the facilitator', () => {
    const { m, pollId } = withOpenMotion();
    const [e] = m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    expect(e.data).toHaveProperty('seatId', seatIdOf(1));
    for (const role of ['member', 'remote_member', 'projector', 'observer'] as const) {
      const p = projectEvent(e, m.state, role);
      expect(p.data).not.toHaveProperty('seatId');
      expect(p.data).toMatchObject({ voted: 1, tally: { yes: 1, no: 0, abstain: 0 } });
      expect(p.seq).toBe(e.seq);
    }
    expect(projectEvent(e, m.state, 'facilitator').data).toHaveProperty('seatId', seatIdOf(1));
  });

  it('projectEvent hides a hidden poll\u2019s totals in ballots and at close, not in the reveal', () => {
    const { m, pollId } = withOpenMotion({ resultsVisibility: 'hidden' });
    const [ballot] = m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    const [closed] = m.run('poll.close', { pollId });
    const [revealed] = m.run('poll.reveal', { pollId });
    expect(projectEvent(ballot, m.state, 'member').data).toEqual({ pollId, voted: 1, tally: null });
    expect(projectEvent(closed, m.state, 'projector').data).toMatchObject({ pollId, voted: 1, tally: null, outcome: null });
    expect(projectEvent(closed, m.state, 'facilitator')).toEqual(closed);
    expect(projectEvent(revealed, m.state, 'member')).toEqual(revealed);
  });

  it('other events pass through unchanged', () => {
    const m = new MeetingSession({ currentItem: 1 });
    const [e] = m.run('speaker.request', { stance: 'support' }, member(1));
    expect(projectEvent(e, m.state, 'member')).toBe(e);
  });

  it.each(['member', 'projector', 'facilitator'] as const)('a %s client folding its projected events sees what projectState shows it', (role) => {
    const { m, pollId } = withOpenMotion({ resultsVisibility: 'hidden' });
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    m.run('poll.vote', vote(pollId, ['yes'], 2), member(2));
    m.run('poll.close', { pollId });
    const beforeReveal = m.log.length;
    m.run('poll.reveal', { pollId });
    const projected = m.log.map((e) => projectEvent(e, m.state, role));
    expect(foldEvents(MEETING_ID, projected.slice(0, beforeReveal))).toEqual(
      projectState(foldEvents(MEETING_ID, m.log.slice(0, beforeReveal)), role),
    );
    expect(foldEvents(MEETING_ID, projected)).toEqual(projectState(m.state, role));
  });
});

describe('decide: 代签到 (staff check-in on a member\'s behalf)', () => {
  it('names who checked the member in; a self check-in names nobody', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 0 });
    m.run('attendance.checkIn', { seatId: seatIdOf(1) }, { ...facilitator, label: '王书记' });
    m.run('attendance.checkInSelf', {}, member(2));
    expect(m.state.attendance[seatIdOf(1)]!.by).toBe('王书记');
    expect(m.state.attendance[seatIdOf(2)]!.by).toBeNull();
  });

  it('is undone with a reason before the first poll opens, and the undo is logged', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 0 });
    m.run('attendance.checkIn', { seatId: seatIdOf(1) }, { ...facilitator, label: '王书记' });
    const d = m.decide('attendance.undoCheckIn', { seatId: seatIdOf(1), reason: '签错了人' });
    expect(d.effects).toEqual([{ kind: 'attendanceUndone', seatId: seatIdOf(1) }]);
    const [e] = m.run('attendance.undoCheckIn', { seatId: seatIdOf(1), reason: '签错了人' });
    expect(e).toMatchObject({ type: 'attendance.checkInUndone', data: { seatId: seatIdOf(1), reason: '签错了人' }, actor: '主持人' });
    expect(m.state.attendance[seatIdOf(1)]).toBeUndefined();
    expect(m.state.undoneCheckIns).toEqual([{ seatId: seatIdOf(1), by: '王书记', reason: '签错了人', at: e!.at }]);
    // The member can still check in afterwards.
    m.run('attendance.checkInSelf', {}, member(1));
    expect(m.state.attendance[seatIdOf(1)]).toMatchObject({ by: null });
  });

  it('needs a reason', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 0 });
    m.run('attendance.checkIn', { seatId: seatIdOf(1) });
    expect(() => m.decide('attendance.undoCheckIn', { seatId: seatIdOf(1), reason: ' ' })).toThrow();
  });

  it('is refused once a poll has been opened, for a self check-in, for someone absent, and for a member', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 0 });
    m.run('attendance.checkInSelf', {}, member(1));
    expect(codeOf(() => m.decide('attendance.undoCheckIn', { seatId: seatIdOf(1), reason: '签错了人' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('attendance.undoCheckIn', { seatId: seatIdOf(5), reason: '签错了人' }))).toBe('NOT_FOUND');
    for (const n of [2, 3, 4]) m.run('attendance.checkIn', { seatId: seatIdOf(n) });
    expect(codeOf(() => m.decide('attendance.undoCheckIn', { seatId: seatIdOf(2), reason: '签错了人' }, member(1)))).toBe('FORBIDDEN');
    const pollId = m.createPoll(motionPoll);
    expect(codeOf(() => m.decide('attendance.undoCheckIn', { seatId: seatIdOf(2), reason: '签错了人' }))).toBe('NO_ERROR');
    m.run('poll.open', { pollId });
    expect(codeOf(() => m.decide('attendance.undoCheckIn', { seatId: seatIdOf(2), reason: '签错了人' }))).toBe('INVALID_STATE');
  });
});

describe('decide: a ballot the facilitator enters for a member (poll.voteFor)', () => {
  const voteFor = (pollId: string, n: number, choices: string[]) => ({ pollId, seatId: seatIdOf(n), choices, idempotencyKey: `staff-${pollId}-${n}` });

  it('counts like the member\'s own ballot and is marked staff-entered', () => {
    const { m, pollId } = withOpenMotion({ checkedIn: 4 });
    const d = m.decide('poll.voteFor', voteFor(pollId, 2, ['yes']));
    expect(d.effects).toEqual([{ kind: 'ballot', pollId, seatId: seatIdOf(2), choices: ['yes'], secret: false, idempotencyKey: `staff-${pollId}-2` }]);
    m.run('poll.voteFor', voteFor(pollId, 2, ['yes']));
    m.run('poll.vote', vote(pollId, ['no'], 1), member(1));
    expect(m.poll(pollId)).toMatchObject({ voted: 2, tally: { yes: 1, no: 1, abstain: 0 }, votedSeatIds: [seatIdOf(2), seatIdOf(1)], staffEnteredSeatIds: [seatIdOf(2)] });
    expect(m.log.at(-2)).toMatchObject({ type: 'poll.ballot', data: { seatId: seatIdOf(2), staffEntered: true }, actor: '主持人' });
  });

  it('never counts a member twice, whoever enters the ballot', () => {
    const { m, pollId } = withOpenMotion({ checkedIn: 4 });
    m.run('poll.voteFor', voteFor(pollId, 2, ['yes']));
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['no'], 2), member(2)))).toBe('ALREADY_VOTED');
    m.run('poll.vote', vote(pollId, ['no'], 1), member(1));
    expect(codeOf(() => m.decide('poll.voteFor', voteFor(pollId, 1, ['yes'])))).toBe('ALREADY_VOTED');
  });

  it('only for a present member who may vote, in an open named poll, by the facilitator', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 4, nonVotingSeats: 1, currentItem: 1 });
    m.run('attendance.checkIn', { seatId: guestIdOf(1) });
    const pollId = m.createPoll(motionPoll);
    expect(codeOf(() => m.decide('poll.voteFor', voteFor(pollId, 1, ['yes'])))).toBe('INVALID_STATE'); // not open yet
    m.run('poll.open', { pollId });
    expect(codeOf(() => m.decide('poll.voteFor', voteFor(pollId, 5, ['yes'])))).toBe('INVALID_STATE'); // absent
    expect(codeOf(() => m.decide('poll.voteFor', { ...voteFor(pollId, 1, ['yes']), seatId: guestIdOf(1) }))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('poll.voteFor', { ...voteFor(pollId, 1, ['yes']), seatId: 'nobody' }))).toBe('NOT_FOUND');
    expect(codeOf(() => m.decide('poll.voteFor', voteFor(pollId, 1, ['maybe'])))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('poll.voteFor', voteFor(pollId, 1, ['yes']), member(2)))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('poll.voteFor', voteFor(pollId, 1, ['yes']), staff('recorder')))).toBe('FORBIDDEN');
  });

  it('is refused in a secret poll: paper ballots are entered as counts', () => {
    const { m, pollId } = withOpenMotion({ secret: true });
    expect(codeOf(() => m.decide('poll.voteFor', voteFor(pollId, 1, ['yes'])))).toBe('INVALID_STATE');
  });

  it('a member without the right to see voters sees a staff-entered ballot as any other', () => {
    const { m, pollId } = withOpenMotion();
    const [e] = m.run('poll.voteFor', voteFor(pollId, 1, ['yes']));
    expect(projectEvent(e!, m.state, 'member')).toMatchObject({ actor: '', data: { pollId, voted: 1 } });
    expect(projectEvent(e!, m.state, 'member').data).not.toHaveProperty('staffEntered');
    expect(projectState(m.state, 'projector').polls[0]!.staffEnteredSeatIds).toEqual([]);
  });
});

describe('decide: paper ballots of a secret poll (poll.paperCount)', () => {
  const paper = (pollId: string, ballots: number, counts: Record<string, number>, tellers = ['张三', '李四']) => ({ pollId, ballots, counts, tellers });

  it('adds the tellers\' counts to the electronic ones when the poll closes', () => {
    const { m, pollId } = withOpenMotion({ secret: true, checkedIn: 5 });
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    m.run('poll.vote', vote(pollId, ['no'], 2), member(2));
    const [e] = m.run('poll.paperCount', paper(pollId, 2, { yes: 2 }));
    expect(e).toMatchObject({ type: 'poll.paperCounted', data: { pollId, ballots: 2, counts: { yes: 2, no: 0, abstain: 0 }, tellers: ['张三', '李四'] } });
    expect(e!.data).not.toHaveProperty('seatId');
    expect(m.poll(pollId)).toMatchObject({ voted: 4, paper: { ballots: 2, counts: { yes: 2, no: 0, abstain: 0 }, tellers: ['张三', '李四'] } });
    m.run('poll.close', { pollId });
    expect(m.poll(pollId)).toMatchObject({ voted: 4, tally: { yes: 3, no: 1, abstain: 0 }, outcome: { result: 'passed', support: 3 } });
  });

  it('a later count corrects the earlier one instead of adding to it', () => {
    const { m, pollId } = withOpenMotion({ secret: true, checkedIn: 5 });
    m.run('poll.paperCount', paper(pollId, 3, { yes: 3 }));
    m.run('poll.paperCount', paper(pollId, 2, { yes: 1, no: 1 }));
    expect(m.poll(pollId)).toMatchObject({ voted: 2, paper: { ballots: 2 } });
    m.run('poll.close', { pollId });
    expect(m.poll(pollId).tally).toEqual({ yes: 1, no: 1, abstain: 0 });
  });

  it('cannot exceed the present members without an electronic ballot, and then closes the box to phones', () => {
    const { m, pollId } = withOpenMotion({ secret: true, checkedIn: 4 });
    m.run('poll.vote', vote(pollId, ['yes'], 1), member(1));
    expect(codeOf(() => m.decide('poll.paperCount', paper(pollId, 4, { yes: 4 })))).toBe('INVALID_STATE');
    m.run('poll.paperCount', paper(pollId, 3, { no: 3 }));
    // Everyone present has a ballot now: a phone vote would count someone twice.
    expect(codeOf(() => m.decide('poll.vote', vote(pollId, ['yes'], 2), member(2)))).toBe('INVALID_STATE');
  });

  it('the counts must add up to the ballots and name the poll\'s options', () => {
    const { m, pollId } = withOpenMotion({ secret: true, checkedIn: 5 });
    expect(codeOf(() => m.decide('poll.paperCount', paper(pollId, 2, { yes: 1 })))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('poll.paperCount', paper(pollId, 1, { maybe: 1 })))).toBe('BAD_REQUEST');
    expect(() => m.decide('poll.paperCount', paper(pollId, 1, { yes: 1 }, []))).toThrow(); // tellers required
  });

  it('only for an open secret poll, by the facilitator', () => {
    const named = withOpenMotion();
    expect(codeOf(() => named.m.decide('poll.paperCount', paper(named.pollId, 1, { yes: 1 })))).toBe('INVALID_STATE');
    const { m, pollId } = withOpenMotion({ secret: true });
    expect(codeOf(() => m.decide('poll.paperCount', paper(pollId, 1, { yes: 1 }), member(1)))).toBe('FORBIDDEN');
    m.run('poll.close', { pollId });
    expect(codeOf(() => m.decide('poll.paperCount', paper(pollId, 1, { yes: 1 })))).toBe('INVALID_STATE');
  });

  it('shows the counts to nobody but the facilitator while the poll is open', () => {
    const { m, pollId } = withOpenMotion({ secret: true, resultsVisibility: 'hidden' });
    const [e] = m.run('poll.paperCount', paper(pollId, 1, { yes: 1 }));
    expect(projectEvent(e!, m.state, 'projector').data).toMatchObject({ ballots: 1, counts: {}, tellers: ['张三', '李四'] });
    expect(projectEvent(e!, m.state, 'facilitator').data).toMatchObject({ counts: { yes: 1 } });
    expect(projectState(m.state, 'member').polls[0]!.paper).toEqual({ ballots: 1, counts: {}, tellers: ['张三', '李四'] });
  });

  it('keeps the paper counts the facilitator’s after the close: the tally minus them would be the phones’ own', () => {
    const { m, pollId } = withOpenMotion({ secret: true });
    m.run('poll.vote', { pollId, choices: ['no'], idempotencyKey: 'phone-ballot-1' }, member(1));
    m.run('poll.paperCount', paper(pollId, 2, { yes: 2 }));
    m.run('poll.close', { pollId });
    for (const role of ['member', 'projector', 'observer', 'recorder'] as const) {
      const poll = projectState(m.state, role).polls[0]!;
      expect(poll.tally).toEqual({ yes: 2, no: 1, abstain: 0 });
      expect(poll.paper).toEqual({ ballots: 2, counts: {}, tellers: ['张三', '李四'] });
    }
    expect(projectState(m.state, 'facilitator').polls[0]!.paper!.counts).toEqual({ yes: 2, no: 0, abstain: 0 });
  });
});
