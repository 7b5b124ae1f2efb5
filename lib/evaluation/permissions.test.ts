import { describe, expect, it } from 'vitest';
import { staffMeetingRole, staffRoles } from '../meeting/permissions';
import { evaluationActions, mayEvaluation, type EvaluationActor } from './permissions';

const place = { districtId: 'd1', streetId: 's1', communityId: 'c1' };

describe('democratic evaluation permissions', () => {
  it('matches the matrix: staff manage, recorders and assessors read, an evaluator rates, units and the public nothing', () => {
    const actors: EvaluationActor[] = ['facilitator', 'recorder', 'viewer', 'member', 'remote_member', 'observer', 'projector', 'evaluator', 'public'];
    const matrix = Object.fromEntries(actors.map((a) => [a, evaluationActions.filter((x) => mayEvaluation(a, x))]));
    expect(matrix).toEqual({
      facilitator: ['evaluation.manage', 'evaluation.read'],
      recorder: ['evaluation.read'],
      viewer: ['evaluation.read'],
      member: [], remote_member: [], observer: [], projector: [],
      evaluator: ['evaluation.rate'],
      public: [],
    });
  });

  it('staff act through their role in the community’s meetings; no staff role rates', () => {
    const inScope = Object.fromEntries(staffRoles.map((r) => {
      const above = r === 'district_admin' || r === 'assessor';
      const role = staffMeetingRole(r, { districtId: 'd1', streetId: above ? null : 's1', communityId: above ? null : 'c1' }, place);
      return [r, role ? evaluationActions.filter((a) => mayEvaluation(role, a)) : null];
    }));
    expect(inScope).toEqual({
      district_admin: ['evaluation.read'],
      community_staff: ['evaluation.manage', 'evaluation.read'],
      facilitator: ['evaluation.manage', 'evaluation.read'],
      recorder: ['evaluation.read'],
      assessor: ['evaluation.read'],
    });
    expect(staffMeetingRole('facilitator', { districtId: 'd1', streetId: 's1', communityId: 'c2' }, place)).toBeNull();
  });
});
