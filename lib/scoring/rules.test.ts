import { describe, expect, it } from 'vitest';
import { CommunityFacts, viewFacts, type FiledRecordFact, type TopicFact } from './facts';
import { evaluateRule, parseRuleParams, type RuleName } from './rules';
import { communityFacts, filedRecord } from '../../tests/factories/scoring';

// ── small factories: a filed, verified council record closed in March 2026, and topics ──
let seq = 0;
const record = filedRecord;
const topic = (intakePath: TopicFact['intakePath'], createdAt = '2026-02-01T10:00:00+08:00'): TopicFact =>
  ({ id: `topic-${++seq}`, intakePath, createdAt });

const END_OF_YEAR = '2026-12-31T23:59:00+08:00';

/** Runs one rule the way the engine does: params parsed (defaults filled), facts viewed for 2026 as of `asOf`. */
function run(
  rule: RuleName, params: unknown,
  { records = [], topics = [], asOf = END_OF_YEAR }: { records?: FiledRecordFact[]; topics?: TopicFact[]; asOf?: string } = {},
) {
  const parsed = parseRuleParams(rule, params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const facts = CommunityFacts.parse(communityFacts({ records, topics }));
  const period = { year: 2026 };
  return evaluateRule(rule, parsed.params, viewFacts(facts, period, Date.parse(asOf)), { period, asOf: Date.parse(asOf) });
}
const keys = (ms: { key: string }[]) => ms.map((m) => m.key);

describe('regular_sessions: a council in every quarter', () => {
  const quarterly = { match: { forms: ['council'] }, every: 'quarter' };

  it('puts 23:30 on 31 March in Q1 and 00:10 on 1 April (+08:00) in Q2', () => {
    const q1 = record({ closedAt: '2026-03-31T23:30:00+08:00' });
    const q2 = record({ closedAt: '2026-04-01T00:10:00+08:00' });
    expect(run('regular_sessions', quarterly, { records: [q1] }).fraction).toBe(0.25);
    const both = run('regular_sessions', quarterly, { records: [q1, q2] });
    expect(both.fraction).toBe(0.5);
    expect(both.evidence).toEqual([q1.recordId, q2.recordId]);
    expect(both.missing.map((m) => m.params.window)).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('does not count quarters that have not started by asOf', () => {
    const q1 = record({ closedAt: '2026-02-01T10:00:00+08:00' });
    expect(run('regular_sessions', quarterly, { records: [q1], asOf: '2026-03-20T00:00:00+08:00' }).fraction).toBe(1);
    expect(run('regular_sessions', quarterly, { records: [q1], asOf: '2026-05-15T00:00:00+08:00' }).fraction).toBe(0.5);
  });

  it('gives nothing before the period starts, and with no records', () => {
    const early = run('regular_sessions', quarterly, { asOf: '2025-12-31T23:59:00+08:00' });
    expect(early.fraction).toBe(0);
    expect(keys(early.missing)).toEqual(['scoring.missing.periodNotStarted']);
    expect(run('regular_sessions', quarterly).fraction).toBe(0);
  });

  it('ignores records of other forms, other years, unverified ones and ones filed after asOf', () => {
    const records = [
      record({ form: 'dialogue', closedAt: '2026-02-01T10:00:00+08:00' }),
      record({ closedAt: '2025-12-31T23:59:00+08:00' }),
      record({ closedAt: '2027-01-01T00:00:00+08:00' }),
      record({ closedAt: '2026-02-01T10:00:00+08:00', verified: false }),
      record({ closedAt: '2026-05-01T10:00:00+08:00', filedAt: '2026-06-10T10:00:00+08:00' }),
    ];
    expect(run('regular_sessions', quarterly, { records, asOf: '2026-06-01T00:00:00+08:00' }).fraction).toBe(0);
  });

  it('can ask for more than one per window, per month or per half-year', () => {
    const two = [record({ closedAt: '2026-01-05T10:00:00+08:00' }), record({ closedAt: '2026-02-05T10:00:00+08:00' })];
    const asOf = '2026-03-31T12:00:00+08:00';
    expect(run('regular_sessions', { ...quarterly, atLeast: 2 }, { records: two.slice(0, 1), asOf }).fraction).toBe(0);
    expect(run('regular_sessions', { ...quarterly, atLeast: 2 }, { records: two, asOf }).fraction).toBe(1);
    expect(run('regular_sessions', { match: {}, every: 'month' }, { records: two, asOf }).fraction).toBeCloseTo(2 / 3);
    expect(run('regular_sessions', { match: {}, every: 'half_year' }, { records: two }).fraction).toBe(0.5);
  });
});

describe('intake_paths and topic_count', () => {
  it('counts distinct intake paths, each once, in the period only', () => {
    const topics = [
      topic('grid_worker'), topic('grid_worker'), topic('deputy'), topic('online_platform'),
      topic('party_representative', '2025-12-31T23:00:00+08:00'),
    ];
    const out = run('intake_paths', { atLeast: 4 }, { topics });
    expect(out.fraction).toBe(0.75);
    expect(out.evidence).toHaveLength(3);
    expect(out.missing[0]).toEqual({ key: 'scoring.missing.intakePaths', params: { more: 1 } });
    expect(run('intake_paths', { atLeast: 2 }, { topics }).fraction).toBe(1);
    expect(run('intake_paths', { atLeast: 4 }).fraction).toBe(0);
  });

  it('rejects asking for more paths than the eight there are', () => {
    expect(parseRuleParams('intake_paths', { atLeast: 9 }).ok).toBe(false);
  });

  it('topic_count can count only some paths, and stops at full marks', () => {
    const topics = [topic('online_platform'), topic('online_platform'), topic('grid_worker')];
    expect(run('topic_count', { atLeast: 4, paths: ['online_platform'] }, { topics }).fraction).toBe(0.5);
    expect(run('topic_count', { atLeast: 2 }, { topics }).fraction).toBe(1);
  });
});

describe('record_count and distinct_values', () => {
  it('counts matching records, capped at full marks', () => {
    const records = [record({ form: 'hearing' }), record({ form: 'hearing' }), record({ form: 'council' })];
    expect(run('record_count', { match: { forms: ['hearing'] }, atLeast: 4 }, { records }).fraction).toBe(0.5);
    expect(run('record_count', { match: { forms: ['hearing'] }, atLeast: 1 }, { records }).fraction).toBe(1);
    expect(run('record_count', { match: { forms: ['expert'] }, atLeast: 1 }, { records }).fraction).toBe(0);
  });

  it('matches on every listed dimension', () => {
    const records = [record({ form: 'hearing', level: 'grid' }), record({ form: 'hearing', level: 'community' })];
    expect(run('record_count', { match: { forms: ['hearing'], levels: ['grid'] }, atLeast: 2 }, { records }).fraction).toBe(0.5);
  });

  it('counts distinct levels, forms and types', () => {
    const records = [record({ level: 'compound' }), record({ level: 'compound', form: 'visit' }), record({ level: 'grid', type: 'advisory' })];
    expect(run('distinct_values', { dimension: 'level', atLeast: 3 }, { records }).fraction).toBeCloseTo(2 / 3);
    expect(run('distinct_values', { dimension: 'form', atLeast: 2 }, { records }).fraction).toBe(1);
    expect(run('distinct_values', { dimension: 'type', atLeast: 4 }, { records }).fraction).toBe(0.5);
  });

  it('rejects asking for more distinct values than the dimension has', () => {
    expect(parseRuleParams('distinct_values', { dimension: 'level', atLeast: 4 }).ok).toBe(false);
    expect(parseRuleParams('distinct_values', { dimension: 'form', atLeast: 10 }).ok).toBe(true);
  });
});

describe('remote_participation and attendance_rate', () => {
  it('gives linear partial credit below the threshold', () => {
    const records = [record({ remoteAttended: 2 }), record(), record(), record()];
    expect(run('remote_participation', { threshold: 0.5 }, { records }).fraction).toBe(0.5);
    expect(run('remote_participation', { threshold: 0.2 }, { records }).fraction).toBe(1); // 25% ≥ 20%: capped at full marks
    const none = run('remote_participation', { threshold: 0.5 });
    expect(none.fraction).toBe(0);
    expect(keys(none.missing)).toEqual(['scoring.missing.noRecords']);
  });

  it('averages attendance over records, capping each at 100% and skipping records without a roster', () => {
    const records = [
      record({ members: 10, attended: 6 }),
      record({ members: 10, attended: 12 }), // more than the roster counts as 100%, not 120%
      record({ members: 0, attended: 3 }),
    ];
    const out = run('attendance_rate', { threshold: 0.8 }, { records });
    expect(out.fraction).toBeCloseTo(0.8 / 0.8);
    expect(run('attendance_rate', { threshold: 1 }, { records }).fraction).toBeCloseTo(0.8);
    expect(out.evidence).toHaveLength(2);
  });
});

describe('notice_ahead: hearings announced N calendar days ahead', () => {
  const hearing = (announcedAt: string | null, scheduledAt = '2026-03-08T09:00:00+08:00') =>
    record({ form: 'hearing', announcedAt, scheduledAt, closedAt: scheduledAt });
  const p = { match: { forms: ['hearing'] }, days: 7 };

  it('counts Shanghai calendar days, whatever the hour', () => {
    expect(run('notice_ahead', p, { records: [hearing('2026-03-01T23:59:00+08:00')] }).fraction).toBe(1);
    expect(run('notice_ahead', p, { records: [hearing('2026-03-02T00:01:00+08:00')] }).fraction).toBe(0);
    // 2026-03-02 07:00 in Shanghai is still 1 March in UTC: 7 days by UTC dates, only 6 in Shanghai.
    expect(run('notice_ahead', p, { records: [hearing('2026-03-02T07:00:00+08:00')] }).fraction).toBe(0);
  });

  it('a meeting never announced fails, and is named', () => {
    const missing = hearing(null);
    const out = run('notice_ahead', p, { records: [hearing('2026-02-20T10:00:00+08:00'), missing] });
    expect(out.fraction).toBe(0.5);
    expect(out.missing.find((m) => m.key === 'scoring.missing.lateNotice')?.params.recordId).toBe(missing.recordId);
  });
});

describe('results_published within N days', () => {
  const p = { match: { forms: ['hearing'] }, withinDays: 7 };
  const hearing = (resultsPublishedAt: string | null) =>
    record({ form: 'hearing', closedAt: '2026-03-10T11:00:00+08:00', resultsPublishedAt });

  it('credits publication within the window and not after it', () => {
    expect(run('results_published', p, { records: [hearing('2026-03-17T23:00:00+08:00')] }).fraction).toBe(1);
    expect(run('results_published', p, { records: [hearing('2026-03-18T00:30:00+08:00')] }).fraction).toBe(0);
  });

  it('leaves unpublished meetings out until their deadline passes', () => {
    const open = hearing(null);
    const notDue = run('results_published', p, { records: [open], asOf: '2026-03-15T10:00:00+08:00' });
    expect(notDue.fraction).toBe(0);
    expect(keys(notDue.missing)).toEqual(['scoring.missing.noneDue']);
    const withDone = run('results_published', p, { records: [open, hearing('2026-03-11T10:00:00+08:00')], asOf: '2026-03-15T10:00:00+08:00' });
    expect(withDone.fraction).toBe(1);
    expect(keys(withDone.parts)).toContain('scoring.part.notDue');
    expect(run('results_published', p, { records: [open], asOf: '2026-03-18T10:00:00+08:00' }).fraction).toBe(0);
  });

  it('treats a publication after asOf as not yet published', () => {
    const later = hearing('2026-03-12T10:00:00+08:00');
    expect(run('results_published', p, { records: [later], asOf: '2026-03-11T10:00:00+08:00' }).missing[0]!.key).toBe('scoring.missing.noneDue');
  });
});

describe('follow_up on decisions', () => {
  const p = { dueDays: 30, threshold: 1 };
  const decided = (followUpRecordedAt: string | null, closedAt = '2026-03-01T11:00:00+08:00') =>
    record({ closedAt, decisions: [{ pollId: `poll-${++seq}`, followUpRecordedAt }] });

  it('is the share of due decisions with a follow-up recorded', () => {
    const records = [decided('2026-03-05T10:00:00+08:00'), decided(null)];
    expect(run('follow_up', p, { records, asOf: '2026-03-31T10:00:00+08:00' }).fraction).toBe(1); // 30 days: not due yet
    const due = run('follow_up', p, { records, asOf: '2026-04-01T10:00:00+08:00' });
    expect(due.fraction).toBe(0.5);
    expect(due.missing.some((m) => m.key === 'scoring.missing.followUp')).toBe(true);
  });

  it('counts each decision, not each record', () => {
    const twoDecisions = record({
      closedAt: '2026-03-01T11:00:00+08:00',
      decisions: [{ pollId: 'a', followUpRecordedAt: '2026-03-02T10:00:00+08:00' }, { pollId: 'b', followUpRecordedAt: null }],
    });
    expect(run('follow_up', { dueDays: 30, threshold: 0.9 }, { records: [twoDecisions] }).fraction).toBeCloseTo(0.5 / 0.9);
  });

  it('gives nothing without decisions', () => {
    expect(run('follow_up', p, { records: [record()] }).fraction).toBe(0);
  });

  it('cites the decisions it counted and names the ones without follow-up', () => {
    const r = record({
      closedAt: '2026-03-01T11:00:00+08:00',
      decisions: [
        { pollId: 'a', id: 'task-a', text: '同意加装电梯', followUpRecordedAt: '2026-03-02T10:00:00+08:00' },
        { pollId: 'b', id: 'task-b', text: '同意更换路灯', followUpRecordedAt: null },
      ],
    });
    const out = run('follow_up', p, { records: [r] });
    expect(out.evidence).toEqual(['task-a']);
    expect(out.missing.find((m) => m.key === 'scoring.missing.followUp')?.params).toMatchObject({ decision: '同意更换路灯' });
  });
});

describe('matters_registered: compound and grid matters on the community register', () => {
  const p = { match: { levels: ['compound', 'grid'] } };
  it('is the share of compound and grid meetings that took up an accepted topic, citing record and topics', () => {
    const registered = record({ level: 'compound', title: '3号楼议事', topics: ['topic-lift'] });
    const unregistered = record({ level: 'grid', title: '网格议事' });
    const community = record({ level: 'community' });
    const out = run('matters_registered', p, { records: [registered, unregistered, community] });
    expect(out.fraction).toBe(0.5);
    expect(out.evidence).toEqual([registered.recordId, 'topic-lift']);
    expect(out.missing.find((m) => m.key === 'scoring.missing.unregistered')?.params).toMatchObject({ title: '网格议事' });
  });

  it('names the escalations of the period, not those of other years or after asOf', () => {
    const r = record({ level: 'compound', topics: ['t1'] });
    const escalated: TopicFact = { ...topic('online_platform'), escalatedAt: ['2026-04-01T10:00:00+08:00', '2026-05-01T10:00:00+08:00', '2025-12-01T10:00:00+08:00'] };
    const out = run('matters_registered', p, { records: [r], topics: [escalated], asOf: '2026-04-15T10:00:00+08:00' });
    expect(out.parts.find((m) => m.key === 'scoring.part.escalated')?.params).toEqual({ count: 1, topics: 1 });
    expect(keys(run('matters_registered', p, { records: [r] }).parts)).not.toContain('scoring.part.escalated');
  });

  it('gives nothing without compound or grid meetings', () => {
    expect(run('matters_registered', p, { records: [record({ level: 'community', topics: ['t'] })] }).fraction).toBe(0);
  });
});

describe('satisfaction: residents\' ratings of decisions carried out', () => {
  const rated = (ratings: ('satisfied' | 'basically_satisfied' | 'dissatisfied')[], at = '2026-04-01T10:00:00+08:00') =>
    record({ decisions: [{ pollId: `p-${++seq}`, id: `task-${seq}`, followUpRecordedAt: null, ratings: ratings.map((rating) => ({ rating, at })) }] });
  const p = { threshold: 0.9, atLeast: 10 };

  it('gives full marks at 90% satisfied or fairly satisfied among at least ten ratings', () => {
    const out = run('satisfaction', p, { records: [rated([...Array(6).fill('satisfied'), ...Array(3).fill('basically_satisfied'), 'dissatisfied'])] });
    expect(out.fraction).toBe(1);
    expect(out.evidence).toHaveLength(1);
    expect(out.missing).toEqual([]);
  });

  it('credits less below the line and with too few ratings', () => {
    const low = run('satisfaction', p, { records: [rated([...Array(8).fill('satisfied'), 'dissatisfied', 'dissatisfied'])] });
    expect(low.fraction).toBeCloseTo(0.8 / 0.9);
    expect(keys(low.missing)).toContain('scoring.missing.satisfaction');
    const few = run('satisfaction', p, { records: [rated(['satisfied', 'satisfied'])] });
    expect(few.fraction).toBeCloseTo(0.2);
    expect(few.missing.find((m) => m.key === 'scoring.missing.ratings')?.params).toEqual({ more: 8 });
  });

  it('counts only ratings given by asOf, and nothing without ratings', () => {
    const later = rated(Array(10).fill('satisfied'), '2026-06-01T10:00:00+08:00');
    expect(run('satisfaction', p, { records: [later], asOf: '2026-05-01T10:00:00+08:00' }).fraction).toBe(0);
    expect(run('satisfaction', p, { records: [record()] }).missing.map((m) => m.key)).toEqual(['scoring.missing.noRatings']);
  });
});

describe('decisions_reached and filed_on_time', () => {
  it('needs a passed decision poll', () => {
    const records = [
      record({ polls: [{ id: 'p1', passed: true, decision: true }] }),
      record({ polls: [{ id: 'p2', passed: true, decision: false }] }),
      record({ polls: [{ id: 'p3', passed: false, decision: true }] }),
      record({ polls: [] }),
    ];
    expect(run('decisions_reached', { match: { types: ['decision'] } }, { records }).fraction).toBe(0.25);
    expect(run('decisions_reached', { match: { types: ['advisory'] } }, { records }).fraction).toBe(0);
  });

  it('counts filing within N Shanghai calendar days of closing', () => {
    const closedAt = '2026-03-10T21:00:00+08:00';
    const onTime = record({ closedAt, filedAt: '2026-03-17T23:59:00+08:00' });
    const late = record({ closedAt, filedAt: '2026-03-18T00:01:00+08:00' });
    expect(run('filed_on_time', { withinDays: 7 }, { records: [onTime] }).fraction).toBe(1);
    expect(run('filed_on_time', { withinDays: 7 }, { records: [onTime, late] }).fraction).toBe(0.5);
  });
});

describe('rule params', () => {
  it('are checked strictly: unknown keys, unknown forms and out-of-range thresholds are refused', () => {
    expect(parseRuleParams('record_count', { match: {}, atLeast: 1, extra: 1 }).ok).toBe(false);
    expect(parseRuleParams('record_count', { match: { forms: ['party'] }, atLeast: 1 }).ok).toBe(false);
    expect(parseRuleParams('remote_participation', { threshold: 1.5 }).ok).toBe(false);
    expect(parseRuleParams('remote_participation', { threshold: 0 }).ok).toBe(false);
    expect(parseRuleParams('notice_ahead', { match: {}, days: -1 }).ok).toBe(false);
  });

  it('get their defaults filled in', () => {
    expect(parseRuleParams('notice_ahead', { match: {}, days: 3 })).toEqual({ ok: true, params: { match: {}, days: 3, threshold: 1 } });
  });
});
