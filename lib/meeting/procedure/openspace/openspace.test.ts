import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { meetingRoles, type MeetingRole } from '../../permissions';
import { ownersOf, projectEvent, projectSeat, projectState } from '../../projection';
import { foldEvents } from '../../state';
import { facilitator, MEETING_ID, MeetingSession, member, seatIdOf } from '../../../../tests/factories/meeting';
import { gridConflicts, liveSessions, OPEN_SPACE_LIMITS, peopleIn, rankByDots } from './model';
import { breakoutAccess, breakoutDocName, parseBreakoutDocName } from './notes';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** An open space in session with two rooms and two slots (ids r1, r2, s1, s2). */
function openSpace(opts: { seats?: number; checkedIn?: number } = {}) {
  const m = new MeetingSession({ form: 'open_space', seats: opts.seats ?? 6, checkedIn: opts.checkedIn ?? 5 });
  m.run('openSpace.configure', {
    theme: '我们的小区怎样更适合老人',
    rooms: [{ id: 'r1', name: '活动室' }, { id: 'r2', name: '会议室' }],
    slots: [{ id: 's1', label: '14:00' }, { id: 's2', label: '15:00' }],
    dotsPerPerson: 3,
  });
  return m;
}

function propose(m: MeetingSession, n: number, title: string): string {
  const [e] = m.run('openSpace.propose', { title }, member(n));
  if (e.type !== 'openSpace.proposed') throw new Error('expected openSpace.proposed');
  return e.data.id;
}

const session = (m: MeetingSession, id: string) => m.state.openSpace!.sessions.find((x) => x.id === id)!;

describe('open space: the marketplace', () => {
  it('starts with a theme and a grid instead of an agenda', () => {
    const m = new MeetingSession({ form: 'open_space', status: 'announced', agenda: [], seats: 3, checkedIn: 0 });
    expect(codeOf(() => m.decide('meeting.start', {}))).toBe('INVALID_STATE');
    m.run('openSpace.configure', { theme: '主题', rooms: [{ name: '甲' }], slots: [{ label: '上午' }] });
    expect(codeOf(() => m.decide('meeting.start', {}))).toBe('NO_ERROR');
  });

  it('only an open space has one', () => {
    const council = new MeetingSession({ seats: 3, checkedIn: 3 });
    expect(codeOf(() => council.decide('openSpace.configure', { theme: '主题', rooms: [{ name: '甲' }], slots: [{ label: '上午' }] }))).toBe('INVALID_STATE');
    expect(codeOf(() => council.decide('openSpace.propose', { title: '议题' }, member(1)))).toBe('INVALID_STATE');
  });

  it('a checked-in participant proposes and hosts a session; one not checked in, the facilitator or an observer cannot', () => {
    const m = openSpace();
    const id = propose(m, 1, '楼道加装扶手');
    expect(session(m, id)).toMatchObject({ title: '楼道加装扶手', hostSeatId: seatIdOf(1), hostName: '居民1', roomId: null, slotId: null, mergedInto: null });
    expect(codeOf(() => m.decide('openSpace.propose', { title: '议题' }, member(6)))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('openSpace.propose', { title: '议题' }, facilitator))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('openSpace.propose', { title: '议题' }, { ...member(2), role: 'observer' }))).toBe('FORBIDDEN');
  });

  it('a title is required and limited; one person hosts only so many', () => {
    const m = openSpace();
    expect(() => m.decide('openSpace.propose', { title: '  ' }, member(1))).toThrow();
    expect(() => m.decide('openSpace.propose', { title: '题'.repeat(OPEN_SPACE_LIMITS.titleMax + 1) }, member(1))).toThrow();
    for (let i = 0; i < OPEN_SPACE_LIMITS.proposalsPerSeat; i++) propose(m, 1, `议题${i}`);
    expect(codeOf(() => m.decide('openSpace.propose', { title: '再提一个' }, member(1)))).toBe('RATE_LIMITED');
    expect(codeOf(() => m.decide('openSpace.propose', { title: '别人的' }, member(2)))).toBe('NO_ERROR');
  });

  it('the facilitator writes down a proposal for someone without a phone, with that person as host', () => {
    const m = openSpace();
    const [e] = m.run('openSpace.proposeFor', { title: '垃圾分类', hostName: '王阿姨' });
    expect(e.data).toMatchObject({ hostSeatId: null, hostName: '王阿姨' });
    expect(codeOf(() => m.decide('openSpace.proposeFor', { title: '议题', hostName: '李' }, member(1)))).toBe('FORBIDDEN');
  });

  it('a duplicate is merged into another proposal and leaves the marketplace', () => {
    const m = openSpace();
    const a = propose(m, 1, '停车难');
    const b = propose(m, 2, '停车位不够');
    m.run('openSpace.merge', { id: b, intoId: a });
    expect(liveSessions(m.state.openSpace!).map((x) => x.id)).toEqual([a]);
    expect(codeOf(() => m.decide('openSpace.merge', { id: a, intoId: a }))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('openSpace.place', { id: b, roomId: 'r1', slotId: 's1' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('openSpace.merge', { id: a, intoId: 'nope' }))).toBe('NOT_FOUND');
    // Undone: back in the marketplace; undoing twice, or a proposal never merged, is refused.
    m.run('openSpace.unmerge', { id: b });
    expect(liveSessions(m.state.openSpace!).map((x) => x.id)).toEqual([a, b]);
    expect(codeOf(() => m.decide('openSpace.unmerge', { id: b }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('openSpace.unmerge', { id: b }, member(1)))).toBe('FORBIDDEN');
  });
});

describe('open space: the grid', () => {
  it('the facilitator places sessions in rooms and slots; a clash of rooms or of hosts is flagged, not refused', () => {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    const b = propose(m, 1, '路灯');
    const c = propose(m, 2, '健身器材');
    m.run('openSpace.place', { id: a, roomId: 'r1', slotId: 's1' });
    m.run('openSpace.place', { id: b, roomId: 'r2', slotId: 's1' });
    m.run('openSpace.place', { id: c, roomId: 'r1', slotId: 's1' });
    const conflicts = gridConflicts(m.state.openSpace!);
    expect(conflicts).toContainEqual({ kind: 'room', roomId: 'r1', slotId: 's1', sessionIds: [a, c] });
    expect(conflicts).toContainEqual({ kind: 'host', hostName: '居民1', slotId: 's1', sessionIds: [a, b] });
    m.run('openSpace.place', { id: b, roomId: 'r2', slotId: 's2' });
    m.run('openSpace.place', { id: c, roomId: 'r2', slotId: 's1' });
    expect(gridConflicts(m.state.openSpace!)).toEqual([]);
  });

  it('no placing in a room or slot that does not exist, nor half a place; a participant cannot place', () => {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    expect(codeOf(() => m.decide('openSpace.place', { id: a, roomId: 'r9', slotId: 's1' }))).toBe('NOT_FOUND');
    expect(codeOf(() => m.decide('openSpace.place', { id: a, roomId: 'r1', slotId: 's9' }))).toBe('NOT_FOUND');
    expect(() => m.decide('openSpace.place', { id: a, roomId: 'r1', slotId: null })).toThrow();
    expect(codeOf(() => m.decide('openSpace.place', { id: a, roomId: 'r1', slotId: 's1' }, member(1)))).toBe('FORBIDDEN');
  });

  it('taking a room out of the grid sends its sessions back to the marketplace', () => {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    m.run('openSpace.place', { id: a, roomId: 'r2', slotId: 's1' });
    m.run('openSpace.configure', { theme: '主题', rooms: [{ id: 'r1', name: '活动室' }], slots: [{ id: 's1', label: '14:00' }, { id: 's2', label: '15:00' }] });
    expect(session(m, a)).toMatchObject({ roomId: null, slotId: null });
  });

  it('the phases go one step at a time, forward or back, once there is a grid', () => {
    const m = new MeetingSession({ form: 'open_space', seats: 3, checkedIn: 3 });
    expect(codeOf(() => m.decide('openSpace.phase', { phase: 'sessions' }))).toBe('INVALID_STATE');
    const o = openSpace();
    expect(codeOf(() => o.decide('openSpace.phase', { phase: 'prioritising' }))).toBe('INVALID_STATE');
    o.run('openSpace.phase', { phase: 'sessions' });
    o.run('openSpace.phase', { phase: 'marketplace' });
    o.run('openSpace.phase', { phase: 'sessions' });
    o.run('openSpace.phase', { phase: 'prioritising' });
    expect(o.state.openSpace!.phase).toBe('prioritising');
    expect(codeOf(() => o.decide('openSpace.propose', { title: '晚到的' }, member(1)))).toBe('INVALID_STATE');
    expect(codeOf(() => o.decide('openSpace.phase', { phase: 'sessions' }, member(1)))).toBe('FORBIDDEN');
  });
});

describe('open space: the law of two feet', () => {
  function sessions() {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    const b = propose(m, 2, '路灯');
    const c = propose(m, 3, '健身器材');
    m.run('openSpace.place', { id: a, roomId: 'r1', slotId: 's1' });
    m.run('openSpace.place', { id: b, roomId: 'r2', slotId: 's1' });
    m.run('openSpace.place', { id: c, roomId: 'r1', slotId: 's2' });
    m.run('openSpace.phase', { phase: 'sessions' });
    return { m, a, b, c };
  }

  it('a participant goes to a session, moves to another of the same slot, and leaves; each slot apart', () => {
    const { m, a, b, c } = sessions();
    m.run('openSpace.join', { slotId: 's1', sessionId: a }, member(4));
    m.run('openSpace.join', { slotId: 's2', sessionId: c }, member(4));
    expect(peopleIn(m.state.openSpace!, session(m, a))).toEqual([seatIdOf(4)]);
    m.run('openSpace.join', { slotId: 's1', sessionId: b }, member(4));
    expect(peopleIn(m.state.openSpace!, session(m, a))).toEqual([]);
    expect(peopleIn(m.state.openSpace!, session(m, b))).toEqual([seatIdOf(4)]);
    expect(peopleIn(m.state.openSpace!, session(m, c))).toEqual([seatIdOf(4)]);
    m.run('openSpace.join', { slotId: 's1', sessionId: null }, member(4));
    expect(peopleIn(m.state.openSpace!, session(m, b))).toEqual([]);
    // Who took part in each session at some time stays, for the record's counts.
    m.run('openSpace.join', { slotId: 's1', sessionId: a }, member(5));
    m.run('openSpace.join', { slotId: 's1', sessionId: a }, member(4));
    expect(m.state.openSpace!.attended).toEqual({ [a]: [seatIdOf(4), seatIdOf(5)], [b]: [seatIdOf(4)], [c]: [seatIdOf(4)] });
  });

  it('joining where one already is changes nothing; a session of another slot, or before the sessions, is refused', () => {
    const { m, a, c } = sessions();
    m.run('openSpace.join', { slotId: 's1', sessionId: a }, member(4));
    expect(m.decide('openSpace.join', { slotId: 's1', sessionId: a }, member(4)).events).toEqual([]);
    expect(codeOf(() => m.decide('openSpace.join', { slotId: 's1', sessionId: c }, member(4)))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('openSpace.join', { slotId: 's1', sessionId: a }, member(6)))).toBe('INVALID_STATE');
    m.run('openSpace.phase', { phase: 'marketplace' });
    expect(codeOf(() => m.decide('openSpace.join', { slotId: 's1', sessionId: a }, member(4)))).toBe('INVALID_STATE');
  });

  it('a session moved or merged takes its people out of the old place', () => {
    const { m, a, b } = sessions();
    m.run('openSpace.join', { slotId: 's1', sessionId: a }, member(4));
    m.run('openSpace.join', { slotId: 's1', sessionId: b }, member(5));
    m.run('openSpace.place', { id: a, roomId: 'r2', slotId: 's2' });
    m.run('openSpace.merge', { id: b, intoId: a });
    expect(m.state.openSpace!.presence).toEqual({});
  });
});

describe('open space: dots and consensus', () => {
  function prioritising() {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    const b = propose(m, 2, '路灯');
    m.run('openSpace.phase', { phase: 'sessions' });
    m.run('openSpace.phase', { phase: 'prioritising' });
    return { m, a, b };
  }

  it('each participant spends up to their dots; a new allocation replaces the old; the totals rank the proposals', () => {
    const { m, a, b } = prioritising();
    m.run('openSpace.dots', { allocation: { [a]: 1, [b]: 2 } }, member(1));
    m.run('openSpace.dots', { allocation: { [b]: 3 } }, member(2));
    expect(m.state.openSpace!.dotTotals).toEqual({ [a]: 1, [b]: 5 });
    m.run('openSpace.dots', { allocation: { [a]: 3, [b]: 0 } }, member(1));
    expect(m.state.openSpace!.dotTotals).toEqual({ [a]: 3, [b]: 3 });
    expect(rankByDots(m.state.openSpace!).map((x) => x.id)).toEqual([a, b]);
    expect(codeOf(() => m.decide('openSpace.dots', { allocation: { [a]: 2, [b]: 2 } }, member(3)))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('openSpace.dots', { allocation: { nope: 1 } }, member(3)))).toBe('NOT_FOUND');
    expect(codeOf(() => m.decide('openSpace.dots', { allocation: { [a]: 1 } }, member(6)))).toBe('INVALID_STATE');
    expect(() => m.decide('openSpace.dots', { allocation: { [a]: -1 } }, member(3))).toThrow();
  });

  it('a proposal with dots is not merged away (back in the sessions phase)', () => {
    const { m, a, b } = prioritising();
    m.run('openSpace.dots', { allocation: { [a]: 1 } }, member(1));
    m.run('openSpace.phase', { phase: 'sessions' });
    expect(codeOf(() => m.decide('openSpace.merge', { id: a, intoId: b }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('openSpace.merge', { id: b, intoId: a }))).toBe('NO_ERROR');
  });

  it('no dots outside the prioritising phase', () => {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    expect(codeOf(() => m.decide('openSpace.dots', { allocation: { [a]: 1 } }, member(1)))).toBe('INVALID_STATE');
  });

  it('the facilitator confirms consensus statements and takes one back', () => {
    const { m, a } = prioritising();
    const [e] = m.run('openSpace.confirm', { text: '先在3号楼试装扶手', sessionId: a });
    if (e.type !== 'openSpace.confirmed') throw new Error('expected openSpace.confirmed');
    m.run('openSpace.phase', { phase: 'converged' });
    m.run('openSpace.confirm', { text: '下月再议路灯' });
    expect(m.state.openSpace!.consensus.map((c) => c.text)).toEqual(['先在3号楼试装扶手', '下月再议路灯']);
    m.run('openSpace.unconfirm', { id: e.data.id });
    expect(m.state.openSpace!.consensus.map((c) => c.text)).toEqual(['下月再议路灯']);
    expect(codeOf(() => m.decide('openSpace.confirm', { text: '我说了算' }, member(1)))).toBe('FORBIDDEN');
  });

  it('replaying the log gives the same open space (a restart loses nothing)', () => {
    const { m, a, b } = prioritising();
    m.run('openSpace.dots', { allocation: { [a]: 2 } }, member(1));
    m.run('openSpace.dots', { allocation: { [b]: 1, [a]: 1 } }, member(2));
    m.run('openSpace.dots', { allocation: { [b]: 3 } }, member(1));
    expect(foldEvents(MEETING_ID, m.log).openSpace).toEqual(m.state.openSpace);
  });
});

describe('open space: who sees what', () => {
  function scene() {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    const b = propose(m, 2, '路灯');
    m.run('openSpace.phase', { phase: 'sessions' });
    m.run('openSpace.phase', { phase: 'prioritising' });
    m.run('openSpace.dots', { allocation: { [a]: 2, [b]: 1 } }, member(3));
    m.run('openSpace.dots', { allocation: { [b]: 3 } }, member(4));
    return { m, a, b };
  }

  it.each(meetingRoles)('%s receives the totals but never who gave dots where', (role) => {
    const { m, a, b } = scene();
    expect(projectState(m.state, role).openSpace).toMatchObject({ dots: {}, dotTotals: { [a]: 2, [b]: 4 } });
    const events = m.log.filter((e) => e.type === 'openSpace.dotsPlaced').map((e) => projectEvent(e, m.state, role));
    for (const e of events) {
      expect(e.actor).toBe('');
      expect(Object.keys(e.data)).toEqual(['totals']);
    }
    const seen = JSON.stringify({ state: projectState(m.state, role).openSpace, events });
    for (const n of [3, 4]) {
      expect(seen).not.toContain(seatIdOf(n));
      expect(seen).not.toContain(`居民${n}`);
    }
  });

  it('a seat is told its own dots, and nobody else’s', () => {
    const { m, a, b } = scene();
    expect(projectSeat(m.state, seatIdOf(3))).toMatchObject({ openSpace: { dots: { [a]: 2, [b]: 1 } } });
    expect(projectSeat(m.state, seatIdOf(4))).toMatchObject({ openSpace: { dots: { [b]: 3 } } });
    expect(projectSeat(m.state, seatIdOf(5))).toMatchObject({ openSpace: { dots: {} } });
    // Whose own view each event changes: the dots' seat, told on its other devices (meeting:mine).
    expect(m.log.filter((e) => e.type.startsWith('openSpace.')).map(ownersOf).filter((x) => x.length)).toEqual([[seatIdOf(3)], [seatIdOf(4)]]);
  });

  it('the log itself keeps each allocation with its seat (one allocation per participant, also after a restart)', () => {
    const { m } = scene();
    expect(m.log.filter((e) => e.type === 'openSpace.dotsPlaced').map((e) => e.data)).toMatchObject([{ seatId: seatIdOf(3) }, { seatId: seatIdOf(4) }]);
  });
});

describe('open space: who writes a session’s note', () => {
  it('its host and those who were in it write; others read; staff who write minutes write; closed: nobody', () => {
    const m = openSpace();
    const a = propose(m, 1, '扶手');
    const b = propose(m, 2, '路灯');
    m.run('openSpace.place', { id: a, roomId: 'r1', slotId: 's1' });
    m.run('openSpace.phase', { phase: 'sessions' });
    m.run('openSpace.join', { slotId: 's1', sessionId: a }, member(3));
    m.run('openSpace.join', { slotId: 's1', sessionId: null }, member(3)); // moved on: may still add what they said
    m.run('openSpace.merge', { id: b, intoId: a });
    const os = m.state.openSpace;
    const access = (role: MeetingRole, n: number | null, id = a, closed = false) => breakoutAccess({ role, seatId: n === null ? null : seatIdOf(n) }, os, id, closed);
    expect(access('member', 1)).toBe('edit');
    expect(access('remote_member', 3)).toBe('edit');
    expect(access('member', 4)).toBe('read');
    expect(access('observer', 1)).toBe('read'); // an observer's device is no participant, whatever seat it names
    expect(access('projector', null)).toBe('read');
    expect(access('recorder', null)).toBe('edit');
    expect(access('facilitator', null)).toBe('edit');
    expect(access('member', 1, a, true)).toBe('locked');
    expect(access('member', 4, a, true)).toBe('read');
    expect(access('facilitator', null, b)).toBeNull(); // merged away
    expect(access('facilitator', null, 'nope')).toBeNull();
    expect(breakoutAccess({ role: 'facilitator', seatId: null }, null, a, false)).toBeNull();
  });

  it('names a note by meeting and session, and reads only such names back', () => {
    expect(parseBreakoutDocName(breakoutDocName('m-1', 's-2'))).toEqual({ meetingId: 'm-1', sessionId: 's-2' });
    for (const bad of ['minutes:m-1', 'breakout:m-1', 'breakout:m 1:s', 'breakout:m-1:s-2:x', `breakout:${'x'.repeat(101)}:s`]) expect(parseBreakoutDocName(bad)).toBeNull();
  });
});
