import { tiers, type Catalogue, type GradeLines, type Indicator, type Tier } from './catalogue';
import { viewFacts, type CommunityFacts, type UploadView } from './facts';
import { message, type ScoringMessage } from './messages';
import type { Period } from './period';
import { evaluateRule, isRuleName, parseRuleParams, type RuleName, type RuleOutcome } from './rules';
import { shortfallWarnings, type Warning } from './warnings';

/**
 * The consultation index of one community: every indicator's points with its explanation, the element,
 * category and tier subtotals, the total, the grade and the shortfall warnings. A pure function of the
 * catalogue, the facts and the date it is computed "as of".
 */

export type Explanation = {
  /** the automatic rule, or 'assessed' for indicators an assessor decides from uploads */
  rule: RuleName | 'assessed';
  /** ids of the records, topics or uploads used */
  evidence: string[];
  parts: ScoringMessage[];
  missing: ScoringMessage[];
};

export type IndicatorScore = {
  id: string;
  element: string;
  category: string;
  tier: Tier;
  points: number;
  earned: number;
  explanation: Explanation;
};

export type Subtotal = { earned: number; points: number };

export type ScoreCard = {
  catalogueVersion: string;
  communityId: string;
  period: Period;
  asOf: string;
  indicators: IndicatorScore[];
  elements: Record<string, Subtotal>;
  categories: Record<string, Subtotal>;
  tiers: Record<Tier, Subtotal>;
  total: number;
  points: number;
  grade: string | null;
  warnings: Warning[];
};

export type ScoreOptions = { period: Period; asOf: string | number | Date };

/** The grade whose line `total` reaches, the highest such; null below every line (不评级). */
export function gradeFor(lines: GradeLines, total: number): string | null {
  let best: { grade: string; line: number } | null = null;
  for (const [grade, line] of Object.entries(lines)) {
    if (total >= line && (!best || line > best.line)) best = { grade, line };
  }
  return best?.grade ?? null;
}

type Compiled = {
  params: Map<string, Record<string, unknown>>;
  categoryOf: Map<string, string>;
  /** the points available per element, category and tier */
  available: { elements: Map<string, number>; categories: Map<string, number>; tiers: Map<Tier, number>; total: number };
};
const compiledCatalogues = new WeakMap<Catalogue, Compiled>();

function add<K>(m: Map<K, number>, k: K, v: number) {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** Parses each rule's params once per catalogue object, so scoring many communities does not redo it. */
function compile(catalogue: Catalogue): Compiled {
  const cached = compiledCatalogues.get(catalogue);
  if (cached) return cached;
  const params = new Map<string, Record<string, unknown>>();
  for (const ind of catalogue.indicators) {
    if (ind.method.kind !== 'automatic') continue;
    const parsed = isRuleName(ind.method.rule) ? parseRuleParams(ind.method.rule, ind.method.params) : null;
    if (!parsed?.ok) throw new Error(`indicator "${ind.id}": invalid rule or params; validate the catalogue first`);
    params.set(ind.id, parsed.params as Record<string, unknown>);
  }
  const categoryOf = new Map(catalogue.elements.map((e) => [e.id, e.category]));
  const available: Compiled['available'] = { elements: new Map(), categories: new Map(), tiers: new Map(), total: 0 };
  for (const ind of catalogue.indicators) {
    add(available.elements, ind.element, ind.points);
    add(available.categories, categoryOf.get(ind.element)!, ind.points);
    add(available.tiers, ind.tier, ind.points);
    available.total += ind.points;
  }
  const compiled = { params, categoryOf, available };
  compiledCatalogues.set(catalogue, compiled);
  return compiled;
}

/**
 * Assessed indicators: the best accepted upload decides. Its credit counts only where the catalogue allows
 * partial credit; otherwise acceptance is all or nothing. Pending and rejected uploads earn nothing.
 */
function assess(indicator: Indicator & { method: { kind: 'assessed' } }, uploads: UploadView[]): RuleOutcome {
  const accepted = uploads.filter((u) => u.status === 'accepted');
  const best = accepted.reduce<UploadView | null>((b, u) => (!b || u.credit > b.credit ? u : b), null);
  const fraction = !best ? 0 : indicator.method.partial ? best.credit : 1;
  const parts: ScoringMessage[] = [];
  const missing: ScoringMessage[] = [];
  if (best) {
    parts.push(message('scoring.part.assessed', { percent: Math.floor(fraction * 100) }));
    if (!indicator.method.partial && best.credit < 1) parts.push(message('scoring.part.creditIgnored'));
  }
  if (fraction < 1) {
    const pending = uploads.filter((u) => u.status === 'pending').length;
    const rejected = uploads.filter((u) => u.status === 'rejected').length;
    if (uploads.length === 0) missing.push(message('scoring.missing.noUpload'));
    if (best) missing.push(message('scoring.missing.partialCredit', { percent: Math.floor(fraction * 100) }));
    if (pending) missing.push(message('scoring.missing.uploadPending', { count: pending }));
    if (rejected) missing.push(message('scoring.missing.uploadRejected', { count: rejected }));
  }
  return { fraction, evidence: best ? [best.id] : [], parts, missing };
}

function toInstant(asOf: ScoreOptions['asOf']): number {
  const t = asOf instanceof Date ? asOf.getTime() : typeof asOf === 'number' ? asOf : Date.parse(asOf);
  if (Number.isNaN(t)) throw new Error(`asOf is not a date: ${String(asOf)}`);
  return t;
}

export function scoreCommunity(catalogue: Catalogue, facts: CommunityFacts, options: ScoreOptions): ScoreCard {
  const { period } = options;
  const asOf = toInstant(options.asOf);
  const { params, categoryOf, available } = compile(catalogue);
  const view = viewFacts(facts, period, asOf);
  const ctx = { period, asOf };

  const uploadsByIndicator = new Map<string, UploadView[]>();
  for (const u of view.uploads) {
    const list = uploadsByIndicator.get(u.indicatorId);
    if (list) list.push(u);
    else uploadsByIndicator.set(u.indicatorId, [u]);
  }

  // Points are summed in tenths, as integers, so the totals are exact sums of the indicator points.
  const tenths = { elements: new Map<string, number>(), categories: new Map<string, number>(), tiers: new Map<Tier, number>() };
  let totalTenths = 0;

  const indicators: IndicatorScore[] = catalogue.indicators.map((ind) => {
    const outcome = ind.method.kind === 'automatic'
      ? evaluateRule(ind.method.rule as RuleName, params.get(ind.id), view, ctx)
      : assess(ind as Indicator & { method: { kind: 'assessed' } }, uploadsByIndicator.get(ind.id) ?? []);
    // The one cap: whatever a rule or an assessor's credit says, an indicator earns 0..its points.
    const fraction = Math.min(1, Math.max(0, outcome.fraction));
    // Floor, never round: a community must not reach a grade line on points it has not fully earned.
    const earnedTenths = Math.floor(ind.points * 10 * fraction + 1e-6);
    const category = categoryOf.get(ind.element)!;
    add(tenths.elements, ind.element, earnedTenths);
    add(tenths.categories, category, earnedTenths);
    add(tenths.tiers, ind.tier, earnedTenths);
    totalTenths += earnedTenths;
    return {
      id: ind.id, element: ind.element, category, tier: ind.tier, points: ind.points, earned: earnedTenths / 10,
      explanation: {
        rule: ind.method.kind === 'automatic' ? (ind.method.rule as RuleName) : 'assessed',
        evidence: outcome.evidence, parts: outcome.parts, missing: outcome.missing,
      },
    };
  });

  const subtotal = <K extends string>(keys: K[], earned: Map<K, number>, points: Map<K, number>) =>
    Object.fromEntries(keys.map((k) => [k, { earned: (earned.get(k) ?? 0) / 10, points: points.get(k) ?? 0 }])) as Record<K, Subtotal>;

  const total = totalTenths / 10;
  return {
    catalogueVersion: catalogue.version,
    communityId: facts.communityId,
    period,
    asOf: new Date(asOf).toISOString(),
    indicators,
    elements: subtotal(catalogue.elements.map((e) => e.id), tenths.elements, available.elements),
    categories: subtotal(catalogue.categories.map((c) => c.id), tenths.categories, available.categories),
    tiers: subtotal([...tiers], tenths.tiers, available.tiers),
    total,
    points: available.total,
    grade: gradeFor(catalogue.grades, total),
    warnings: shortfallWarnings({
      catalogue, facts: view, period, asOf, params,
      scores: indicators.map((s) => ({ id: s.id, points: s.points, earned: s.earned, automatic: s.explanation.rule !== 'assessed' })),
    }),
  };
}
