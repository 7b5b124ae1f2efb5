import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { plannableCommunity } from './access';
import { AppError, parseOrThrow } from '../platform/errors';
import { newId } from '../platform/tokens';

/**
 * The places of a community that meetings are held at a level of: its grids (网格) and their compounds
 * (小区). Staff who plan the community's meetings add and rename them; nothing is deleted, because
 * meetings and records refer to them.
 */
export const PlaceName = z.strictObject({ name: z.string().trim().min(1).max(60) });

async function uniqueName<T>(existing: Promise<T | null>) {
  if (await existing) throw new AppError('CONFLICT', 'This name is already used', { field: 'name' });
}

export async function addGrid(db: Db, staff: StaffIdentity, communityId: string, raw: unknown) {
  const { name } = parseOrThrow(PlaceName, raw);
  await plannableCommunity(db, staff, communityId);
  await uniqueName(db.grid.findFirst({ where: { communityId, name } }));
  return db.grid.create({ data: { id: newId(), communityId, name }, select: { id: true, name: true } });
}

export async function renameGrid(db: Db, staff: StaffIdentity, gridId: string, raw: unknown) {
  const { name } = parseOrThrow(PlaceName, raw);
  const grid = await db.grid.findUnique({ where: { id: gridId } });
  if (!grid) throw new AppError('NOT_FOUND', 'No such grid');
  await plannableCommunity(db, staff, grid.communityId);
  await uniqueName(db.grid.findFirst({ where: { communityId: grid.communityId, name, id: { not: gridId } } }));
  return db.grid.update({ where: { id: gridId }, data: { name }, select: { id: true, name: true } });
}

export async function addCompound(db: Db, staff: StaffIdentity, gridId: string, raw: unknown) {
  const { name } = parseOrThrow(PlaceName, raw);
  const grid = await db.grid.findUnique({ where: { id: gridId } });
  if (!grid) throw new AppError('NOT_FOUND', 'No such grid');
  await plannableCommunity(db, staff, grid.communityId);
  await uniqueName(db.compound.findFirst({ where: { grid: { communityId: grid.communityId }, name } }));
  return db.compound.create({ data: { id: newId(), gridId, name }, select: { id: true, name: true } });
}

export async function renameCompound(db: Db, staff: StaffIdentity, compoundId: string, raw: unknown) {
  const { name } = parseOrThrow(PlaceName, raw);
  const compound = await db.compound.findUnique({ where: { id: compoundId }, include: { grid: true } });
  if (!compound) throw new AppError('NOT_FOUND', 'No such compound');
  await plannableCommunity(db, staff, compound.grid.communityId);
  await uniqueName(db.compound.findFirst({ where: { grid: { communityId: compound.grid.communityId }, name, id: { not: compoundId } } }));
  return db.compound.update({ where: { id: compoundId }, data: { name }, select: { id: true, name: true } });
}
