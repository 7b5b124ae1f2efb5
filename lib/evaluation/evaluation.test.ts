import { describe, expect, it } from 'vitest';
import { satisfactionRate, unitResult } from './aggregate';
import { addToBox, readBox } from './box';
import { cardProblems, type Card } from './criteria';
import { planHash } from './hash';
import { PlanInput, RatingsInput } from './inputs';
import { LINK_READABLE_DAYS, linkPhase } from './links';

const card = (c: Partial<Card> = {}): Card => ({ completion: 'satisfied', performance: 'satisfied', problems: '', reasons: '', ...c });

describe('a rating card', () => {
  it('needs both ratings from the three levels; the texts are optional and bounded', () => {
    expect(cardProblems(card())).toEqual([]);
    expect(cardProblems({ completion: 'satisfied' })).toEqual([{ field: 'performance', problem: 'rating_required' }]);
    expect(cardProblems({ completion: '5', performance: 'dissatisfied' })).toEqual([{ field: 'completion', problem: 'rating_required' }]);
    expect(cardProblems({ ...card(), reasons: 'x'.repeat(1001) })).toEqual([{ field: 'reasons', problem: 'text_too_long' }]);
    expect(cardProblems({ ...card(), problems: `  ${'x'.repeat(1000)}  ` })).toEqual([]);
  });

  it('the server’s schema applies the same rule at the field, and takes nothing else', () => {
    const bad = RatingsInput.safeParse({ cards: [{ unitId: 'u1', completion: 'satisfied' }] });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toContain('cards.0.performance');
    expect(RatingsInput.parse({ cards: [{ unitId: 'u1', completion: 'satisfied', performance: 'dissatisfied' }] }).cards[0]).toEqual({ unitId: 'u1', completion: 'satisfied', performance: 'dissatisfied', problems: '', reasons: '' });
    expect(RatingsInput.safeParse({ cards: [{ unitId: 'u1', completion: 'satisfied', performance: 'satisfied', evaluator: 'me' }] }).success).toBe(false);
    expect(RatingsInput.safeParse({ cards: [] }).success).toBe(false);
  });
});

describe('a plan', () => {
  it('needs a commitment per unit, distinct unit names, and a period that does not end before it begins', () => {
    const paths = (raw: unknown) => PlanInput.safeParse(raw).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ units: [{ name: '物业', commitments: [] }] })).toEqual(['units.0.commitments']);
    expect(paths({ units: [{ name: '物业', commitments: [{ text: 'a' }] }, { name: '物业', commitments: [{ text: 'b' }] }] })).toEqual(['units.1.name']);
    expect(paths({ periodFrom: '2026-12-01', periodTo: '2026-06-01' })).toEqual(['periodTo']);
    expect(paths({ periodFrom: '2026-13-45' })).toEqual(['periodFrom']);
    expect(paths({})).toEqual(['']);
  });

  it('is named by the hash of its canonical JSON: the same plan, the same hash', () => {
    const p = { periodFrom: '2026-06-01', periodTo: '2026-11-30', units: [{ id: 'u1', name: '物业', commitments: [{ text: 'a', decision: null, status: null }] }] };
    expect(planHash(p)).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash({ units: p.units, periodTo: p.periodTo, periodFrom: p.periodFrom })).toBe(planHash(p));
    expect(planHash({ ...p, periodTo: '2026-12-01' })).not.toBe(planHash(p));
  });
});

describe('the anonymous box', () => {
  const cards = [card({ problems: '车位被占' }), card({ completion: 'dissatisfied', reasons: '审批未过' }), card({ performance: 'basically_satisfied' })];

  it('holds the same bytes whatever order the cards arrived in, and nothing but the cards', () => {
    const fill = (order: Card[]) => order.reduce<string | null>((box, c) => addToBox(box, c), null)!;
    const forward = fill(cards);
    expect(fill([...cards].reverse())).toBe(forward);
    expect(fill([cards[1]!, cards[0]!, cards[2]!])).toBe(forward);
    for (const e of JSON.parse(forward) as string[]) expect(Object.keys(JSON.parse(e)).sort()).toEqual(['completion', 'performance', 'problems', 'reasons']);
    expect(readBox(forward)).toHaveLength(3);
  });

  it('refuses anything that is not a card when read back', () => {
    expect(() => readBox(JSON.stringify([JSON.stringify({ ...card(), evaluator: 'x' })]))).toThrow();
  });
});

describe('a unit’s result', () => {
  it('counts each rated criterion, lists the texts sorted without blanks, and gives the satisfaction rate', () => {
    const r = unitResult([
      card({ problems: '  乙问题 ' }), card({ completion: 'basically_satisfied', performance: 'dissatisfied', problems: '甲问题' }),
      card({ completion: 'dissatisfied', performance: 'dissatisfied', reasons: '资金未到位' }), card({ problems: '   ' }),
    ]);
    expect(r).toEqual({
      answers: 4,
      completion: { satisfied: 2, basically_satisfied: 1, dissatisfied: 1 },
      performance: { satisfied: 2, basically_satisfied: 0, dissatisfied: 2 },
      problems: ['乙问题', '甲问题'].sort(), reasons: ['资金未到位'],
    });
    expect(satisfactionRate(r.completion)).toBe(75);
    expect(satisfactionRate(r.performance)).toBe(50);
    expect(satisfactionRate({ satisfied: 1, basically_satisfied: 0, dissatisfied: 2 })).toBe(33);
    expect(satisfactionRate({ satisfied: 2, basically_satisfied: 0, dissatisfied: 1 })).toBe(67);
    expect(satisfactionRate({ satisfied: 0, basically_satisfied: 0, dissatisfied: 0 })).toBeNull();
    expect(unitResult([])).toMatchObject({ answers: 0, problems: [], reasons: [] });
  });
});

describe('a personal link', () => {
  it('rates while open, shows closed for 30 days after the close, then has expired; a draft’s never rates', () => {
    const closedAt = new Date('2026-12-10T00:00:00Z');
    expect(linkPhase(new Date(), { status: 'open', closedAt: null })).toBe('rating');
    expect(linkPhase(new Date('2026-12-11T00:00:00Z'), { status: 'closed', closedAt })).toBe('closed');
    expect(linkPhase(new Date(closedAt.getTime() + LINK_READABLE_DAYS * 86_400_000), { status: 'closed', closedAt })).toBe('expired');
    expect(linkPhase(new Date(), { status: 'draft', closedAt: null })).toBe('expired');
  });
});
