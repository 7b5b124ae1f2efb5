import { z } from 'zod';
import { meetingForms, meetingLevels, meetingTypes } from '../meeting/model';
import { IntakePath, intakePaths, RecordMatcher, recordMatches, type FactsView, type RecordView } from './facts';
import { message, type ScoringMessage } from './messages';
import { shanghaiDay, windowLabel, windowsOf, type Period } from './period';

/**
 * The automatic rules (自动测评规则). The catalogue names a rule and gives its params; each rule here
 * says which params it takes (zod, checked when the catalogue is validated) and turns the facts into a
 * fraction of the indicator's points, with an explanation in message keys.
 *
 * Shared conventions, so every rule reads the same way:
 * - a rule credits evidence, never the absence of failures: no qualifying record means 0;
 * - "share" rules give full credit at `threshold` and linear partial credit below it;
 * - deadlines are whole Shanghai calendar days (see `shanghaiDay`), and an item whose deadline has not
 *   passed yet is left out of the share instead of counting against the community.
 */

export type RuleContext = { period: Period; asOf: number };

export type RuleOutcome = {
  /** 0..1 of the indicator's points */
  fraction: number;
  /** ids of the records or topics the rule used */
  evidence: string[];
  parts: ScoringMessage[];
  missing: ScoringMessage[];
};

type RuleDef<S extends z.ZodType> = {
  params: S;
  evaluate(facts: FactsView, params: z.output<S>, ctx: RuleContext): RuleOutcome;
};

const defineRule = <S extends z.ZodType>(def: RuleDef<S>) => def;

/** Share of items needed for full credit. */
const Threshold = z.number().gt(0).max(1).default(1);
const Days = z.number().int().min(0).max(366);
const AtLeast = z.number().int().min(1);

const percent = (x: number) => Math.floor(x * 100 + 1e-9);

function selected(facts: FactsView, match: RecordMatcher | undefined): RecordView[] {
  return match ? facts.records.filter((r) => recordMatches(match, r)) : facts.records;
}

/** Full credit at `need`, linear below. */
function countCredit(have: number, need: number): number {
  return Math.min(1, have / need);
}

/**
 * The common shape of "share of items that comply" rules: `hits` of `total` items comply, `evidence` names
 * the records behind the hits, `misses` the per-item gaps worth naming, and `notDue` items were left out
 * of the share because their deadline is still ahead.
 */
function shareOutcome(s: {
  hits: number; total: number; threshold: number; evidence: string[]; misses: ScoringMessage[]; notDue?: number;
}): RuleOutcome {
  const parts: ScoringMessage[] = [];
  if (s.total === 0) {
    if (s.notDue) parts.push(message('scoring.part.notDue', { count: s.notDue }));
    return { fraction: 0, evidence: [], parts, missing: [message(s.notDue ? 'scoring.missing.noneDue' : 'scoring.missing.noRecords')] };
  }
  const share = s.hits / s.total;
  const target = percent(s.threshold);
  parts.push(message('scoring.part.share', { hits: s.hits, total: s.total, percent: percent(share), target }));
  if (s.notDue) parts.push(message('scoring.part.notDue', { count: s.notDue }));
  const fraction = Math.min(1, share / s.threshold);
  const missing = fraction < 1 ? [message('scoring.missing.share', { percent: percent(share), target }), ...s.misses] : [];
  return { fraction, evidence: s.evidence, parts, missing };
}

const dimensionValues = { form: meetingForms, type: meetingTypes, level: meetingLevels } as const;

export const rules = {
  /**
   * At least `atLeast` qualifying meetings in every month / quarter / half-year of the period. Windows
   * that have not started by `asOf` do not count; the current one does (the warnings say how many days
   * are left in it).
   */
  regular_sessions: defineRule({
    params: z.strictObject({
      match: RecordMatcher,
      every: z.enum(['month', 'quarter', 'half_year']),
      atLeast: AtLeast.default(1),
    }),
    evaluate(facts, p, { period, asOf }) {
      const due = windowsOf(period, p.every).filter((w) => w.start <= asOf);
      if (due.length === 0) return { fraction: 0, evidence: [], parts: [], missing: [message('scoring.missing.periodNotStarted')] };
      // Count per window in one pass over the records.
      const held = due.map(() => 0);
      const evidence: string[] = [];
      for (const r of selected(facts, p.match)) {
        const k = due.findIndex((w) => r.closed >= w.start && r.closed < w.end);
        if (k < 0) continue;
        held[k]!++;
        evidence.push(r.recordId);
      }
      const missing: ScoringMessage[] = [];
      let covered = 0;
      due.forEach((w, k) => {
        if (held[k]! >= p.atLeast) covered++;
        else missing.push(message('scoring.missing.window', { window: windowLabel(period, p.every, w.index) }));
      });
      return {
        fraction: covered / due.length,
        evidence,
        parts: [message(`scoring.part.windows.${p.every}`, { covered, due: due.length, atLeast: p.atLeast })],
        missing,
      };
    },
  }),

  /** Topics raised through at least `atLeast` of the eight intake paths. */
  intake_paths: defineRule({
    params: z.strictObject({ atLeast: AtLeast.max(intakePaths.length) }),
    evaluate(facts, p) {
      const firstByPath = new Map<string, string>();
      for (const t of [...facts.topics].sort((a, b) => a.created - b.created)) {
        if (!firstByPath.has(t.intakePath)) firstByPath.set(t.intakePath, t.id);
      }
      const have = firstByPath.size;
      return {
        fraction: countCredit(have, p.atLeast),
        evidence: [...firstByPath.values()],
        parts: [message('scoring.part.intakePaths', { have, need: p.atLeast })],
        missing: have < p.atLeast ? [message('scoring.missing.intakePaths', { more: p.atLeast - have })] : [],
      };
    },
  }),

  /** At least `atLeast` topics raised (optionally only through some intake paths). */
  topic_count: defineRule({
    params: z.strictObject({ atLeast: AtLeast, paths: z.array(IntakePath).min(1).optional() }),
    evaluate(facts, p) {
      const topics = p.paths ? facts.topics.filter((t) => p.paths!.includes(t.intakePath)) : facts.topics;
      return {
        fraction: countCredit(topics.length, p.atLeast),
        evidence: topics.map((t) => t.id),
        parts: [message('scoring.part.topics', { count: topics.length, need: p.atLeast })],
        missing: topics.length < p.atLeast ? [message('scoring.missing.topics', { more: p.atLeast - topics.length })] : [],
      };
    },
  }),

  /** At least `atLeast` qualifying filed records in the period. */
  record_count: defineRule({
    params: z.strictObject({ match: RecordMatcher, atLeast: AtLeast }),
    evaluate(facts, p) {
      const records = selected(facts, p.match);
      return {
        fraction: countCredit(records.length, p.atLeast),
        evidence: records.map((r) => r.recordId),
        parts: [message('scoring.part.count', { count: records.length, need: p.atLeast })],
        missing: records.length < p.atLeast ? [message('scoring.missing.records', { more: p.atLeast - records.length })] : [],
      };
    },
  }),

  /** At least `atLeast` distinct forms, types or levels among the qualifying records. */
  distinct_values: defineRule({
    params: z
      .strictObject({ dimension: z.enum(['form', 'type', 'level']), atLeast: AtLeast, match: RecordMatcher.optional() })
      .refine((p) => p.atLeast <= dimensionValues[p.dimension].length, {
        message: 'atLeast is more than the number of values of the dimension', path: ['atLeast'],
      }),
    evaluate(facts, p) {
      const firstByValue = new Map<string, string>();
      for (const r of selected(facts, p.match)) {
        if (!firstByValue.has(r[p.dimension])) firstByValue.set(r[p.dimension], r.recordId);
      }
      const have = firstByValue.size;
      return {
        fraction: countCredit(have, p.atLeast),
        evidence: [...firstByValue.values()],
        parts: [message(`scoring.part.distinct.${p.dimension}`, { have, need: p.atLeast })],
        missing: have < p.atLeast ? [message(`scoring.missing.distinct.${p.dimension}`, { more: p.atLeast - have })] : [],
      };
    },
  }),

  /** Share of qualifying meetings that had at least one remote participant (线上参与). */
  remote_participation: defineRule({
    params: z.strictObject({ threshold: Threshold, match: RecordMatcher.optional() }),
    evaluate(facts, p) {
      const records = selected(facts, p.match);
      const hits = records.filter((r) => r.remoteAttended > 0).map((r) => r.recordId);
      return shareOutcome({ hits: hits.length, total: records.length, threshold: p.threshold, evidence: hits, misses: [] });
    },
  }),

  /**
   * Members' attendance (attended / members) averaged over the qualifying records, full credit at
   * `threshold`. Records without a roster carry no attendance rate and are left out.
   */
  attendance_rate: defineRule({
    params: z.strictObject({ threshold: Threshold, match: RecordMatcher.optional() }),
    evaluate(facts, p) {
      const records = selected(facts, p.match).filter((r) => r.members > 0);
      if (records.length === 0) return { fraction: 0, evidence: [], parts: [], missing: [message('scoring.missing.noRecords')] };
      const mean = records.reduce((sum, r) => sum + Math.min(1, r.attended / r.members), 0) / records.length;
      const fraction = Math.min(1, mean / p.threshold);
      const figures = { percent: percent(mean), target: percent(p.threshold) };
      return {
        fraction,
        evidence: records.map((r) => r.recordId),
        parts: [message('scoring.part.attendance', { records: records.length, ...figures })],
        missing: fraction < 1 ? [message('scoring.missing.attendance', figures)] : [],
      };
    },
  }),

  /** Share of qualifying meetings announced at least `days` calendar days before the scheduled date. */
  notice_ahead: defineRule({
    params: z.strictObject({ match: RecordMatcher, days: Days, threshold: Threshold }),
    evaluate(facts, p) {
      const records = selected(facts, p.match);
      const hits: string[] = [];
      const misses: ScoringMessage[] = [];
      for (const r of records) {
        if (r.announced !== null && shanghaiDay(r.scheduled) - shanghaiDay(r.announced) >= p.days) hits.push(r.recordId);
        else misses.push(message('scoring.missing.lateNotice', { title: r.title, recordId: r.recordId, days: p.days }));
      }
      return shareOutcome({ hits: hits.length, total: records.length, threshold: p.threshold, evidence: hits, misses });
    },
  }),

  /**
   * Share of qualifying meetings whose results were published within `withinDays` calendar days of
   * closing. An unpublished meeting counts against only once its deadline has passed.
   */
  results_published: defineRule({
    params: z.strictObject({ match: RecordMatcher, withinDays: Days, threshold: Threshold }),
    evaluate(facts, p, { asOf }) {
      const hits: string[] = [];
      const misses: ScoringMessage[] = [];
      let counted = 0;
      let notDue = 0;
      for (const r of selected(facts, p.match)) {
        const deadlineDay = shanghaiDay(r.closed) + p.withinDays;
        if (r.resultsPublished !== null && shanghaiDay(r.resultsPublished) <= deadlineDay) {
          hits.push(r.recordId);
          counted++;
        } else if (r.resultsPublished !== null || shanghaiDay(asOf) > deadlineDay) {
          misses.push(message('scoring.missing.resultsLate', { title: r.title, recordId: r.recordId, days: p.withinDays }));
          counted++;
        } else {
          notDue++;
        }
      }
      return shareOutcome({ hits: hits.length, total: counted, threshold: p.threshold, evidence: hits, misses, notDue });
    },
  }),

  /**
   * Share of decisions whose implementation follow-up is recorded (谁召集谁负责: the convener sees the
   * result carried out). A decision without follow-up counts against once `dueDays` have passed.
   */
  follow_up: defineRule({
    params: z.strictObject({ dueDays: Days, threshold: Threshold, match: RecordMatcher.optional() }),
    evaluate(facts, p, { asOf }) {
      const evidence = new Set<string>();
      const misses: ScoringMessage[] = [];
      let hits = 0;
      let counted = 0;
      let notDue = 0;
      for (const r of selected(facts, p.match)) {
        for (const d of r.decisions) {
          if (d.followUp !== null) {
            // The decision itself (its page on the board shows what was done), or its record before tasks existed.
            evidence.add(d.id ?? r.recordId);
            hits++;
            counted++;
          } else if (shanghaiDay(asOf) - shanghaiDay(r.closed) > p.dueDays) {
            misses.push(message('scoring.missing.followUp', { title: r.title, decision: d.text ?? r.title, recordId: r.recordId, days: p.dueDays }));
            counted++;
          } else {
            notDue++;
          }
        }
      }
      return shareOutcome({ hits, total: counted, threshold: p.threshold, evidence: [...evidence], misses, notDue });
    },
  }),

  /**
   * Share of qualifying meetings (usually the 小区 and 网格 ones) whose matter is on the community's register
   * (备案登记): the meeting took up a topic the community accepted, so the ledger lists it with its meetings,
   * decisions and implementation. Escalations of the period (逐级上报) are named beside the share.
   */
  matters_registered: defineRule({
    params: z.strictObject({ match: RecordMatcher, threshold: Threshold }),
    evaluate(facts, p) {
      const records = selected(facts, p.match);
      const evidence: string[] = [];
      const misses: ScoringMessage[] = [];
      let hits = 0;
      for (const r of records) {
        if (r.topics.length > 0) {
          hits++;
          evidence.push(r.recordId, ...r.topics.filter((id) => !evidence.includes(id)));
        } else {
          misses.push(message('scoring.missing.unregistered', { title: r.title, recordId: r.recordId }));
        }
      }
      const outcome = shareOutcome({ hits, total: records.length, threshold: p.threshold, evidence, misses });
      const escalated = new Set(facts.escalations.map((e) => e.topicId));
      if (escalated.size > 0) outcome.parts.push(message('scoring.part.escalated', { count: facts.escalations.length, topics: escalated.size }));
      return outcome;
    },
  }),

  /**
   * Residents' satisfaction (满意度测评) from their ratings of decisions carried out (评议): the share of
   * 满意 and 基本满意 among the ratings of the period's decisions. Fewer than `atLeast` ratings are too few
   * to speak for the residents: the credit shrinks in proportion.
   */
  satisfaction: defineRule({
    params: z.strictObject({ threshold: Threshold, atLeast: AtLeast.default(10), match: RecordMatcher.optional() }),
    evaluate(facts, p) {
      const rated = selected(facts, p.match).flatMap((r) => r.decisions.filter((d) => d.ratings.length > 0));
      const all = rated.flatMap((d) => d.ratings);
      if (all.length === 0) return { fraction: 0, evidence: [], parts: [], missing: [message('scoring.missing.noRatings')] };
      const content = all.filter((x) => x !== 'dissatisfied').length;
      const share = content / all.length;
      const target = percent(p.threshold);
      const missing: ScoringMessage[] = [];
      if (share < p.threshold) missing.push(message('scoring.missing.satisfaction', { percent: percent(share), target }));
      if (all.length < p.atLeast) missing.push(message('scoring.missing.ratings', { more: p.atLeast - all.length }));
      return {
        fraction: Math.min(1, share / p.threshold) * countCredit(all.length, p.atLeast),
        evidence: rated.flatMap((d) => (d.id ? [d.id] : [])),
        parts: [message('scoring.part.satisfaction', { count: all.length, decisions: rated.length, percent: percent(share), target })],
        missing,
      };
    },
  }),

  /** Share of qualifying meetings that passed at least one decision poll (防止议而不决). */
  decisions_reached: defineRule({
    params: z.strictObject({ match: RecordMatcher, threshold: Threshold }),
    evaluate(facts, p) {
      const records = selected(facts, p.match);
      const hits: string[] = [];
      const misses: ScoringMessage[] = [];
      for (const r of records) {
        if (r.polls.some((poll) => poll.decision && poll.passed)) hits.push(r.recordId);
        else misses.push(message('scoring.missing.noDecision', { title: r.title, recordId: r.recordId }));
      }
      return shareOutcome({ hits: hits.length, total: records.length, threshold: p.threshold, evidence: hits, misses });
    },
  }),

  /** Share of qualifying records filed within `withinDays` calendar days of closing (按时备案). */
  filed_on_time: defineRule({
    params: z.strictObject({ withinDays: Days, threshold: Threshold, match: RecordMatcher.optional() }),
    evaluate(facts, p) {
      const records = selected(facts, p.match);
      const hits: string[] = [];
      const misses: ScoringMessage[] = [];
      for (const r of records) {
        if (shanghaiDay(r.filed) - shanghaiDay(r.closed) <= p.withinDays) hits.push(r.recordId);
        else misses.push(message('scoring.missing.filedLate', { title: r.title, recordId: r.recordId, days: p.withinDays }));
      }
      return shareOutcome({ hits: hits.length, total: records.length, threshold: p.threshold, evidence: hits, misses });
    },
  }),
} satisfies Record<string, RuleDef<z.ZodType>>;

export type RuleName = keyof typeof rules;
export const ruleNames = Object.keys(rules) as RuleName[];

export function isRuleName(name: string): name is RuleName {
  return Object.hasOwn(rules, name);
}

/** Checks a rule's params as the catalogue gives them; the parsed value has the defaults filled in. */
export function parseRuleParams(
  name: RuleName, raw: unknown,
): { ok: true; params: unknown } | { ok: false; issues: z.core.$ZodIssue[] } {
  const parsed = rules[name].params.safeParse(raw);
  return parsed.success ? { ok: true, params: parsed.data } : { ok: false, issues: parsed.error.issues };
}

/** Runs a rule on params already returned by `parseRuleParams`. */
export function evaluateRule(name: RuleName, params: unknown, facts: FactsView, ctx: RuleContext): RuleOutcome {
  return (rules[name] as RuleDef<z.ZodType>).evaluate(facts, params, ctx);
}
