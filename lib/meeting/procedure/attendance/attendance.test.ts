import { describe, expect, it } from 'vitest';
import { can, meetingRoles } from '../../permissions';
import { projectEvent, projectState } from '../../projection';
import { applyEvent, foldEvents, presentVoters, votingMembers, type MeetingEvent } from '../../state';
import { facilitator, guestIdOf, MEETING_ID, MeetingSession, seatIdOf } from '../../../../tests/factories/meeting';
import { majorityPresets } from '../../../voting/outcome';
import { pollVoters, presentPollVoters } from '../../walk-ins';
import { countRoster } from './reduce';

const phoneRoles = meetingRoles.filter((r) => !can(r, 'roster.view'));
const listRoles = meetingRoles.filter((r) => can(r, 'roster.view'));

/**
 * An open space (walk-ins allowed) with 6 voting seats and 2 without a vote: 3 checked in by themselves,
 * one remote, one by staff (代签到, then undone and checked in again), a guest, and a walk-in admitted.
 */
function busyMeeting() {
  const m = new MeetingSession({ form: 'open_space', seats: 6, nonVotingSeats: 2, checkedIn: 3, currentItem: 1 });
  m.run('attendance.checkIn', { seatId: seatIdOf(4), mode: 'remote' });
  m.run('attendance.checkIn', { seatId: seatIdOf(5) });
  m.run('attendance.undoCheckIn', { seatId: seatIdOf(5), reason: '签错了人' });
  m.run('attendance.checkIn', { seatId: seatIdOf(5) });
  m.run('attendance.checkIn', { seatId: guestIdOf(1) });
  m.run('attendance.admitWalkIn', { name: '王小明', building: '3栋' });
  return m;
}

describe('the roster in numbers', () => {
  it('the reducer keeps the counts the list gives, through check-ins, an undo and a walk-in', () => {
    const m = busyMeeting();
    expect(m.state.roster).toEqual(countRoster(m.state.seats, m.state.attendance));
    // 6 voting + 2 guests + 1 walk-in; present: seats 1–5, guest 1, the walk-in (checked in by the facilitator)
    expect(m.state.roster).toEqual({ seats: 9, voting: 6, present: 7, remote: 1, presentVoting: 5, presentWalkIns: 1, proxied: 4 });
    expect(presentVoters(m.state)).toBe(5);
    expect(votingMembers(m.state)).toBe(6);
  });

  it('after every event, not only at the end', () => {
    const m = busyMeeting();
    for (let n = 1; n <= m.log.length; n++) {
      const s = foldEvents(MEETING_ID, m.log.slice(0, n));
      expect(s.roster).toEqual(countRoster(s.seats, s.attendance));
    }
  });
});

describe('how many may vote in a poll, from the counts', () => {
  it.each([false, true])('non-binding %s: a phone without the list counts as the server does with it', (nonBinding) => {
    const m = busyMeeting();
    const pollId = m.createPoll({ question: '花园里放健身器材吗？', kind: 'motion', rule: majorityPresets.simple_majority, nonBinding });
    const poll = m.poll(pollId);
    const fromList = pollVoters(m.state, poll).filter((seat) => m.state.attendance[seat.id]).length;
    expect(fromList).toBe(nonBinding ? 6 : 5);
    expect(presentPollVoters(m.state, poll)).toBe(fromList);
    expect(presentPollVoters(projectState(m.state, 'member', seatIdOf(1)), poll)).toBe(fromList);
  });
});

describe('what a phone receives of the roster', () => {
  it.each(phoneRoles)('a %s snapshot has its own seat and presence, the counts, and nobody else', (role) => {
    const m = busyMeeting();
    const s = projectState(m.state, role, seatIdOf(2));
    expect(s.seats).toEqual([{ id: seatIdOf(2), name: '居民2', kind: 'council', canVote: true }]);
    expect(Object.keys(s.attendance)).toEqual([seatIdOf(2)]);
    expect(s.roster).toEqual(m.state.roster);
    expect(s.undoneCheckIns).toEqual([]);
    const text = JSON.stringify(s);
    for (const other of m.state.seats.filter((x) => x.id !== seatIdOf(2))) expect(text).not.toContain(other.name);
  });

  it('a phone whose seat is absent has its seat and no presence; one without a seat has neither', () => {
    const m = busyMeeting();
    const absent = projectState(m.state, 'member', seatIdOf(6));
    expect(absent.seats.map((x) => x.id)).toEqual([seatIdOf(6)]);
    expect(absent.attendance).toEqual({});
    const none = projectState(m.state, 'observer', null);
    expect(none.seats).toEqual([]);
    expect(none.attendance).toEqual({});
  });

  it.each(listRoles)('a %s keeps the whole list', (role) => {
    const m = busyMeeting();
    const s = projectState(m.state, role);
    expect(s.seats).toEqual(m.state.seats);
    expect(s.attendance).toEqual(m.state.attendance);
    expect(s.undoneCheckIns).toEqual(m.state.undoneCheckIns);
  });

  it.each(phoneRoles)('a %s gets the roster events without the list or a walk-in\'s name, with the counts', (role) => {
    const m = busyMeeting();
    const seen = m.log.map((e) => projectEvent(e, m.state, role));
    const byType = (t: MeetingEvent['type']) => seen.filter((e) => e.type === t);
    const [created] = byType('meeting.created');
    expect(created!.type === 'meeting.created' && created!.data.seats).toEqual([]);
    const text = JSON.stringify(seen);
    for (const seat of m.state.seats) expect(text).not.toContain(seat.name);
    // A self check-in is anonymous to phones; a 代签到 still names the staff member, as it did.
    const checkIns = byType('attendance.checkedIn');
    expect(checkIns.filter((e) => e.type === 'attendance.checkedIn' && !e.data.by).every((e) => e.actor === '')).toBe(true);
    expect(checkIns.some((e) => e.type === 'attendance.checkedIn' && e.data.by && e.actor === e.data.by)).toBe(true);
    for (const t of ['meeting.created', 'seat.added', 'attendance.checkedIn', 'attendance.checkInUndone'] as const) {
      expect(byType(t).length).toBeGreaterThan(0);
      for (const e of byType(t)) expect((e.data as { roster?: unknown }).roster).toEqual(m.state.roster);
    }
    // Every event still reaches the phone, with its seq: the sequence stays gap-free.
    expect(seen.map((e) => e.seq)).toEqual(m.log.map((e) => e.seq));
  });

  it.each(phoneRoles)('a %s that folds its events from its snapshot ends where a fresh snapshot would, its own check-in included', (role) => {
    const m = new MeetingSession({ form: 'open_space', seats: 6, checkedIn: 2, currentItem: 1 });
    const mine = seatIdOf(4);
    let phone = projectState(m.state, role, mine);
    const from = m.log.length;
    m.run('attendance.checkIn', { seatId: seatIdOf(3), mode: 'remote' });
    m.run('attendance.checkIn', { seatId: mine });
    m.run('attendance.checkIn', { seatId: seatIdOf(5) });
    m.run('attendance.undoCheckIn', { seatId: seatIdOf(5), reason: '代签错了' });
    m.run('attendance.admitWalkIn', { name: '王小明', building: '3栋' }, facilitator);
    for (const e of m.log.slice(from)) phone = applyEvent(phone, projectEvent(e, m.state, role));
    expect(phone).toEqual(projectState(m.state, role, mine));
    expect(phone.attendance[mine]).toMatchObject({ mode: 'hall' });
    expect(phone.seats).toHaveLength(1);
  });

  it('the phone snapshot of a 10,000-seat roster stays small', () => {
    const m = new MeetingSession({ seats: 10_000, checkedIn: 200, currentItem: 1 });
    const phone = Buffer.byteLength(JSON.stringify(projectState(m.state, 'member', seatIdOf(7))));
    const console = Buffer.byteLength(JSON.stringify(projectState(m.state, 'facilitator')));
    expect(console).toBeGreaterThan(500_000);
    expect(phone).toBeLessThan(5_000);
  });
});

