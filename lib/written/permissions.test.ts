import { describe, expect, it } from 'vitest';
import { staffMeetingRole, staffRoles } from '../meeting/permissions';
import { mayWritten, writtenActions, type WrittenActor } from './permissions';

const place = { districtId: 'd1', streetId: 's1', communityId: 'c1' };

describe('written consultation permissions', () => {
  it('matches the matrix: planners manage, recorders and assessors read, an addressee answers', () => {
    const actors: WrittenActor[] = ['facilitator', 'recorder', 'viewer', 'member', 'remote_member', 'observer', 'projector', 'addressee', 'public'];
    const matrix = Object.fromEntries(actors.map((a) => [a, writtenActions.filter((x) => mayWritten(a, x))]));
    expect(matrix).toEqual({
      facilitator: ['written.manage', 'written.read'],
      recorder: ['written.read'],
      viewer: ['written.read'],
      member: [], remote_member: [], observer: [], projector: [],
      addressee: ['written.answer'],
      public: [],
    });
  });

  it('staff act through their role in the community’s meetings; no staff role answers for an addressee', () => {
    const inScope = Object.fromEntries(staffRoles.map((r) => {
      const above = r === 'district_admin' || r === 'assessor';
      const role = staffMeetingRole(r, { districtId: 'd1', streetId: above ? null : 's1', communityId: above ? null : 'c1' }, place);
      return [r, role ? writtenActions.filter((a) => mayWritten(role, a)) : null];
    }));
    expect(inScope).toEqual({
      district_admin: ['written.read'],
      community_staff: ['written.manage', 'written.read'],
      facilitator: ['written.manage', 'written.read'],
      recorder: ['written.read'],
      assessor: ['written.read'],
    });
    expect(staffMeetingRole('facilitator', { districtId: 'd1', streetId: 's1', communityId: 'c2' }, place)).toBeNull();
  });
});
