import { describe, expect, it } from 'vitest';
import type { MeetingForm, MeetingLevel, MeetingType } from '../meeting/model';
import { loadDefaultCatalogue, validateCatalogue, type Catalogue } from './catalogue';
import { gradeFor, scoreCommunity, type ScoreCard } from './engine';
import { intakePaths, type CommunityFacts, type FiledRecordFact, type UploadFact } from './facts';
import { communityFacts } from '../../tests/factories/scoring';

const catalogue = loadDefaultCatalogue();
const period = { year: 2026 };
const END = '2026-12-31T23:00:00+08:00';

// ── factories ──
/** A meeting on `day` (YYYY-MM-DD, Shanghai) that does everything right: announced 10 days ahead, results
 *  and follow-up the next day, 95% attendance with remote participants, a decision passed, carried out and
 *  rated by residents, its matter a registered topic. */
function goodRecord(day: string, form: MeetingForm, level: MeetingLevel = 'community', type: MeetingType = 'decision'): FiledRecordFact {
  const id = `${day}-${form}-${level}-${type}`;
  const on = (d: string, time: string) => `${d}T${time}+08:00`;
  const shift = (days: number) => new Date(Date.parse(on(day, '12:00:00')) + days * 86_400_000).toISOString();
  return {
    recordId: `rec-${id}`, meetingId: `meeting-${id}`, form, type, level, title: `${form} ${day}`,
    scheduledAt: on(day, '09:00:00'), startedAt: on(day, '09:05:00'), closedAt: on(day, '11:00:00'), filedAt: on(day, '15:00:00'),
    announcedAt: shift(-10), resultsPublishedAt: shift(1),
    members: 20, attended: 19, remoteAttended: 3,
    polls: [{ id: `poll-${id}`, passed: true, decision: true }],
    decisions: [{
      pollId: `poll-${id}`, id: `task-${id}`, followUpRecordedAt: shift(1), implementation: 'done',
      ratings: [{ rating: 'satisfied', at: shift(20) }, { rating: 'basically_satisfied', at: shift(21) }],
    }],
    topics: [`topic-${id}`],
    verified: true,
  };
}

const facts = communityFacts;

const upload = (indicatorId: string, over: Partial<UploadFact> = {}): UploadFact => ({
  id: `up-${indicatorId}-${over.status ?? 'accepted'}-${over.credit ?? 1}`, indicatorId, status: 'accepted',
  submittedAt: '2026-06-01T10:00:00+08:00', reviewedAt: '2026-06-05T10:00:00+08:00', ...over,
});

const assessedIds = catalogue.indicators.filter((i) => i.method.kind === 'assessed').map((i) => i.id);

/** A year that earns every point of the default catalogue. */
function fullMarks(): CommunityFacts {
  const records = [
    goodRecord('2026-01-15', 'council'), goodRecord('2026-02-15', 'dialogue', 'grid', 'coordination'),
    goodRecord('2026-03-15', 'hearing'), goodRecord('2026-04-15', 'council'),
    goodRecord('2026-05-15', 'dialogue', 'grid', 'coordination'), goodRecord('2026-06-15', 'evaluation', 'community', 'supervision'),
    goodRecord('2026-07-15', 'council'), goodRecord('2026-08-15', 'dialogue', 'grid', 'coordination'),
    goodRecord('2026-09-15', 'expert', 'community', 'advisory'), goodRecord('2026-10-15', 'council'),
    goodRecord('2026-11-15', 'dialogue', 'grid', 'coordination'), goodRecord('2026-12-15', 'evaluation', 'community', 'supervision'),
    goodRecord('2026-03-20', 'open_space', 'compound'), goodRecord('2026-05-20', 'open_space', 'compound'),
    goodRecord('2026-06-20', 'new_media', 'compound'), goodRecord('2026-08-20', 'new_media', 'compound'),
    goodRecord('2026-09-20', 'written', 'compound'), goodRecord('2026-10-20', 'questionnaire', 'compound'),
  ];
  const topics = [
    ...intakePaths.map((intakePath, i) => ({ id: `topic-${i}`, intakePath, createdAt: '2026-02-01T10:00:00+08:00' })),
    ...[1, 2, 3, 4, 5].map((i) => ({ id: `topic-online-${i}`, intakePath: 'online_platform' as const, createdAt: '2026-03-01T10:00:00+08:00' })),
  ];
  return facts({ records, topics, uploads: assessedIds.map((id) => upload(id)) });
}

const score = (f: CommunityFacts, asOf: string | Date = END, c: Catalogue = catalogue) => scoreCommunity(c, f, { period, asOf });
const earned = (card: ScoreCard, id: string) => card.indicators.find((i) => i.id === id)!.earned;
const tenths = (x: number) => Math.round(x * 10);
const sumTenths = (xs: number[]) => xs.reduce((s, x) => s + tenths(x), 0);

describe('scoreCommunity', () => {
  it('reaches 1000 and 5A when every indicator is met, with nothing to warn about', () => {
    const card = score(fullMarks());
    expect(card.indicators.filter((i) => i.earned !== i.points).map((i) => [i.id, i.earned, i.explanation.missing])).toEqual([]);
    expect(card.total).toBe(1000);
    expect(card.points).toBe(1000);
    expect(card.grade).toBe('5A');
    expect(card.tiers).toEqual({ basic: { earned: 600, points: 600 }, advanced: { earned: 200, points: 200 }, featured: { earned: 200, points: 200 } });
    expect(card.warnings).toEqual([]);
  });

  it('gives nothing, no grade and an explanation for every indicator when there is no evidence', () => {
    const card = score(facts());
    expect(card.total).toBe(0);
    expect(card.grade).toBeNull();
    expect(card.indicators).toHaveLength(catalogue.indicators.length);
    for (const i of card.indicators) {
      expect(i.earned).toBe(0);
      expect(i.explanation.missing.length).toBeGreaterThan(0);
    }
  });

  it('has totals that are exactly the sums of the indicator points', () => {
    const f = fullMarks();
    f.records = f.records.filter((_, k) => k % 3 !== 0);
    f.records[0]!.remoteAttended = 0;
    f.topics = f.topics.slice(2, 7);
    f.uploads = assessedIds.filter((_, k) => k % 2 === 0).map((id) => upload(id, { credit: 0.37 }));
    const card = score(f);
    expect(card.total).toBeGreaterThan(0);
    expect(card.total).toBeLessThan(1000);
    expect(tenths(card.total)).toBe(sumTenths(card.indicators.map((i) => i.earned)));
    for (const [key, list] of [['element', card.elements], ['category', card.categories], ['tier', card.tiers]] as const) {
      for (const [id, sub] of Object.entries(list)) {
        const mine = card.indicators.filter((i) => i[key] === id);
        expect(tenths(sub.earned)).toBe(sumTenths(mine.map((i) => i.earned)));
        expect(sub.points).toBe(mine.reduce((s, i) => s + i.points, 0));
      }
    }
    expect(sumTenths(Object.values(card.categories).map((c) => c.earned))).toBe(tenths(card.total));
  });

  it('never counts unverified records', () => {
    const f = fullMarks();
    for (const r of f.records) r.verified = false;
    const card = score(f);
    const recordRules = card.indicators.filter((i) => !['assessed', 'intake_paths', 'topic_count'].includes(i.explanation.rule));
    expect(recordRules.length).toBeGreaterThan(20);
    for (const i of recordRules) expect([i.id, i.earned]).toEqual([i.id, 0]);
    expect(card.warnings.filter((w) => w.kind === 'record_unverified')).toHaveLength(f.records.length);
  });

  it('caps an indicator at its points however much evidence there is', () => {
    const records = Array.from({ length: 40 }, (_, k) => goodRecord(`2026-0${1 + (k % 9)}-1${k % 10}`, 'council'));
    expect(earned(score(facts({ records })), 'venue.online.platform')).toBe(20);
  });

  it('floors partial points to tenths, so a grade line is never reached by rounding', () => {
    const topics = ['grid_worker', 'deputy', 'online_platform'].map((p, k) => ({ id: `t${k}`, intakePath: p as 'deputy', createdAt: '2026-02-01T10:00:00+08:00' }));
    expect(earned(score(facts({ topics })), 'topic.intake.paths')).toBe(18.7); // 25 × 3/4 = 18.75
    expect(earned(score(facts({ topics })), 'topic.intake.paths_wide')).toBe(7.5); // 15 × 3/6
  });

  it('scores as of a date: later records, topics and reviews do not count yet', () => {
    const midYear = '2026-06-30T12:00:00+08:00';
    const card = score(fullMarks(), midYear);
    // Two councils (Q1, Q2) of two quarters due.
    expect(earned(card, 'form.council.quarterly')).toBe(35);
    expect(card.indicators.find((i) => i.id === 'form.dialogue.expert')!.explanation.missing).not.toEqual([]);
    expect(card.total).toBeLessThan(score(fullMarks()).total);
    expect(score(fullMarks(), new Date(midYear))).toEqual(card);
  });

  it('is deterministic', () => {
    expect(score(fullMarks())).toEqual(score(fullMarks()));
  });

  it('refuses an asOf that is not a date', () => {
    expect(() => score(facts(), 'soon')).toThrow(/asOf/);
  });
});

describe('assessed indicators', () => {
  const full = 'mechanism.leadership.party'; // partial: true, 25 points
  const allOrNothing = 'topic.review.party'; // partial: false, 20 points
  const one = (...uploads: UploadFact[]) => score(facts({ uploads }));

  it('earn nothing without an accepted upload: none, pending or rejected', () => {
    expect(earned(one(), full)).toBe(0);
    expect(earned(one(upload(full, { status: 'pending', reviewedAt: null })), full)).toBe(0);
    const rejected = one(upload(full, { status: 'rejected' }));
    expect(earned(rejected, full)).toBe(0);
    expect(rejected.indicators.find((i) => i.id === full)!.explanation.missing).toEqual([{ key: 'scoring.missing.uploadRejected', params: { count: 1 } }]);
  });

  it('take the best accepted upload’s credit where partial credit is allowed', () => {
    const card = one(upload(full, { credit: 0.4 }), upload(full, { credit: 0.8 }), upload(full, { status: 'rejected' }));
    expect(earned(card, full)).toBe(20);
    expect(card.indicators.find((i) => i.id === full)!.explanation.evidence).toEqual([upload(full, { credit: 0.8 }).id]);
    expect(earned(one(upload(full)), full)).toBe(25); // credit defaults to 1
  });

  it('stay within their points even on an out-of-range credit from unvalidated facts', () => {
    expect(earned(one(upload(full, { credit: 1.5 })), full)).toBe(25);
    expect(earned(one(upload(full, { credit: -1 })), full)).toBe(0);
  });

  it('are all or nothing where it is not', () => {
    const card = one(upload(allOrNothing, { credit: 0.5 }));
    expect(earned(card, allOrNothing)).toBe(20);
    expect(card.indicators.find((i) => i.id === allOrNothing)!.explanation.parts.map((p) => p.key)).toContain('scoring.part.creditIgnored');
  });

  it('count uploads only in the period they were submitted, and reviews only once made', () => {
    expect(earned(one(upload(full, { submittedAt: '2025-12-31T23:00:00+08:00' })), full)).toBe(0);
    const reviewedLater = facts({ uploads: [upload(full, { reviewedAt: '2026-07-01T10:00:00+08:00' })] });
    expect(earned(score(reviewedLater, '2026-06-20T10:00:00+08:00'), full)).toBe(0);
    expect(earned(score(reviewedLater, '2026-07-02T10:00:00+08:00'), full)).toBe(25);
  });

  it('count an upload for its assessment year even when handed in and reviewed after the year ended', () => {
    const late = facts({ uploads: [upload(full, { year: 2026, submittedAt: '2027-01-10T10:00:00+08:00', reviewedAt: '2027-01-20T10:00:00+08:00' })] });
    expect(earned(score(late, '2027-01-05T10:00:00+08:00'), full)).toBe(0); // not handed in yet
    expect(earned(score(late, '2027-01-15T10:00:00+08:00'), full)).toBe(0); // handed in, not reviewed yet
    expect(earned(score(late, '2027-01-21T10:00:00+08:00'), full)).toBe(25);
    const forNextYear = facts({ uploads: [upload(full, { year: 2027 })] });
    expect(earned(score(forNextYear, '2026-12-01T10:00:00+08:00'), full)).toBe(0);
  });

  it('ignore uploads for automatic indicators', () => {
    expect(earned(one(upload('form.council.quarterly')), 'form.council.quarterly')).toBe(0);
  });
});

describe('gradeFor', () => {
  it.each([
    [0, null], [599, null], [599.9, null], [600, '1A'], [649.9, '1A'], [650, '2A'], [700, '3A'],
    [799.9, '3A'], [800, '4A'], [899, '4A'], [900, '5A'], [1000, '5A'],
  ])('%s points → %s with the default lines', (total, grade) => {
    expect(gradeFor(catalogue.grades, total)).toBe(grade);
  });

  it('takes the lines from the catalogue, not from code', () => {
    expect(gradeFor({ '1A': 300, '2A': 500 }, 450)).toBe('1A');
    const raw = structuredClone(catalogue) as Catalogue;
    // A district that grades only excellence: one line at 900. Full marks are 5A by default, 1A here.
    raw.grades = { '1A': 900 };
    const result = validateCatalogue(raw);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const f = fullMarks();
    const card = score(f, END, result.catalogue);
    expect(card.total).toBeGreaterThanOrEqual(900);
    expect(card.grade).toBe('1A');
    expect(score(f).grade).toBe('5A');
  });
});
