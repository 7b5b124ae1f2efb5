import { z } from 'zod';
import defaultCatalogueJson from './catalogue/default.json' with { type: 'json' };
import { RecordMatcher } from './facts';
import { isRuleName, parseRuleParams, type RuleName } from './rules';

/**
 * The indicator catalogue of 《创新党领导的社区多方协商共治机制评价指标》 as data: categories → element
 * indicators → indicators in three tiers, the grade lines and the warning thresholds. The district edits
 * it; nothing in code names an indicator, a grade line or a threshold.
 */

/**
 * Fixed by the standard itself (its five-level framework: basic 600, advanced 200, featured 200, 1000 in
 * all), unlike the indicators, points per indicator and grade lines, which the seed leaves to us.
 */
export const tiers = ['basic', 'advanced', 'featured'] as const; // 基础 / 进阶 / 特色
export const Tier = z.enum(tiers);
export type Tier = z.infer<typeof Tier>;
/** The standard: below 600 points there is no grade. */
export const LOWEST_GRADE_LINE = 600;
export const TIER_POINTS: Record<Tier, number> = { basic: 600, advanced: 200, featured: 200 };
export const TOTAL_POINTS = 1000;

const Text = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const Id = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'ids are lower-case words joined by dots');
const Share = z.number().gt(0).max(1);
const Days = z.number().int().min(0).max(366);

const AutomaticMethod = z.strictObject({
  kind: z.literal('automatic'),
  rule: z.string(),
  params: z.record(z.string(), z.unknown()),
});
const AssessedMethod = z.strictObject({
  kind: z.literal('assessed'),
  /** what materials count (shown to the community uploading and to the assessor) */
  evidence: Text,
  /** whether the assessor may grant partial credit; otherwise an accepted upload earns full points */
  partial: z.boolean(),
});

const Indicator = z.strictObject({
  id: Id,
  element: Id,
  tier: Tier,
  points: z.number().int().positive(),
  text: Text,
  method: z.discriminatedUnion('kind', [AutomaticMethod, AssessedMethod]),
  /** which filed meeting records are evidence for the indicator; omitted = none are */
  evidence: z.strictObject({ records: RecordMatcher.optional() }).optional(),
  /** where a figure is our default rather than the standard's */
  note: Text.optional(),
});

const Warnings = z.strictObject({
  note: Text.optional(),
  /** an indicator earning less than `below` of its points once `afterElapsed` of the period is gone */
  lowScore: z.strictObject({ below: Share, afterElapsed: Share }).optional(),
  /** no meeting yet this quarter for a `regular_sessions` quarterly indicator */
  quarterlySession: z.strictObject({ indicator: Id, mediumWhenDaysLeft: Days, highWhenDaysLeft: Days }).optional(),
  /** results of a `results_published` indicator's meetings due within `nearDays`, or overdue */
  resultsDue: z.strictObject({ indicator: Id, nearDays: Days }).optional(),
  /** decisions past the due days of a `follow_up` indicator without follow-up */
  followUp: z.strictObject({ indicator: Id }).optional(),
  /** uploads awaiting review; high once one has waited `highAfterDays` */
  pendingReview: z.strictObject({ highAfterDays: Days }).optional(),
});

export const CatalogueSchema = z.strictObject({
  version: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  title: Text,
  note: Text.optional(),
  categories: z.array(z.strictObject({ id: Id, name: Text })).min(1),
  elements: z.array(z.strictObject({ id: Id, category: Id, name: Text })).min(1),
  indicators: z.array(Indicator).min(1),
  /** grade → minimum total, e.g. {"5A": 900, …, "1A": 600}; below the lowest line there is no grade */
  grades: z.record(z.string().regex(/^[1-9]A$/, 'grades are named 1A … 9A'), z.number().int().positive()),
  warnings: Warnings,
});

export type Catalogue = z.output<typeof CatalogueSchema>;
export type Indicator = Catalogue['indicators'][number];
export type GradeLines = Catalogue['grades'];

/** Which rule each warning section must point at, so the warning can reuse that indicator's params. */
const warningRules: Partial<Record<keyof Catalogue['warnings'], RuleName>> = {
  quarterlySession: 'regular_sessions',
  resultsDue: 'results_published',
  followUp: 'follow_up',
};

/** Names the object a zod issue is about by its id where it has one, e.g. `indicator "form.council.quarterly"`. */
function where(raw: unknown, path: PropertyKey[]): string {
  const [list, index, ...rest] = path;
  const kinds: Record<string, string> = { categories: 'category', elements: 'element', indicators: 'indicator' };
  if (typeof list === 'string' && kinds[list] && typeof index === 'number') {
    const id = (raw as Record<string, { id?: unknown }[]>)[list]?.[index]?.id;
    const name = typeof id === 'string' ? `${kinds[list]} "${id}"` : `${list}[${index}]`;
    return rest.length ? `${name}: ${rest.join('.')}` : name;
  }
  return path.join('.') || '(catalogue)';
}

export type ValidationResult = { ok: true; catalogue: Catalogue } | { ok: false; errors: string[] };

/**
 * Checks a catalogue: the shape, then the rules that tie it together. Every error names the id it is
 * about. On success the automatic indicators' params come back parsed, with the rules' defaults filled in.
 */
export function validateCatalogue(raw: unknown): ValidationResult {
  const parsed = CatalogueSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${where(raw, i.path)}: ${i.message}`) };
  }
  const catalogue = structuredClone(parsed.data);
  const errors: string[] = [];

  const seen = new Set<string>();
  for (const { id } of [...catalogue.categories, ...catalogue.elements, ...catalogue.indicators]) {
    if (seen.has(id)) errors.push(`duplicate id "${id}"`);
    seen.add(id);
  }

  const categoryIds = new Set(catalogue.categories.map((c) => c.id));
  const elementIds = new Set(catalogue.elements.map((e) => e.id));
  for (const e of catalogue.elements) {
    if (!categoryIds.has(e.category)) errors.push(`element "${e.id}": unknown category "${e.category}"`);
  }
  for (const c of catalogue.categories) {
    if (!catalogue.elements.some((e) => e.category === c.id)) errors.push(`category "${c.id}" has no elements`);
  }
  for (const e of catalogue.elements) {
    if (!catalogue.indicators.some((i) => i.element === e.id)) errors.push(`element "${e.id}" has no indicators`);
  }

  for (const ind of catalogue.indicators) {
    if (!elementIds.has(ind.element)) errors.push(`indicator "${ind.id}": unknown element "${ind.element}"`);
    if (ind.method.kind !== 'automatic') continue;
    const { rule } = ind.method;
    if (!isRuleName(rule)) {
      errors.push(`indicator "${ind.id}": unknown rule "${rule}"`);
      continue;
    }
    const params = parseRuleParams(rule, ind.method.params);
    if (params.ok) ind.method.params = params.params as Record<string, unknown>;
    else for (const i of params.issues) errors.push(`indicator "${ind.id}": rule ${rule}: params.${i.path.join('.')}: ${i.message}`);
  }

  let total = 0;
  for (const tier of tiers) {
    const sum = catalogue.indicators.filter((i) => i.tier === tier).reduce((s, i) => s + i.points, 0);
    total += sum;
    if (sum !== TIER_POINTS[tier]) errors.push(`tier ${tier}: indicators sum to ${sum} points, the standard gives it ${TIER_POINTS[tier]}`);
  }
  if (total !== TOTAL_POINTS) errors.push(`indicators sum to ${total} points in all, the standard totals ${TOTAL_POINTS}`);

  // Grade lines must rise with the grade (1A lowest), be reachable, and none may sit below 600: the
  // standard gives no grade below 600 points, so an edited catalogue cannot grade a community that fails.
  const lines = Object.entries(catalogue.grades).sort(([a], [b]) => parseInt(a) - parseInt(b));
  if (lines.length === 0) errors.push('grades: at least one grade line is needed');
  lines.forEach(([grade, line], k) => {
    if (line > TOTAL_POINTS) errors.push(`grade ${grade}: line ${line} is above the total of ${TOTAL_POINTS}`);
    if (line < LOWEST_GRADE_LINE) errors.push(`grade ${grade}: line ${line} is below ${LOWEST_GRADE_LINE}, under which the standard gives no grade`);
    const below = lines[k - 1];
    if (below && line <= below[1]) errors.push(`grade ${grade}: line ${line} is not above grade ${below[0]}'s line ${below[1]}`);
  });

  for (const [section, rule] of Object.entries(warningRules) as [keyof Catalogue['warnings'], RuleName][]) {
    const config = catalogue.warnings[section] as { indicator: string } | undefined;
    if (!config) continue;
    const ind = catalogue.indicators.find((i) => i.id === config.indicator);
    if (!ind) errors.push(`warnings.${section}: unknown indicator "${config.indicator}"`);
    else if (ind.method.kind !== 'automatic' || ind.method.rule !== rule) {
      errors.push(`warnings.${section}: indicator "${ind.id}" does not use the rule ${rule}`);
    } else if (section === 'quarterlySession' && ind.method.params.every !== 'quarter') {
      errors.push(`warnings.${section}: indicator "${ind.id}" is not counted per quarter`);
    }
  }

  return errors.length ? { ok: false, errors } : { ok: true, catalogue };
}

export type AssessedIndicator = Indicator & { method: Extract<Indicator['method'], { kind: 'assessed' }> };

/** The indicators an assessor scores from uploaded materials (the rest are computed from platform data). */
export function assessedIndicators(catalogue: Catalogue): AssessedIndicator[] {
  return catalogue.indicators.filter((i): i is AssessedIndicator => i.method.kind === 'assessed');
}

let defaultCatalogue: Catalogue | undefined;

/**
 * The catalogue the product ships (lib/scoring/catalogue/default.json), validated once. Every caller gets
 * the same object (the engine caches per catalogue object): treat it as read-only.
 */
export function loadDefaultCatalogue(): Catalogue {
  if (!defaultCatalogue) {
    const result = validateCatalogue(defaultCatalogueJson);
    if (!result.ok) throw new Error(`The default catalogue is invalid:\n${result.errors.join('\n')}`);
    defaultCatalogue = result.catalogue;
  }
  return defaultCatalogue;
}
