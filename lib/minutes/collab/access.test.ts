import { describe, expect, it } from 'vitest';
import { meetingRoles } from '../../meeting/permissions';
import { minutesAccess } from './access';

describe('minutesAccess', () => {
  it('decides edit / read / nothing for every role, with and without public minutes', () => {
    const matrix = Object.fromEntries(
      meetingRoles.map((r) => [r, [minutesAccess(r, { minutesPublic: false }), minutesAccess(r, { minutesPublic: true })]]),
    );
    expect(matrix).toEqual({
      facilitator: ['edit', 'edit'],
      recorder: ['edit', 'edit'],
      viewer: ['read', 'read'],
      member: [null, 'read'],
      remote_member: [null, 'read'],
      observer: [null, 'read'],
      projector: [null, 'read'],
    });
  });
});
