import { hashPassword } from '../../lib/auth/password';
import { createMeeting, type CreateMeetingInput } from '../../lib/meeting/create-meeting';
import { newCommunityCode } from '../../lib/planning/community-code';
import type { Db } from '../../lib/platform/db/client';
import { newId, newToken } from '../../lib/platform/tokens';

export const TEST_PASSWORD = 'test-password-1';

/** A district → street → community with `members` council members, a facilitator and a recorder. */
/**
 * `beforeCommunityCode`: the database is migrated only up to a schema without `Community.code` (the
 * secret-ballot migration test builds the old layout), so the community row is written without it.
 */
export async function makeCommunity(db: Db, opts: { members?: number; name?: string; code?: string; beforeCommunityCode?: boolean } = {}) {
  const districtId = newId();
  const streetId = newId();
  const communityId = newId();
  const code = opts.code ?? newCommunityCode();
  await db.district.create({ data: { id: districtId, name: '测试区' } });
  await db.street.create({ data: { id: streetId, districtId, name: '测试街道' } });
  if (opts.beforeCommunityCode) {
    await db.$executeRaw`INSERT INTO "Community" ("id", "streetId", "name") VALUES (${communityId}, ${streetId}, ${opts.name ?? '测试社区'})`;
  } else {
    await db.community.create({ data: { id: communityId, streetId, name: opts.name ?? '测试社区', code } });
  }
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const suffix = communityId.slice(0, 8);
  const facilitator = { id: newId(), username: `fac-${suffix}`, displayName: '主持人', role: 'facilitator', passwordHash, districtId, streetId, communityId };
  const recorder = { id: newId(), username: `rec-${suffix}`, displayName: '记录员', role: 'recorder', passwordHash, districtId, streetId, communityId };
  await db.staffUser.createMany({ data: [facilitator, recorder] });
  const roster = Array.from({ length: opts.members ?? 25 }, (_, i) => ({
    id: newId(), communityId, name: `成员${String(i + 1).padStart(3, '0')}`, kind: 'council', joinToken: newToken(),
  }));
  await db.rosterMember.createMany({ data: roster });
  return { districtId, streetId, communityId, code, facilitator, recorder, roster };
}

export async function makeMeeting(db: Db, community: Awaited<ReturnType<typeof makeCommunity>>, overrides: Partial<CreateMeetingInput> = {}) {
  return createMeeting(db, {
    communityId: community.communityId, title: '测试议事会', level: 'community', type: 'decision', form: 'council',
    venue: '议事厅', scheduledAt: new Date(), convenerId: community.facilitator.id,
    agenda: [{ title: '议题一' }, { title: '议题二' }],
    ...overrides,
  });
}
