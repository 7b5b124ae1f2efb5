import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { plannableCommunity } from './access';
import { StaffPost, type PostHolder } from './convener';

/** The community's staff with the posts they hold (staff without a post are left out). */
export async function postHolders(db: Db, communityId: string): Promise<(PostHolder & { displayName: string })[]> {
  const people = await db.staffUser.findMany({ where: { communityId }, select: { id: true, displayName: true, post: true, postPlaceId: true } });
  return people.flatMap((p) => {
    const post = StaffPost.safeParse(p.post);
    return post.success && p.postPlaceId ? [{ staffId: p.id, displayName: p.displayName, post: post.data, placeId: p.postPlaceId }] : [];
  });
}

/** Who holds `post` over `placeId` (the compound, the grid, or the community itself); `staffId` null: nobody. */
export const AssignPostInput = z.strictObject({
  post: StaffPost, placeId: z.string().min(1).max(100), staffId: z.string().min(1).max(100).nullable(),
});

/**
 * Names the holder of a post over a place. A post over a place has one holder and a staff member holds one
 * post, so naming someone moves them from any post they held and relieves the previous holder. Only staff
 * who plan the community's meetings assign its posts; the holder must be staff of the community.
 */
export async function assignPost(db: Db, staff: StaffIdentity, communityId: string, raw: unknown) {
  const { post, placeId, staffId } = parseOrThrow(AssignPostInput, raw);
  await plannableCommunity(db, staff, communityId);
  const placeFits = post === 'compound_lead'
    ? !!(await db.compound.findFirst({ where: { id: placeId, grid: { communityId } } }))
    : post === 'grid_lead' ? !!(await db.grid.findFirst({ where: { id: placeId, communityId } })) : placeId === communityId;
  if (!placeFits) throw new AppError('BAD_REQUEST', 'This place does not take this post in the community', { field: 'placeId' });
  if (staffId && !(await db.staffUser.findFirst({ where: { id: staffId, communityId } }))) {
    throw new AppError('BAD_REQUEST', 'The holder must be staff of this community', { field: 'staffId' });
  }
  await db.$transaction(async (tx) => {
    await tx.staffUser.updateMany({ where: { communityId, post, postPlaceId: placeId }, data: { post: null, postPlaceId: null } });
    if (staffId) await tx.staffUser.update({ where: { id: staffId }, data: { post, postPlaceId: placeId } });
  });
  return { ok: true };
}
