import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { newId } from '../platform/tokens';
import { plannableCommunity } from './access';

/**
 * The community's expert pool (咨询专家库): experts with their field and organisation, invited to 专家咨询
 * meetings, where they are seated as 专家 — heard, without a vote. Kept per community, like the roster:
 * the staff who plan a community's meetings keep its pool, under the same planner check
 * (lib/planning/access.ts), and a district admin sees every community's. A retired expert keeps past
 * seats but is not offered for new meetings.
 */
export const ExpertInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  field: z.string().trim().min(1).max(100),
  organisation: z.string().trim().min(1).max(100),
  phone: z.union([z.literal(''), z.string().regex(/^1[3-9]\d{9}$/)]).default(''),
});

/** The seat kind an invited expert gets in a meeting. */
export const EXPERT_KIND = 'expert';

type ExpertRow = { id: string; name: string; field: string; organisation: string; phone: string | null; retiredAt: Date | null };
const expertView = (e: ExpertRow) => ({ id: e.id, name: e.name, field: e.field, organisation: e.organisation, phone: e.phone ?? '', retiredAt: e.retiredAt });
export type ExpertView = ReturnType<typeof expertView>;

export async function listExperts(db: Db, staff: StaffIdentity, communityId: string) {
  await plannableCommunity(db, staff, communityId);
  const rows = await db.expert.findMany({ where: { communityId }, orderBy: [{ retiredAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }] });
  return rows.map(expertView);
}

export async function addExpert(db: Db, staff: StaffIdentity, communityId: string, raw: unknown) {
  const input = parseOrThrow(ExpertInput, raw);
  await plannableCommunity(db, staff, communityId);
  const row = await db.expert.create({ data: { id: newId(), communityId, name: input.name, field: input.field, organisation: input.organisation, phone: input.phone || null } });
  return expertView(row);
}

async function ownExpert(db: Db, staff: StaffIdentity, expertId: string) {
  const expert = await db.expert.findUnique({ where: { id: expertId } });
  if (!expert) throw new AppError('NOT_FOUND', 'No such expert');
  await plannableCommunity(db, staff, expert.communityId);
  return expert;
}

export async function editExpert(db: Db, staff: StaffIdentity, expertId: string, raw: unknown) {
  const input = parseOrThrow(ExpertInput, raw);
  const expert = await ownExpert(db, staff, expertId);
  if (expert.retiredAt) throw new AppError('INVALID_STATE', 'A retired expert cannot be edited');
  return expertView(await db.expert.update({ where: { id: expertId }, data: { name: input.name, field: input.field, organisation: input.organisation, phone: input.phone || null } }));
}

export async function retireExpert(db: Db, staff: StaffIdentity, expertId: string, now = new Date()) {
  const expert = await ownExpert(db, staff, expertId);
  if (expert.retiredAt) return expertView(expert);
  return expertView(await db.expert.update({ where: { id: expertId }, data: { retiredAt: now } }));
}

/** The experts invited to a meeting being planned: each in the community's pool and not retired. */
export async function invitedExperts(db: Db, communityId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  const rows = await db.expert.findMany({ where: { id: { in: [...ids] }, communityId, retiredAt: null }, orderBy: { name: 'asc' } });
  if (rows.length !== new Set(ids).size) throw new AppError('BAD_REQUEST', 'An invited expert is not in this community\'s pool', { field: 'expertIds' });
  return rows.map((r) => ({ id: r.id, name: r.name }));
}
