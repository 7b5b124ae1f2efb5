import { z } from 'zod';
import type { MeetingLevel } from '../meeting/model';

/**
 * Who convenes a meeting by default, as the standard says (三级协商层级): 小区议事负责人 for a compound,
 * 网格长 for a grid, 社区党组织书记 or 居委会主任 for the community. Staff hold posts over a place; the
 * planner offers the holder of the level's post as the convener, and any staff of the community may be
 * chosen instead.
 */
export const staffPosts = [
  'compound_lead', // 小区议事负责人 (of one compound)
  'grid_lead', // 网格长 (of one grid)
  'party_secretary', // 社区党组织书记
  'committee_director', // 居委会主任
] as const;
export const StaffPost = z.enum(staffPosts);
export type StaffPost = z.infer<typeof StaffPost>;

/** A post held over a place: the compound or grid it is about, or the community for the community's posts. */
export type PostHolder = { staffId: string; post: StaffPost; placeId: string };

/** The posts that convene at a level, in the order the standard names them. */
export const convenerPosts: Record<MeetingLevel, readonly StaffPost[]> = {
  compound: ['compound_lead'],
  grid: ['grid_lead'],
  community: ['party_secretary', 'committee_director'],
};

/**
 * The default convener for a meeting at `level` about `placeId` (the compound, grid or community), or null
 * when nobody holds the post — the planner then asks for one.
 */
export function defaultConvener(level: MeetingLevel, placeId: string, holders: readonly PostHolder[]): string | null {
  for (const post of convenerPosts[level]) {
    const holder = holders.find((h) => h.post === post && h.placeId === placeId);
    if (holder) return holder.staffId;
  }
  return null;
}
