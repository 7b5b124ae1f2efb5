import { can, type MeetingRole } from '../../meeting/permissions';

/** The participant roles (devices without accounts): they follow the minutes only when it is allowed. */
const participantRoles = new Set<MeetingRole>(['member', 'remote_member', 'observer', 'projector']);

/** `locked`: a writer's role, but the meeting is closed: it may only follow the minutes, read-only. */
export type MinutesAccess = 'edit' | 'locked' | 'read' | null;

/**
 * What a role may do with a meeting's live minutes document: edit (recorders, facilitators), read
 * (staff viewers always; residents, remote members, observers and the projector only while the
 * facilitator has made the minutes public), or nothing. Once the meeting is closed its minutes are part
 * of the frozen record, so nobody edits them any more: a writer's role gets `locked` (read, and be told why).
 */
export function minutesAccess(role: MeetingRole, meeting: { minutesPublic: boolean; closed: boolean }): MinutesAccess {
  if (can(role, 'minutes.edit')) return meeting.closed ? 'locked' : 'edit';
  if (!can(role, 'minutes.read')) return null;
  if (participantRoles.has(role) && !meeting.minutesPublic) return null;
  return 'read';
}
