import type { StaffIdentity } from '../auth/staff-session';
import { scopeCovers } from '../meeting/permissions';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { canAssess, type AssessmentAction } from './permissions';

/** The community, when the staff member's role allows the action and their area covers the community. */
export async function requireCommunity(db: Db, staff: StaffIdentity, communityId: string, action: AssessmentAction) {
  if (!canAssess(staff.role, action)) throw new AppError('FORBIDDEN', `Your role may not ${action}`);
  const community = await db.community.findUnique({ where: { id: communityId }, include: { street: true } });
  if (!community) throw new AppError('NOT_FOUND', 'No such community');
  if (!scopeCovers(staff.scope, { districtId: community.street.districtId, streetId: community.streetId, communityId })) {
    throw new AppError('FORBIDDEN', 'This community is outside your area');
  }
  return community;
}

/** Communities the staff member sees, for lists and overviews. */
export function communitiesInScope(db: Db, staff: StaffIdentity, streetId?: string) {
  const s = staff.scope;
  return db.community.findMany({
    where: {
      street: { districtId: s.districtId },
      ...(s.streetId ? { streetId: s.streetId } : streetId ? { streetId } : {}),
      ...(s.communityId ? { id: s.communityId } : {}),
    },
    include: { street: true },
    orderBy: { name: 'asc' },
  });
}
