import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../platform/errors';
import { quorumStatus } from './quorum';
import { presentVoters, votingMembers } from './state';
import { projectEvent } from './projection';
import { walkInPolicyOf } from '../planning/templates';
import { mayVoteIn, WALK_IN_KIND } from './walk-ins';
import { meetingForms } from './model';
import { majorityPresets } from '../voting/outcome';
import { facilitator, MeetingSession } from '../../tests/factories/meeting';
import type { Actor } from './commands';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const motion = { question: '是否在中心花园增设健身器材？', kind: 'motion', rule: majorityPresets.simple_majority } as const;

/** An open space with 4 roster members (3 present) and one admitted walk-in; returns the walk-in's actor. */
function openSpaceWithWalkIn() {
  const m = new MeetingSession({ form: 'open_space', seats: 4, checkedIn: 3, currentItem: 1 });
  const d = m.decide('attendance.admitWalkIn', { name: '王小明', building: '3栋', phone: '13800001234' });
  m.run('attendance.admitWalkIn', { name: '王小明', building: '3栋', phone: '13800001234' });
  const seat = m.state.seats.find((s) => s.kind === WALK_IN_KIND)!;
  const walkIn: Actor = { role: 'member', label: seat.name, seatId: seat.id, mode: 'hall' };
  return { m, seat, walkIn, decision: d };
}

describe('walk-in policy per form', () => {
  it('open space and 民主恳谈 admit walk-ins and let them vote in non-binding polls; the council does not', () => {
    expect(walkInPolicyOf('open_space')).toEqual({ allowed: true, nonBindingVotes: true });
    expect(walkInPolicyOf('dialogue')).toEqual({ allowed: true, nonBindingVotes: true });
    expect(walkInPolicyOf('council')).toEqual({ allowed: false, nonBindingVotes: false });
    // Every form has a policy (the template's default when it says nothing).
    for (const form of meetingForms) expect(typeof walkInPolicyOf(form).allowed).toBe('boolean');
  });

  it('a council refuses admission with WALK_INS_NOT_ALLOWED', () => {
    const m = new MeetingSession({ form: 'council' });
    expect(codeOf(() => m.decide('attendance.admitWalkIn', { name: '王小明', building: '3栋' }))).toBe('WALK_INS_NOT_ALLOWED');
  });

  it('only the facilitator admits a walk-in', () => {
    const m = new MeetingSession({ form: 'open_space' });
    const member: Actor = { role: 'member', label: '居民1', seatId: 'seat-1', mode: 'hall' };
    expect(codeOf(() => m.decide('attendance.admitWalkIn', { name: '王小明', building: '3栋' }, member))).toBe('FORBIDDEN');
  });
});

describe('admitting a walk-in', () => {
  it('seats them without a vote and checks them in, vouched for by the facilitator; the phone stays out of every event', () => {
    const { m, seat, decision } = openSpaceWithWalkIn();
    expect(seat).toMatchObject({ name: '王小明', kind: 'walk_in', canVote: false });
    expect(m.state.attendance[seat.id]).toMatchObject({ mode: 'hall', by: facilitator.label });
    expect(decision.seatId).toBeTruthy();
    expect(JSON.stringify(decision.events)).not.toContain('13800001234');
    expect(JSON.stringify(decision.events)).not.toContain('3栋');
    // The seat's row (staff-only) gets building and phone.
    expect(decision.effects[0]).toMatchObject({ kind: 'walkInSeat', building: '3栋', phone: '13800001234' });
  });

  it('leaves the quorum as it was: it counts roster members only', () => {
    const m = new MeetingSession({ form: 'open_space', seats: 4, checkedIn: 2 });
    const before = quorumStatus(m.state.quorumRule, presentVoters(m.state), votingMembers(m.state));
    m.run('attendance.admitWalkIn', { name: '王小明', building: '3栋' });
    m.run('attendance.admitWalkIn', { name: '李芳', building: '5栋' });
    const after = quorumStatus(m.state.quorumRule, presentVoters(m.state), votingMembers(m.state));
    expect(after).toEqual(before);
    expect(after.met).toBe(false);
  });

  it('a walk-in may ask to speak', () => {
    const { m, walkIn, seat } = openSpaceWithWalkIn();
    const [e] = m.run('speaker.request', { stance: 'support' }, walkIn);
    expect(e).toMatchObject({ type: 'speaker.requested', data: { seatId: seat.id, name: '王小明' } });
  });
});

describe('a walk-in\'s ballot right', () => {
  it('votes in a non-binding poll and is refused in a binding one with BINDING_POLL_ROSTER_ONLY', () => {
    const { m, walkIn } = openSpaceWithWalkIn();
    const sounding = m.createPoll({ ...motion, nonBinding: true });
    expect(m.poll(sounding).nonBinding).toBe(true);
    m.run('poll.open', { pollId: sounding });
    const [ballot] = m.run('poll.vote', { pollId: sounding, choices: ['yes'], idempotencyKey: 'walkin-key-1' }, walkIn);
    expect(ballot).toMatchObject({ type: 'poll.ballot', data: { voted: 1 } });
    m.run('poll.close', { pollId: sounding });

    const binding = m.createPoll(motion);
    m.run('poll.open', { pollId: binding });
    expect(codeOf(() => m.decide('poll.vote', { pollId: binding, choices: ['yes'], idempotencyKey: 'walkin-key-2' }, walkIn))).toBe('BINDING_POLL_ROSTER_ONLY');
  });

  it('a non-binding poll\'s outcome counts the walk-ins present; a binding one\'s only the roster', () => {
    const { m, walkIn } = openSpaceWithWalkIn();
    const sounding = m.createPoll({ ...motion, nonBinding: true, rule: majorityPresets.half_of_present });
    m.run('poll.open', { pollId: sounding });
    m.run('poll.vote', { pollId: sounding, choices: ['yes'], idempotencyKey: 'walkin-key-3' }, walkIn);
    const [closed] = m.run('poll.close', { pollId: sounding });
    // 3 roster members + 1 walk-in present: the denominator is 4, and 1 yes does not pass.
    expect(closed).toMatchObject({ type: 'poll.closed', data: { outcome: { denominator: 4, result: 'failed' } } });
  });

  it('where the form does not open polls to walk-ins, a roster seat without a vote stays refused', () => {
    expect(mayVoteIn({ kind: 'guest', canVote: false }, { nonBinding: true }, { allowed: true, nonBindingVotes: true })).toBe(false);
    expect(mayVoteIn({ kind: WALK_IN_KIND, canVote: false }, { nonBinding: true }, { allowed: true, nonBindingVotes: false })).toBe(false);
    expect(mayVoteIn({ kind: WALK_IN_KIND, canVote: false }, {}, { allowed: true, nonBindingVotes: true })).toBe(false);
    expect(mayVoteIn({ kind: 'council', canVote: true }, {}, { allowed: false, nonBindingVotes: false })).toBe(true);
  });

  it('the walk-in\'s named ballot reaches other members without a seat, as every member\'s does', () => {
    const { m, walkIn } = openSpaceWithWalkIn();
    const sounding = m.createPoll({ ...motion, nonBinding: true });
    m.run('poll.open', { pollId: sounding });
    const [ballot] = m.run('poll.vote', { pollId: sounding, choices: ['no'], idempotencyKey: 'walkin-key-4' }, walkIn);
    const seen = projectEvent(ballot!, m.state, 'member');
    expect(seen.actor).toBe('');
    expect(JSON.stringify(seen.data)).not.toContain(walkIn.seatId!);
  });
});
