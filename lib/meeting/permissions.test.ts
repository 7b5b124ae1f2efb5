import { describe, expect, it } from 'vitest';
import {
  can, hearsEverySeat, meetingActions, meetingRoles, participantMeetingRole, scopeCovers, staffMeetingRole, staffRoles,
  type CommunityPlace, type MeetingAction, type MeetingRole, type StaffRole, type StaffScope,
} from './permissions';

/**
 * The whole permission table, written out. Adding a role or an action without deciding every cell
 * makes the completeness test below fail.
 */
const Y = true;
const N = false;
const expected: Record<MeetingRole, Record<MeetingAction, boolean>> = {
  //             view plan manage attach checkInSelf speakerReq questionAsk questionModerate openSpace hearing vote enterBallots seeHiddenTally seeVoters minutesEdit minutesRead
  facilitator: { 'meeting.view': Y, 'meeting.plan': Y, 'meeting.manage': Y, 'notice.attach': Y, 'attendance.checkInSelf': N, 'speaker.request': N, 'question.ask': N, 'question.moderate': Y, 'openSpace.participate': N, 'hearing.participate': N, 'poll.vote': N, 'poll.enterBallots': Y, 'poll.seeHiddenTally': Y, 'poll.seeVoters': Y, 'minutes.edit': Y, 'minutes.read': Y, 'roster.view': Y },
  recorder: { 'meeting.view': Y, 'meeting.plan': N, 'meeting.manage': N, 'notice.attach': N, 'attendance.checkInSelf': N, 'speaker.request': N, 'question.ask': N, 'question.moderate': N, 'openSpace.participate': N, 'hearing.participate': N, 'poll.vote': N, 'poll.enterBallots': N, 'poll.seeHiddenTally': N, 'poll.seeVoters': N, 'minutes.edit': Y, 'minutes.read': Y, 'roster.view': Y },
  viewer: { 'meeting.view': Y, 'meeting.plan': N, 'meeting.manage': N, 'notice.attach': N, 'attendance.checkInSelf': N, 'speaker.request': N, 'question.ask': N, 'question.moderate': N, 'openSpace.participate': N, 'hearing.participate': N, 'poll.vote': N, 'poll.enterBallots': N, 'poll.seeHiddenTally': N, 'poll.seeVoters': N, 'minutes.edit': N, 'minutes.read': Y, 'roster.view': Y },
  member: { 'meeting.view': Y, 'meeting.plan': N, 'meeting.manage': N, 'notice.attach': N, 'attendance.checkInSelf': Y, 'speaker.request': Y, 'question.ask': Y, 'question.moderate': N, 'openSpace.participate': Y, 'hearing.participate': Y, 'poll.vote': Y, 'poll.enterBallots': N, 'poll.seeHiddenTally': N, 'poll.seeVoters': N, 'minutes.edit': N, 'minutes.read': Y, 'roster.view': N },
  remote_member: { 'meeting.view': Y, 'meeting.plan': N, 'meeting.manage': N, 'notice.attach': N, 'attendance.checkInSelf': Y, 'speaker.request': Y, 'question.ask': Y, 'question.moderate': N, 'openSpace.participate': Y, 'hearing.participate': Y, 'poll.vote': Y, 'poll.enterBallots': N, 'poll.seeHiddenTally': N, 'poll.seeVoters': N, 'minutes.edit': N, 'minutes.read': Y, 'roster.view': N },
  observer: { 'meeting.view': Y, 'meeting.plan': N, 'meeting.manage': N, 'notice.attach': N, 'attendance.checkInSelf': N, 'speaker.request': N, 'question.ask': N, 'question.moderate': N, 'openSpace.participate': N, 'hearing.participate': N, 'poll.vote': N, 'poll.enterBallots': N, 'poll.seeHiddenTally': N, 'poll.seeVoters': N, 'minutes.edit': N, 'minutes.read': Y, 'roster.view': N },
  projector: { 'meeting.view': Y, 'meeting.plan': N, 'meeting.manage': N, 'notice.attach': N, 'attendance.checkInSelf': N, 'speaker.request': N, 'question.ask': N, 'question.moderate': N, 'openSpace.participate': N, 'hearing.participate': N, 'poll.vote': N, 'poll.enterBallots': N, 'poll.seeHiddenTally': N, 'poll.seeVoters': N, 'minutes.edit': N, 'minutes.read': Y, 'roster.view': Y },
};

describe('permission matrix', () => {
  it('the table decides every role × action', () => {
    expect(Object.keys(expected).sort()).toEqual([...meetingRoles].sort());
    for (const role of meetingRoles) expect(Object.keys(expected[role]).sort()).toEqual([...meetingActions].sort());
  });

  const cells = meetingRoles.flatMap((role) => meetingActions.map((action) => [role, action, expected[role]?.[action]] as const));
  it.each(cells)('%s may %s: %s', (role, action, allowed) => {
    expect(typeof allowed).toBe('boolean');
    expect(can(role, action)).toBe(allowed);
  });
});

describe('staff scope', () => {
  const place: CommunityPlace = { districtId: 'xindu', streetId: 'street-a', communityId: 'comm-1' };
  const district: StaffScope = { districtId: 'xindu', streetId: null, communityId: null };
  const street: StaffScope = { districtId: 'xindu', streetId: 'street-a', communityId: null };
  const community: StaffScope = { districtId: 'xindu', streetId: 'street-a', communityId: 'comm-1' };
  const otherDistrict: StaffScope = { districtId: 'pidu', streetId: null, communityId: null };
  const otherStreet: StaffScope = { districtId: 'xindu', streetId: 'street-b', communityId: null };
  const otherCommunity: StaffScope = { districtId: 'xindu', streetId: 'street-a', communityId: 'comm-2' };

  it.each([
    ['district', district, true],
    ['street', street, true],
    ['community', community, true],
    ['another district', otherDistrict, false],
    ['another street', otherStreet, false],
    ['another community on the same street', otherCommunity, false],
  ] as const)('a %s scope covers the place: %s', (_label, scope, covers) => {
    expect(scopeCovers(scope, place)).toBe(covers);
  });

  const roleOf: Record<StaffRole, MeetingRole> = {
    district_admin: 'viewer',
    community_staff: 'facilitator',
    facilitator: 'facilitator',
    recorder: 'recorder',
    assessor: 'viewer',
  };
  it('every staff role has a decided meeting role', () => {
    expect(Object.keys(roleOf).sort()).toEqual([...staffRoles].sort());
  });

  const inScope = [district, street, community];
  it.each(staffRoles.flatMap((r) => inScope.map((s, i) => [r, ['district', 'street', 'community'][i], s] as const)))(
    '%s with a %s scope gets its meeting role',
    (role, _label, scope) => {
      expect(staffMeetingRole(role, scope, place)).toBe(roleOf[role]);
    },
  );

  const outOfScope = [otherDistrict, otherStreet, otherCommunity];
  it.each(staffRoles.flatMap((r) => outOfScope.map((s) => [r, s] as const)))('%s out of scope gets no role', (role, scope) => {
    expect(staffMeetingRole(role, scope, place)).toBeNull();
  });
});

describe('hearsEverySeat', () => {
  it('an open space, a 民主恳谈 (walk-ins allowed) and a hearing hear every seat; a council keeps 列席 as observers', () => {
    expect(hearsEverySeat({ form: 'open_space', walkIns: { allowed: true } })).toBe(true);
    expect(hearsEverySeat({ form: 'dialogue', walkIns: { allowed: true } })).toBe(true);
    expect(hearsEverySeat({ form: 'hearing', walkIns: { allowed: false } })).toBe(true);
    expect(hearsEverySeat({ form: 'council', walkIns: { allowed: false } })).toBe(false);
  });
});

describe('participantMeetingRole', () => {
  it.each([
    ['hall', true, 'member'],
    ['remote', true, 'remote_member'],
    ['hall', false, 'observer'], // a seat without a vote (列席) only watches
    ['remote', false, 'observer'],
    ['observer', true, 'observer'],
    ['observer', false, 'observer'],
  ] as const)('%s device, canVote=%s → %s', (mode, canVote, role) => {
    expect(participantMeetingRole(mode, canVote)).toBe(role);
  });

  it('a non-voting seat cannot vote or ask to speak', () => {
    const role = participantMeetingRole('hall', false);
    expect(can(role, 'poll.vote')).toBe(false);
    expect(can(role, 'speaker.request')).toBe(false);
  });

  it('a walk-in admitted in the hall may ask to speak and send ballots (their right per poll is decided in commands)', () => {
    const role = participantMeetingRole('hall', false, true);
    expect(role).toBe('member');
    expect(can(role, 'speaker.request')).toBe(true);
    expect(can(role, 'poll.vote')).toBe(true);
    expect(can(role, 'meeting.manage')).toBe(false);
    expect(can(role, 'poll.seeVoters')).toBe(false);
    // An observer link stays an observer, walk-in or not.
    expect(participantMeetingRole('observer', false, true)).toBe('observer');
  });
});
