import { describe, expect, it } from 'vitest';
import { staffRoles } from '../meeting/permissions';
import { assessmentActions, canAssess } from './permissions';

describe('canAssess', () => {
  it('allows exactly these actions per staff role', () => {
    const matrix = Object.fromEntries(staffRoles.map((r) => [r, assessmentActions.filter((a) => canAssess(r, a))]));
    expect(matrix).toEqual({
      district_admin: ['scores.view', 'evidence.review', 'overview.view', 'catalogue.edit', 'templates.edit'],
      community_staff: ['scores.view', 'evidence.upload', 'followUp.record'],
      facilitator: ['scores.view', 'evidence.upload', 'followUp.record'],
      recorder: ['scores.view'],
      assessor: ['scores.view', 'evidence.review', 'overview.view'],
    });
  });

  it('never lets a community upload its own evidence and also review it', () => {
    for (const r of staffRoles) expect(canAssess(r, 'evidence.upload') && canAssess(r, 'evidence.review')).toBe(false);
  });
});
