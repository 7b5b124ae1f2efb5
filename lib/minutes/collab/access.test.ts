import { describe, expect, it } from 'vitest';
import { meetingRoles } from '../../meeting/permissions';
import { minutesAccess } from './access';

describe('minutesAccess', () => {
  it('decides edit / read / nothing for every role, with and without public minutes', () => {
    const matrix = Object.fromEntries(
      meetingRoles.map((r) => [r, [minutesAccess(r, { minutesPublic: false, closed: false }), minutesAccess(r, { minutesPublic: true, closed: false })]]),
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

  it('lets nobody edit the minutes of a closed meeting (they are in the frozen record)', () => {
    expect(minutesAccess('recorder', { minutesPublic: false, closed: true })).toBe('locked');
    expect(minutesAccess('facilitator', { minutesPublic: true, closed: true })).toBe('locked');
    expect(minutesAccess('viewer', { minutesPublic: false, closed: true })).toBe('read');
    expect(minutesAccess('member', { minutesPublic: false, closed: true })).toBeNull();
  });
});
