import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import type { StaffIdentity } from '../auth/staff-session';
import { ensureShortCodes } from './card-code';
import { can, staffMeetingRole, type MeetingRole } from './permissions';

/** Reads for staff pages, always scoped to what the caller may see. */

function scopeWhere(staff: StaffIdentity) {
  const s = staff.scope;
  if (s.communityId) return { communityId: s.communityId };
  if (s.streetId) return { community: { streetId: s.streetId } };
  return { community: { street: { districtId: s.districtId } } };
}

export async function listMeetingsFor(db: Db, staff: StaffIdentity) {
  return db.meeting.findMany({
    where: scopeWhere(staff),
    orderBy: { scheduledAt: 'desc' },
    select: { id: true, title: true, form: true, level: true, type: true, status: true, scheduledAt: true, venue: true, joinCode: true, community: { select: { name: true } } },
  });
}

/** Title and status of one meeting, for the heading of a page under it (the caller has checked access). */
export function meetingHeadline(db: Db, meetingId: string) {
  return db.meeting.findUnique({ where: { id: meetingId }, select: { title: true, status: true } });
}

/** The staff member's role in one meeting, or FORBIDDEN/NOT_FOUND. */
export async function staffRoleIn(db: Db, staff: StaffIdentity, meetingId: string): Promise<MeetingRole> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, include: { community: { include: { street: true } } } });
  if (!meeting) throw new AppError('NOT_FOUND', 'No such meeting');
  const role = staffMeetingRole(staff.role, staff.scope, {
    districtId: meeting.community.street.districtId, streetId: meeting.community.streetId, communityId: meeting.communityId,
  });
  if (!role) throw new AppError('FORBIDDEN', 'This meeting is outside your area');
  return role;
}

/**
 * Everything needed to let people in: the join code, the observer link and, per seat, the member's
 * card token (for printed QR cards), the card's short code and the remote invitation token. Only for those who manage the meeting.
 */
export async function meetingAccess(db: Db, staff: StaffIdentity, meetingId: string) {
  const role = await staffRoleIn(db, staff, meetingId);
  if (!can(role, 'meeting.manage')) throw new AppError('FORBIDDEN', 'Only the meeting’s facilitator sees its access links');
  await ensureShortCodes(db, meetingId);
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    // Cards and invitations are for roster seats; walk-ins are admitted at the meeting (walk-ins.ts).
    include: { seats: { where: { rosterMemberId: { not: null } }, include: { rosterMember: true }, orderBy: { rosterMember: { name: 'asc' } } } },
  });
  return {
    meetingId: meeting.id,
    title: meeting.title,
    joinCode: meeting.joinCode,
    observerToken: meeting.observerToken,
    seats: meeting.seats.flatMap((s) => (s.rosterMember ? [{ seatId: s.id, name: s.rosterMember.name, cardToken: s.rosterMember.joinToken, shortCode: s.shortCode!, remoteToken: s.remoteToken }] : [])),
  };
}

/** The recorders of a meeting (who write its minutes and sign its record): recorder accounts whose area covers it. */
export async function meetingRecorders(db: Db, meetingId: string): Promise<{ id: string; displayName: string }[]> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, include: { community: { include: { street: true } } } });
  if (!meeting) return [];
  const recorders = await db.staffUser.findMany({ where: { role: 'recorder', districtId: meeting.community.street.districtId }, orderBy: { displayName: 'asc' } });
  return recorders
    .filter((u) => staffMeetingRole('recorder', { districtId: u.districtId, streetId: u.streetId, communityId: u.communityId }, {
      districtId: meeting.community.street.districtId, streetId: meeting.community.streetId, communityId: meeting.communityId,
    }))
    .map((u) => ({ id: u.id, displayName: u.displayName }));
}

export async function recorderNames(db: Db, meetingId: string): Promise<string[]> {
  return (await meetingRecorders(db, meetingId)).map((u) => u.displayName);
}
