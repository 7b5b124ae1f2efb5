import { describe, expect, it } from 'vitest';
import { loadDefaultCatalogue, validateCatalogue, type Catalogue } from './catalogue';
import { scoreCommunity } from './engine';
import type { CommunityFacts, FiledRecordFact, UploadFact } from './facts';
import { communityFacts, filedRecord } from '../../tests/factories/scoring';

const catalogue = loadDefaultCatalogue();

// ── factories ──
/** A filed, verified council record; `day` is a Shanghai date. */
const record = (day: string, over: Partial<FiledRecordFact> = {}): FiledRecordFact => filedRecord({ closedAt: `${day}T11:00:00+08:00`, ...over });
const facts = communityFacts;

function warnings(f: CommunityFacts, asOfDay: string, c: Catalogue = catalogue) {
  return scoreCommunity(c, f, { period: { year: 2026 }, asOf: `${asOfDay}T10:00:00+08:00` }).warnings;
}
const ofKind = (ws: ReturnType<typeof warnings>, kind: string) => ws.filter((w) => w.kind === kind);

/** The default catalogue with its warning thresholds changed. */
function withWarnings(change: (w: Catalogue['warnings']) => void): Catalogue {
  const raw = structuredClone(catalogue);
  change(raw.warnings);
  const result = validateCatalogue(raw);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.catalogue;
}

describe('no council session yet this quarter', () => {
  it('says how many days are left, high in the last 15 days, medium in the last 45, silent before', () => {
    const f = facts({ records: [record('2026-02-10')] });
    expect(ofKind(warnings(f, '2026-04-10'), 'no_session_this_quarter')).toEqual([]);
    const medium = ofKind(warnings(f, '2026-05-20'), 'no_session_this_quarter');
    expect(medium).toEqual([expect.objectContaining({
      severity: 'medium', indicatorId: 'form.council.quarterly', params: { indicator: 'form.council.quarterly', quarter: 2, daysLeft: 42 },
      nextStepKey: 'scoring.next.scheduleSession',
    })]);
    expect(ofKind(warnings(f, '2026-06-20'), 'no_session_this_quarter')[0]).toMatchObject({ severity: 'high', params: { daysLeft: 11 } });
  });

  it('is silent once the quarter has its session, even one held at 00:10 on its first day', () => {
    const f = facts({ records: [record('2026-03-31', { closedAt: '2026-04-01T00:10:00+08:00' })] });
    expect(ofKind(warnings(f, '2026-06-20'), 'no_session_this_quarter')).toEqual([]);
    const lateMarch = facts({ records: [record('2026-03-31', { closedAt: '2026-03-31T23:30:00+08:00' })] });
    expect(ofKind(warnings(lateMarch, '2026-06-20'), 'no_session_this_quarter')).toHaveLength(1);
  });

  it('takes its days from the catalogue', () => {
    const c = withWarnings((w) => { w.quarterlySession!.mediumWhenDaysLeft = 90; });
    expect(ofKind(warnings(facts(), '2026-04-10', c), 'no_session_this_quarter')).toHaveLength(1);
  });
});

describe('hearing results', () => {
  const hearing = (over: Partial<FiledRecordFact> = {}) => record('2026-03-10', { form: 'hearing', ...over });

  it('warn medium when the deadline is near and high once it has passed', () => {
    const f = facts({ records: [hearing()] });
    expect(ofKind(warnings(f, '2026-03-12'), 'results_due')).toEqual([]);
    expect(ofKind(warnings(f, '2026-03-15'), 'results_due')).toEqual([expect.objectContaining({
      severity: 'medium', messageKey: 'scoring.warning.resultsDueSoon', params: expect.objectContaining({ daysLeft: 2, deadline: '2026-03-17' }),
    })]);
    expect(ofKind(warnings(f, '2026-03-17'), 'results_due')[0]).toMatchObject({ severity: 'medium', params: { daysLeft: 0 } });
    expect(ofKind(warnings(f, '2026-03-18'), 'results_due')).toEqual([expect.objectContaining({
      severity: 'high', messageKey: 'scoring.warning.resultsOverdue', recordId: f.records[0]!.recordId,
    })]);
  });

  it('are silent once published', () => {
    const f = facts({ records: [hearing({ resultsPublishedAt: '2026-03-20T10:00:00+08:00' })] });
    expect(ofKind(warnings(f, '2026-03-25'), 'results_due')).toEqual([]);
  });
});

describe('decisions without follow-up', () => {
  it('warn once the due days (from the indicator) have passed', () => {
    const f = facts({ records: [record('2026-03-01', { decisions: [{ pollId: 'p1', followUpRecordedAt: null }] })] });
    expect(ofKind(warnings(f, '2026-03-31'), 'follow_up_overdue')).toEqual([]);
    expect(ofKind(warnings(f, '2026-04-01'), 'follow_up_overdue')).toEqual([expect.objectContaining({
      severity: 'high', params: expect.objectContaining({ pollId: 'p1', days: 30 }), nextStepKey: 'scoring.next.recordFollowUp',
    })]);
    const followed = facts({ records: [record('2026-03-01', { decisions: [{ pollId: 'p1', followUpRecordedAt: '2026-03-20T10:00:00+08:00' }] })] });
    expect(ofKind(warnings(followed, '2026-05-01'), 'follow_up_overdue')).toEqual([]);
  });
});

describe('evidence awaiting review', () => {
  const pending = (submittedDay: string): UploadFact =>
    ({ id: `up-${submittedDay}`, indicatorId: 'venue.physical.space', status: 'pending', submittedAt: `${submittedDay}T09:00:00+08:00` });

  it('is medium, and high once the oldest upload has waited the catalogue’s days', () => {
    const f = facts({ uploads: [pending('2026-05-10'), pending('2026-05-01')] });
    expect(ofKind(warnings(f, '2026-05-14'), 'evidence_pending')).toEqual([expect.objectContaining({
      severity: 'medium', indicatorId: 'venue.physical.space', params: { indicator: 'venue.physical.space', count: 2, days: 13 },
    })]);
    expect(ofKind(warnings(f, '2026-05-15'), 'evidence_pending')[0]!.severity).toBe('high');
  });

  it('is silent for reviewed uploads', () => {
    const f = facts({ uploads: [{ ...pending('2026-05-01'), status: 'rejected', reviewedAt: '2026-05-02T10:00:00+08:00' }] });
    expect(ofKind(warnings(f, '2026-05-20'), 'evidence_pending')).toEqual([]);
  });
});

describe('indicators far below their points', () => {
  it('are not flagged while less than half the year is gone', () => {
    expect(ofKind(warnings(facts(), '2026-06-30'), 'low_score')).toEqual([]);
  });

  it('are flagged after that: high with nothing earned, medium below half, silent at half or more', () => {
    const f = facts({
      topics: ['grid_worker', 'deputy'].map((p, k) => ({ id: `t${k}`, intakePath: p as 'deputy', createdAt: '2026-02-01T10:00:00+08:00' })),
    });
    const ws = ofKind(warnings(f, '2026-08-01'), 'low_score');
    expect(ws).toHaveLength(catalogue.indicators.length - 1); // topic.intake.paths has 2 of 4 paths: exactly half
    expect(ws.find((w) => w.indicatorId === 'topic.intake.paths')).toBeUndefined();
    expect(ws.find((w) => w.indicatorId === 'topic.intake.paths_wide')).toMatchObject({ severity: 'medium', params: { earned: 5, points: 15 } });
    expect(ws.find((w) => w.indicatorId === 'venue.physical.space')).toMatchObject({ severity: 'high', nextStepKey: 'scoring.next.lowScore.assessed' });
    expect(ws.find((w) => w.indicatorId === 'form.council.quarterly')).toMatchObject({ nextStepKey: 'scoring.next.lowScore.automatic' });
  });

  it('follow the catalogue’s threshold', () => {
    const c = withWarnings((w) => { w.lowScore = { below: 0.01, afterElapsed: 0.9 }; });
    expect(ofKind(warnings(facts(), '2026-08-01', c), 'low_score')).toEqual([]);
  });
});

describe('the warning list', () => {
  it('names unverified records, and puts high before medium', () => {
    const f = facts({
      records: [record('2026-02-10', { verified: false })],
      uploads: [{ id: 'u', indicatorId: 'venue.physical.space', status: 'pending', submittedAt: '2026-08-01T09:00:00+08:00' }],
    });
    const ws = warnings(f, '2026-08-03');
    expect(ws.find((w) => w.kind === 'record_unverified')).toMatchObject({ severity: 'high', recordId: f.records[0]!.recordId });
    const severities = ws.map((w) => w.severity);
    expect(severities).toContain('medium');
    expect(severities.lastIndexOf('high')).toBeLessThan(severities.indexOf('medium'));
  });

  it('is empty when the catalogue has no warnings section entries', () => {
    const c = withWarnings((w) => { for (const k of Object.keys(w)) delete w[k as keyof typeof w]; });
    const f = facts({ records: [record('2026-02-10', { verified: false, form: 'hearing' })] });
    expect(warnings(f, '2026-08-03', c).filter((w) => w.kind !== 'record_unverified')).toEqual([]);
  });
});
