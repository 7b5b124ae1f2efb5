/**
 * Who may do what in a meeting — the one place this is decided. Every socket handler and route asks
 * `can(role, action)` after resolving the caller's role in that meeting with `meetingRoleOf`.
 * The table is tested as a matrix in permissions.test.ts.
 */
export const staffRoles = ['district_admin', 'community_staff', 'facilitator', 'recorder', 'assessor'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const meetingRoles = ['facilitator', 'recorder', 'viewer', 'member', 'remote_member', 'observer', 'projector'] as const;
export type MeetingRole = (typeof meetingRoles)[number];

export const meetingActions = [
  'meeting.view',
  'meeting.plan', // create a meeting in the community (the role is the one its meetings would give)
  'meeting.manage', // agenda, status, messages, speakers, polls, check-in of others, walk-ins
  'notice.attach', // upload files to the meeting's notice and withdraw them
  'attendance.checkInSelf',
  'speaker.request',
  'question.ask', // ask a question and upvote others'
  'question.moderate', // approve, hide, pin, answer questions; read them before approval
  'openSpace.participate', // propose and host a session, move between sessions, spend dots
  'hearing.participate', // apply to a hearing, withdraw, ask for the floor, confirm or correct one's own statement
  'poll.vote',
  'poll.enterBallots', // a named ballot for a member without a phone, paper ballots' counts
  'poll.seeHiddenTally',
  'poll.seeVoters', // who has (not) voted in a named poll
  'minutes.edit',
  'minutes.read',
  'roster.view', // every seat's name and presence; other roles get their own seat and the counts
] as const;
export type MeetingAction = (typeof meetingActions)[number];

const allow: Record<MeetingRole, readonly MeetingAction[]> = {
  facilitator: ['meeting.view', 'meeting.plan', 'meeting.manage', 'notice.attach', 'question.moderate', 'poll.enterBallots', 'poll.seeHiddenTally', 'poll.seeVoters', 'minutes.edit', 'minutes.read', 'roster.view'],
  recorder: ['meeting.view', 'minutes.edit', 'minutes.read', 'roster.view'],
  viewer: ['meeting.view', 'minutes.read', 'roster.view'],
  member: ['meeting.view', 'attendance.checkInSelf', 'speaker.request', 'question.ask', 'openSpace.participate', 'hearing.participate', 'poll.vote', 'minutes.read'],
  remote_member: ['meeting.view', 'attendance.checkInSelf', 'speaker.request', 'question.ask', 'openSpace.participate', 'hearing.participate', 'poll.vote', 'minutes.read'],
  observer: ['meeting.view', 'minutes.read'],
  // The hall's screen: a remote floor holder's voice needs their presence (voice-model.ts remoteFloor).
  projector: ['meeting.view', 'minutes.read', 'roster.view'],
};

export function can(role: MeetingRole, action: MeetingAction): boolean {
  return allow[role].includes(action);
}

/** The tenancy scope of a staff account: it sees everything under the narrowest node it names. */
export type StaffScope = { districtId: string; streetId: string | null; communityId: string | null };
export type CommunityPlace = { districtId: string; streetId: string; communityId: string };

export function scopeCovers(scope: StaffScope, place: CommunityPlace): boolean {
  if (scope.districtId !== place.districtId) return false;
  if (scope.streetId && scope.streetId !== place.streetId) return false;
  if (scope.communityId && scope.communityId !== place.communityId) return false;
  return true;
}

/** A staff member's role in a meeting of a community they can see; null when out of scope. */
export function staffMeetingRole(role: StaffRole, scope: StaffScope, place: CommunityPlace): MeetingRole | null {
  if (!scopeCovers(scope, place)) return null;
  switch (role) {
    case 'facilitator':
    case 'community_staff':
      return 'facilitator';
    case 'recorder':
      return 'recorder';
    case 'district_admin':
    case 'assessor':
      return 'viewer';
  }
}

/**
 * A device admitted with a participant session. Only a seat that may vote makes a member — or a seat
 * that `speaks` without a vote: a walk-in admitted by the facilitator (who may also vote in the polls
 * walk-ins.ts opens to them) or an invited expert. The decision checks the seat's ballot right per poll,
 * so the role alone never lets such a seat into a binding poll. A member sees no more than an observer.
 * (server/identity.ts also lets every seat take part where `hearsEverySeat`.)
 */
/**
 * Whether every seat a meeting invited takes part, a stakeholder without a vote too: a meeting open to
 * anyone with a stake (its form lets walk-ins in: open space, 民主恳谈), and a hearing, where anyone
 * invited may apply to speak. Elsewhere a seat without a vote follows as an observer (列席).
 */
export function hearsEverySeat(m: { form: string; walkIns: { allowed: boolean } }): boolean {
  return m.walkIns.allowed || m.form === 'hearing';
}

export function participantMeetingRole(mode: 'hall' | 'remote' | 'observer', canVote: boolean, speaks = false): MeetingRole {
  if (mode === 'observer' || (!canVote && !speaks)) return 'observer';
  return mode === 'remote' ? 'remote_member' : 'member';
}
