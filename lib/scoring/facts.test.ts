import { describe, expect, it } from 'vitest';
import { CommunityFacts, FiledRecordFact, viewFacts } from './facts';

const record: FiledRecordFact = {
  recordId: 'r1', meetingId: 'm1', form: 'hearing', type: 'decision', level: 'community', title: '加装电梯听证会',
  scheduledAt: '2026-03-10T09:00:00+08:00', startedAt: '2026-03-10T09:02:00+08:00', closedAt: '2026-03-10T11:00:00+08:00',
  filedAt: '2026-03-10T15:00:00+08:00', announcedAt: '2026-03-01T10:00:00+08:00', resultsPublishedAt: '2026-03-12T10:00:00+08:00',
  members: 25, attended: 21, remoteAttended: 4,
  polls: [{ id: 'p1', passed: true, decision: true }],
  decisions: [{ pollId: 'p1', followUpRecordedAt: '2026-03-20T10:00:00+08:00' }],
  verified: true,
};
const facts = { communityId: 'c1', communityName: '桂湖社区', streetId: 's1', records: [record], topics: [], uploads: [] };

describe('CommunityFacts', () => {
  it('accepts timestamps with an offset or Z, and refuses local times that would depend on the machine’s TZ', () => {
    expect(CommunityFacts.safeParse(facts).success).toBe(true);
    expect(CommunityFacts.safeParse({ ...facts, records: [{ ...record, closedAt: '2026-03-10T03:00:00Z' }] }).success).toBe(true);
    expect(CommunityFacts.safeParse({ ...facts, records: [{ ...record, closedAt: '2026-03-10T11:00:00' }] }).success).toBe(false);
  });

  it('refuses unknown forms and intake paths', () => {
    expect(CommunityFacts.safeParse({ ...facts, records: [{ ...record, form: 'banquet' }] }).success).toBe(false);
    expect(CommunityFacts.safeParse({ ...facts, topics: [{ id: 't', intakePath: 'rumour', createdAt: '2026-03-01T10:00:00+08:00' }] }).success).toBe(false);
  });
});

describe('viewFacts', () => {
  const asOf = (iso: string) => viewFacts(facts, { year: 2026 }, Date.parse(iso));

  it('hides what happened after asOf: the record itself, its results and its follow-up', () => {
    expect(asOf('2026-03-10T14:00:00+08:00').records).toEqual([]);
    const filed = asOf('2026-03-11T10:00:00+08:00').records[0]!;
    expect(filed.resultsPublished).toBeNull();
    expect(filed.decisions[0]!.followUp).toBeNull();
    const later = asOf('2026-12-31T10:00:00+08:00').records[0]!;
    expect(later.resultsPublished).toBe(Date.parse(record.resultsPublishedAt!));
    expect(later.decisions[0]!.followUp).toBe(Date.parse('2026-03-20T10:00:00+08:00'));
  });

  it('keeps records of other periods out, and unverified ones apart', () => {
    expect(viewFacts(facts, { year: 2025 }, Date.parse('2027-01-01T00:00:00+08:00')).records).toEqual([]);
    const unverified = viewFacts({ ...facts, records: [{ ...record, verified: false }] }, { year: 2026 }, Date.parse('2026-12-01T00:00:00+08:00'));
    expect(unverified.records).toEqual([]);
    expect(unverified.unverified).toEqual([{ recordId: 'r1', title: '加装电梯听证会' }]);
  });
});
