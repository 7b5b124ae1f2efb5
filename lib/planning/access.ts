import type { StaffIdentity } from '../auth/staff-session';
import { can, staffMeetingRole } from '../meeting/permissions';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';

/**
 * Who may plan: the staff whose role in the community's meetings may `meeting.plan` (the permission
 * matrix); the same staff keep the community's places and roster. Returns the community as the planner
 * may see it, or FORBIDDEN / NOT_FOUND.
 */
export async function plannableCommunity(db: Db, staff: StaffIdentity, communityId: string) {
  const community = await db.community.findUnique({ where: { id: communityId }, include: { street: true } });
  if (!community) throw new AppError('NOT_FOUND', 'No such community', { field: 'communityId' });
  const role = staffMeetingRole(staff.role, staff.scope, { districtId: community.street.districtId, streetId: community.streetId, communityId });
  if (!role || !can(role, 'meeting.plan')) throw new AppError('FORBIDDEN', 'You may not plan meetings in this community');
  return community;
}

/** Whether the staff member may plan meetings in their own community (the console offers 新建会议). */
export function mayPlanOwnCommunity(staff: StaffIdentity): boolean {
  const { districtId, streetId, communityId } = staff.scope;
  if (!communityId || !streetId) return false;
  const role = staffMeetingRole(staff.role, staff.scope, { districtId, streetId, communityId });
  return role !== null && can(role, 'meeting.plan');
}
