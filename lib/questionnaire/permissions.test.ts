import { describe, expect, it } from 'vitest';
import { staffMeetingRole, staffRoles } from '../meeting/permissions';
import { mayQuestionnaire, questionnaireActions, type QuestionnaireActor } from './permissions';

const place = { districtId: 'd1', streetId: 's1', communityId: 'c1' };

describe('questionnaire permissions', () => {
  it('matches the matrix: planners manage, recorders and assessors read results, residents answer', () => {
    const actors: QuestionnaireActor[] = ['facilitator', 'recorder', 'viewer', 'member', 'remote_member', 'observer', 'projector', 'resident', 'public'];
    const matrix = Object.fromEntries(actors.map((a) => [a, questionnaireActions.filter((x) => mayQuestionnaire(a, x))]));
    expect(matrix).toEqual({
      facilitator: ['questionnaire.manage', 'questionnaire.readResults'],
      recorder: ['questionnaire.readResults'],
      viewer: ['questionnaire.readResults'],
      member: [], remote_member: [], observer: [], projector: [],
      resident: ['questionnaire.answer'],
      public: [],
    });
  });

  it('staff act through their role in the community’s meetings; outside their scope, not at all', () => {
    const inScope = Object.fromEntries(staffRoles.map((r) => {
      const role = staffMeetingRole(r, { districtId: 'd1', streetId: r === 'district_admin' || r === 'assessor' ? null : 's1', communityId: r === 'district_admin' || r === 'assessor' ? null : 'c1' }, place);
      return [r, role ? questionnaireActions.filter((a) => mayQuestionnaire(role, a)) : null];
    }));
    expect(inScope).toEqual({
      district_admin: ['questionnaire.readResults'],
      community_staff: ['questionnaire.manage', 'questionnaire.readResults'],
      facilitator: ['questionnaire.manage', 'questionnaire.readResults'],
      recorder: ['questionnaire.readResults'],
      assessor: ['questionnaire.readResults'],
    });
    expect(staffMeetingRole('facilitator', { districtId: 'd1', streetId: 's1', communityId: 'c2' }, place)).toBeNull();
    // No staff role answers: answering is a confirmed phone's, never an account's.
    expect(staffRoles.some((r) => { const role = staffMeetingRole(r, { districtId: 'd1', streetId: null, communityId: null }, place); return role !== null && mayQuestionnaire(role, 'questionnaire.answer'); })).toBe(false);
  });
});
