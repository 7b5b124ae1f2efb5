import { describe, expect, it } from 'vitest';
import { staffMeetingRole, staffRoles, meetingRoles } from '../meeting/permissions';
import { AppError } from '../platform/errors';
import { parseEntry, replayOutcome, entryContent, PlanInput } from './entry';
import { countAgreements, maskPhones } from './model';
import { mayVisits, visitsActions } from './permissions';

const now = new Date('2026-12-03T08:00:00Z');
const entry = { id: '3f0c1a2b-9d4e-4c1a-8b7e-1234567890ab', householdId: 'h1', household: ' 张家 ', address: '3号楼201', metWith: '户主', place: '家中', visitedAt: '2026-12-03T15:30:00+08:00', opinion: '同意加装电梯，但希望一楼有补偿。', agreement: 'conditional' };

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) return ((err.details?.issues ?? []) as { path: string }[]).map((i) => i.path);
    throw err;
  }
  return [];
}

describe('visits permissions', () => {
  it('matches the matrix: the host plans and concludes, recorders log, viewers read, nobody of a sitting does anything', () => {
    const matrix = Object.fromEntries(meetingRoles.map((r) => [r, visitsActions.filter((a) => mayVisits(r, a))]));
    expect(matrix).toEqual({
      facilitator: ['visits.manage', 'visits.log', 'visits.read'],
      recorder: ['visits.log', 'visits.read'],
      viewer: ['visits.read'],
      member: [], remote_member: [], observer: [], projector: [],
    });
  });

  it('staff act through their role in the community’s meetings; outside their area, not at all', () => {
    const place = { districtId: 'd1', streetId: 's1', communityId: 'c1' };
    const inScope = Object.fromEntries(staffRoles.map((r) => {
      const wide = r === 'district_admin' || r === 'assessor';
      const role = staffMeetingRole(r, { districtId: 'd1', streetId: wide ? null : 's1', communityId: wide ? null : 'c1' }, place);
      return [r, role ? visitsActions.filter((a) => mayVisits(role, a)) : null];
    }));
    expect(inScope).toEqual({
      district_admin: ['visits.read'],
      community_staff: ['visits.manage', 'visits.log', 'visits.read'],
      facilitator: ['visits.manage', 'visits.log', 'visits.read'],
      recorder: ['visits.log', 'visits.read'],
      assessor: ['visits.read'],
    });
    expect(staffMeetingRole('recorder', { districtId: 'd1', streetId: 's1', communityId: 'c2' }, place)).toBeNull();
  });
});

describe('a visit entry', () => {
  it('is trimmed and its time normalised to UTC, so the same visit sent again is the same content', () => {
    const e = parseEntry(entry, now);
    expect(e).toMatchObject({ household: '张家', visitedAt: '2026-12-03T07:30:00.000Z', agreement: 'conditional' });
    expect(entryContent(parseEntry({ ...entry, visitedAt: '2026-12-03T07:30:00Z', household: '张家' }, now))).toBe(entryContent(e));
    // Optional fields default: an added household needs a name, an agreement and a time only.
    expect(parseEntry({ id: 'a1b2c3d4e5', household: '李阿姨', visitedAt: '2026-12-03T07:00:00Z', agreement: 'undecided' }, now)).toMatchObject({ householdId: null, address: '', opinion: '' });
  });

  it('is refused by field: no household, an unknown position, a bad id, a time in the future, extra fields', () => {
    expect(issuesOf(() => parseEntry({ ...entry, household: '  ' }, now))).toEqual(['household']);
    expect(issuesOf(() => parseEntry({ ...entry, agreement: 'maybe' }, now))).toEqual(['agreement']);
    expect(issuesOf(() => parseEntry({ ...entry, id: 'x' }, now))).toEqual(['id']);
    expect(issuesOf(() => parseEntry({ ...entry, id: '../../etc' }, now))).toEqual(['id']);
    expect(issuesOf(() => parseEntry({ ...entry, visitedAt: 'yesterday' }, now))).toEqual(['visitedAt']);
    expect(issuesOf(() => parseEntry({ ...entry, visitedAt: '2026-12-03T09:00:00Z' }, now))).toEqual(['visitedAt']);
    expect(issuesOf(() => parseEntry({ ...entry, opinion: '意'.repeat(4001) }, now))).toEqual(['opinion']);
    expect(issuesOf(() => parseEntry({ ...entry, phone: '13812345678' }, now))).toEqual(['']);
    // A phone clock a few minutes fast is no reason to lose a visit.
    expect(parseEntry({ ...entry, visitedAt: '2026-12-03T08:05:00Z' }, now).visitedAt).toBe('2026-12-03T08:05:00.000Z');
  });

  it('the replay rule: new, the same visit again, or a conflict', () => {
    const stored = entryContent(parseEntry(entry, now));
    expect(replayOutcome(null, stored)).toBe('new');
    expect(replayOutcome(stored, entryContent(parseEntry({ ...entry }, now)))).toBe('same');
    expect(replayOutcome(stored, entryContent(parseEntry({ ...entry, agreement: 'agree' }, now)))).toBe('conflict');
    expect(replayOutcome(stored, entryContent(parseEntry({ ...entry, opinion: entry.opinion + '。' }, now)))).toBe('conflict');
  });

  it('counts positions with every key, and masks mobile numbers in free text', () => {
    expect(countAgreements([{ agreement: 'agree' }, { agreement: 'agree' }, { agreement: 'disagree' }])).toEqual({ agree: 2, conditional: 0, disagree: 1, undecided: 0 });
    expect(maskPhones('请回电13812345678或 +86 139 0000 1111，门牌2023号，单号123456789012')).toBe('请回电138****5678或 +86 139 0000 1111，门牌2023号，单号123456789012');
    expect(maskPhones('电话:15900001111')).toBe('电话:159****1111');
  });

  it('a plan names its parts; an empty one is refused', () => {
    expect(PlanInput.safeParse({}).success).toBe(false);
    expect(PlanInput.parse({ households: [{ name: '张家' }] }).households).toEqual([{ name: '张家', address: '', rosterMemberId: null }]);
    expect(PlanInput.safeParse({ team: [{ role: 'boss', name: '王' }] }).success).toBe(false);
  });
});
