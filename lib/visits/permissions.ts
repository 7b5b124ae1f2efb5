import type { MeetingRole } from '../meeting/permissions';

/**
 * Who may do what with a round of household visits — the one place this is decided, tested as a matrix
 * (permissions.test.ts). Staff act through their role in the round's meeting (lib/meeting/permissions
 * `staffMeetingRole`: their area must cover its community). Those who plan the community's meetings
 * (facilitator role: 书记, community staff — the host) plan, start, finish and conclude the round, and may
 * log visits themselves; recorders log visits from their phones (with their staff session, as they write
 * minutes) and follow progress; assessors and district admins (viewer role) read progress. Participants
 * of a sitting — members, observers, the projector — do nothing here: nobody sits in a door-to-door visit.
 */
export const visitsActions = [
  'visits.manage', // the plan (question, households, team), start, finish, the conclusion
  'visits.log', // log a visit (from the phone, also late from its offline queue)
  'visits.read', // progress, entries, opinions
] as const;
export type VisitsAction = (typeof visitsActions)[number];

const allow: Partial<Record<MeetingRole, readonly VisitsAction[]>> = {
  facilitator: ['visits.manage', 'visits.log', 'visits.read'],
  recorder: ['visits.log', 'visits.read'],
  viewer: ['visits.read'],
};

export function mayVisits(role: MeetingRole, action: VisitsAction): boolean {
  return allow[role]?.includes(action) ?? false;
}
