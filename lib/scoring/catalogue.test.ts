import { describe, expect, it } from 'vitest';
import defaultJson from './catalogue/default.json' with { type: 'json' };
import { loadDefaultCatalogue, TIER_POINTS, TOTAL_POINTS, validateCatalogue } from './catalogue';
import { ruleNames } from './rules';

type Raw = typeof defaultJson & Record<string, unknown>;
type RawIndicator = Raw['indicators'][number] & Record<string, unknown>;

/** A deep copy of the default catalogue to break. */
const copy = (): Raw => structuredClone(defaultJson) as Raw;
const indicator = (raw: Raw, id: string) => raw.indicators.find((i) => i.id === id)! as RawIndicator;

function errorsOf(raw: unknown): string[] {
  const result = validateCatalogue(raw);
  if (result.ok) throw new Error('expected the catalogue to be invalid');
  return result.errors;
}

describe('the default catalogue', () => {
  it('validates', () => {
    const result = validateCatalogue(defaultJson);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has the standard’s shape: 7 categories, 600/200/200 points, 1000 in all, a good half automatic', () => {
    const c = loadDefaultCatalogue();
    expect(c.version).toBe('2026.1');
    expect(c.categories.map((x) => x.name['zh-CN'])).toEqual(['协商主题', '协商客体', '协商形式', '协商机制', '协商成效', '协商场域', '协商保障']);
    for (const tier of ['basic', 'advanced', 'featured'] as const) {
      expect(c.indicators.filter((i) => i.tier === tier).reduce((s, i) => s + i.points, 0)).toBe(TIER_POINTS[tier]);
    }
    expect(c.indicators.reduce((s, i) => s + i.points, 0)).toBe(TOTAL_POINTS);
    expect(c.indicators.length).toBeGreaterThanOrEqual(40);
    expect(c.indicators.filter((i) => i.method.kind === 'automatic').length * 2).toBeGreaterThan(c.indicators.length);
    expect(c.grades).toEqual({ '5A': 900, '4A': 800, '3A': 700, '2A': 650, '1A': 600 });
  });

  it('uses every automatic rule the engine has', () => {
    const used = new Set(loadDefaultCatalogue().indicators.flatMap((i) => (i.method.kind === 'automatic' ? [i.method.rule] : [])));
    expect([...used].sort()).toEqual([...ruleNames].sort());
  });

  it('comes back with the rules’ default params filled in, leaving the input as it was', () => {
    const raw = copy();
    const method = indicator(raw, 'form.hearing.notice').method as { params: Record<string, unknown> };
    delete method.params.threshold;
    const result = validateCatalogue(raw);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const validated = result.catalogue.indicators.find((i) => i.id === 'form.hearing.notice')!;
    expect(validated.method).toMatchObject({ rule: 'notice_ahead', params: { match: { forms: ['hearing'] }, days: 7, threshold: 1 } });
    expect(method.params).not.toHaveProperty('threshold');
  });
});

describe('validateCatalogue names what is wrong', () => {
  it('a malformed indicator, by its id', () => {
    const raw = copy();
    delete (indicator(raw, 'topic.review.party') as Record<string, unknown>).text;
    expect(errorsOf(raw)).toEqual([expect.stringMatching(/^indicator "topic\.review\.party": text: /)]);
  });

  it('a duplicate id', () => {
    const raw = copy();
    indicator(raw, 'topic.intake.volume').id = 'topic.intake.paths';
    expect(errorsOf(raw)).toContain('duplicate id "topic.intake.paths"');
  });

  it('an element in an unknown category', () => {
    const raw = copy();
    raw.elements.find((e) => e.id === 'topic.notice')!.category = 'nowhere';
    expect(errorsOf(raw)).toContain('element "topic.notice": unknown category "nowhere"');
  });

  it('an indicator under an unknown element', () => {
    const raw = copy();
    indicator(raw, 'topic.review.public').element = 'topic.nowhere';
    expect(errorsOf(raw)).toContain('indicator "topic.review.public": unknown element "topic.nowhere"');
  });

  it('an element without indicators and a category without elements', () => {
    const raw = copy();
    raw.elements.push({ id: 'venue.extra', category: 'venue', name: { 'zh-CN': '其他', en: 'Other' } });
    raw.categories.push({ id: 'empty', name: { 'zh-CN': '空', en: 'Empty' } });
    expect(errorsOf(raw)).toEqual(['category "empty" has no elements', 'element "venue.extra" has no indicators']);
  });

  it('an unknown rule', () => {
    const raw = copy();
    (indicator(raw, 'topic.intake.paths').method as { rule: string }).rule = 'mind_reading';
    expect(errorsOf(raw)).toContain('indicator "topic.intake.paths": unknown rule "mind_reading"');
  });

  it('params the rule does not accept', () => {
    const raw = copy();
    (indicator(raw, 'object.levels.all').method as { params: object }).params = { dimension: 'level', atLeast: 4 };
    (indicator(raw, 'form.hearing.held').method as { params: object }).params = { match: { forms: ['tea_party'] }, atLeast: 1 };
    const errors = errorsOf(raw);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^indicator "object\.levels\.all": rule distinct_values: params\.atLeast: /);
    expect(errors[1]).toMatch(/^indicator "form\.hearing\.held": rule record_count: params\.match\.forms\.0: /);
  });

  it('tiers that do not add up to 600 / 200 / 200 and 1000', () => {
    const raw = copy();
    indicator(raw, 'topic.intake.volume').points += 5;
    expect(errorsOf(raw)).toEqual([
      'tier basic: indicators sum to 605 points, the standard gives it 600',
      'indicators sum to 1005 points in all, the standard totals 1000',
    ]);
  });

  it('grade lines that do not rise with the grade, or cannot be reached', () => {
    const raw = copy();
    raw.grades['3A'] = 650;
    raw.grades['5A'] = 1001;
    expect(errorsOf(raw)).toEqual([
      'grade 3A: line 650 is not above grade 2A\'s line 650',
      'grade 5A: line 1001 is above the total of 1000',
    ]);
  });

  it('a grade line below 600, where the standard gives no grade (an edited 1A at 300 is refused)', () => {
    const raw = copy();
    raw.grades['1A'] = 300;
    expect(errorsOf(raw)).toEqual(['grade 1A: line 300 is below 600, under which the standard gives no grade']);
    raw.grades['1A'] = 600;
    expect(validateCatalogue(raw).ok).toBe(true);
  });

  it('a grade that is not nA, by its name', () => {
    const raw = copy() as Raw & { grades: Record<string, number> };
    raw.grades['AAAAA'] = 950;
    expect(errorsOf(raw)).toEqual([expect.stringMatching(/^grades\.AAAAA: /)]);
  });

  it('warnings pointing at a missing indicator or at one with another rule', () => {
    const raw = copy();
    raw.warnings.quarterlySession.indicator = 'form.council.gone';
    raw.warnings.resultsDue.indicator = 'form.hearing.held';
    expect(errorsOf(raw)).toEqual([
      'warnings.quarterlySession: unknown indicator "form.council.gone"',
      'warnings.resultsDue: indicator "form.hearing.held" does not use the rule results_published',
    ]);
  });

  it('a quarterly-session warning on an indicator not counted per quarter', () => {
    const raw = copy();
    raw.warnings.quarterlySession.indicator = 'form.evaluation.half_yearly';
    expect(errorsOf(raw)).toEqual(['warnings.quarterlySession: indicator "form.evaluation.half_yearly" is not counted per quarter']);
  });

  it('does not change the input', () => {
    const raw = copy();
    validateCatalogue(raw);
    expect(raw).toEqual(defaultJson);
  });
});
