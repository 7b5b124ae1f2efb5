import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { plannableCommunity } from './access';
import { AppError, parseOrThrow } from '../platform/errors';
import { newId, newToken } from '../platform/tokens';
import { kindOf, ParticipantCategory } from './categories';
import type { ImportedMember } from './roster-import';

/**
 * A community's roster (居民名册): members with their participant categories, building and phone. Staff
 * who plan meetings add, edit and retire members, or import a sheet all at once. A retired member keeps
 * past seats and records but is not seated in new meetings.
 */
export const RosterMemberInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  categories: z.array(ParticipantCategory).min(1).max(11),
  building: z.string().trim().max(100).default(''),
  phone: z.union([z.literal(''), z.string().regex(/^1[3-9]\d{9}$/)]).default(''),
});

const memberView = (m: { id: string; name: string; kind: string; categories: string; building: string; phone: string | null; retiredAt: Date | null }) => ({
  id: m.id, name: m.name, kind: m.kind, categories: z.array(z.string()).parse(JSON.parse(m.categories)), building: m.building, phone: m.phone ?? '', retiredAt: m.retiredAt,
});

export async function listRoster(db: Db, staff: StaffIdentity, communityId: string) {
  await plannableCommunity(db, staff, communityId);
  const rows = await db.rosterMember.findMany({ where: { communityId }, orderBy: [{ retiredAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }] });
  return rows.map(memberView);
}

export async function addMember(db: Db, staff: StaffIdentity, communityId: string, raw: unknown) {
  const input = parseOrThrow(RosterMemberInput, raw);
  await plannableCommunity(db, staff, communityId);
  const row = await db.rosterMember.create({
    data: { id: newId(), communityId, name: input.name, kind: kindOf(input.categories), categories: JSON.stringify(input.categories), building: input.building, phone: input.phone || null, joinToken: newToken() },
  });
  return memberView(row);
}

async function ownMember(db: Db, staff: StaffIdentity, memberId: string) {
  const member = await db.rosterMember.findUnique({ where: { id: memberId } });
  if (!member) throw new AppError('NOT_FOUND', 'No such member');
  await plannableCommunity(db, staff, member.communityId);
  return member;
}

export async function editMember(db: Db, staff: StaffIdentity, memberId: string, raw: unknown) {
  const input = parseOrThrow(RosterMemberInput, raw);
  const member = await ownMember(db, staff, memberId);
  if (member.retiredAt) throw new AppError('INVALID_STATE', 'A retired member cannot be edited');
  const row = await db.rosterMember.update({
    where: { id: memberId },
    data: { name: input.name, kind: kindOf(input.categories), categories: JSON.stringify(input.categories), building: input.building, phone: input.phone || null },
  });
  return memberView(row);
}

export async function retireMember(db: Db, staff: StaffIdentity, memberId: string, now = new Date()) {
  const member = await ownMember(db, staff, memberId);
  if (member.retiredAt) return memberView(member);
  return memberView(await db.rosterMember.update({ where: { id: memberId }, data: { retiredAt: now } }));
}

/** An import is all or nothing: the rows were checked by parseRosterRows, and they go in one statement. */
export async function importMembers(db: Db, staff: StaffIdentity, communityId: string, members: readonly ImportedMember[]) {
  await plannableCommunity(db, staff, communityId);
  await db.rosterMember.createMany({
    data: members.map((m) => ({
      id: newId(), communityId, name: m.name, kind: kindOf(m.categories), categories: JSON.stringify(m.categories), building: m.building, phone: m.phone || null, joinToken: newToken(),
    })),
  });
  return { imported: members.length };
}
