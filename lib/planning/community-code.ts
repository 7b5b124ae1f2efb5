import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import { AppError, parseOrThrow } from '../platform/errors';
import { newJoinCode } from '../platform/tokens';
import { plannableCommunity } from './access';
import { CommunityCode } from './board-path';

export const CommunityCodeInput = z.strictObject({ code: CommunityCode });

/** A fresh code for a new community: 6 characters of the join-code alphabet, lowercased (no 0/o/1/i/l). */
export function newCommunityCode(): string {
  return newJoinCode(6).toLowerCase();
}

/** A fresh code that no community has yet (a clash among 31⁶ codes is rare; a few tries settle it). */
export async function uniqueCommunityCode(db: Db): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const code = newCommunityCode();
    if (!(await db.community.findUnique({ where: { code }, select: { id: true } }))) return code;
  }
  throw new AppError('INTERNAL', 'Could not find a free community code');
}

/** Staff who plan the community's meetings set its code; a code another community has is a CONFLICT. */
export async function setCommunityCode(db: Db, staff: StaffIdentity, communityId: string, raw: unknown) {
  const { code } = parseOrThrow(CommunityCodeInput, raw);
  await plannableCommunity(db, staff, communityId);
  const taken = await db.community.findFirst({ where: { code, id: { not: communityId } }, select: { id: true } });
  if (taken) throw new AppError('CONFLICT', 'Another community has this code', { field: 'code' });
  try {
    return await db.community.update({ where: { id: communityId }, data: { code }, select: { id: true, code: true } });
  } catch (err) {
    // Two staff choosing the same code at once: the unique index decides.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'Another community has this code', { field: 'code' });
    throw err;
  }
}

/**
 * The community a board address names: its code (any case), or — for links printed before codes
 * existed — its id. `canonical` is false when the address is not the code itself, so the page redirects.
 */
export async function communityByBoardAddress(db: Db, address: string) {
  const asCode = CommunityCode.safeParse(address);
  const byCode = asCode.success ? await db.community.findUnique({ where: { code: asCode.data }, select: { id: true, code: true } }) : null;
  const community = byCode ?? (/^[A-Za-z0-9-]{1,100}$/.test(address)
    ? await db.community.findUnique({ where: { id: address }, select: { id: true, code: true } })
    : null);
  if (!community) throw new AppError('NOT_FOUND', 'No such community');
  return { ...community, canonical: address === community.code };
}
