import { describe, expect, it } from 'vitest';
import { daysLeft, elapsedShare, periodInterval, quarterOf, shanghaiDate, shanghaiDay, windowLabel, windowsOf, yearOf } from './period';

const at = (iso: string) => Date.parse(iso);
const y2026 = { year: 2026 };

describe('assessment periods in Asia/Shanghai', () => {
  it('a year runs from 00:00 +08:00 on 1 January to the next year’s start', () => {
    const { start, end } = periodInterval(y2026);
    expect(new Date(start).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it.each([
    ['2026-03-31T23:30:00+08:00', 1],
    ['2026-04-01T00:10:00+08:00', 2], // = 2026-03-31T16:10Z: still March in UTC
    ['2026-03-31T16:10:00Z', 2],
    ['2026-01-01T00:00:00+08:00', 1],
    ['2026-12-31T23:59:59+08:00', 4],
    ['2025-12-31T23:59:59+08:00', null],
    ['2027-01-01T00:00:00+08:00', null],
  ])('%s is in quarter %s', (iso, quarter) => {
    expect(quarterOf(y2026, at(iso))).toBe(quarter);
  });

  it('splits the year into 12 months, 4 quarters and 2 half-years without gaps', () => {
    for (const kind of ['month', 'quarter', 'half_year'] as const) {
      const ws = windowsOf(y2026, kind);
      expect(ws[0]!.start).toBe(periodInterval(y2026).start);
      expect(ws.at(-1)!.end).toBe(periodInterval(y2026).end);
      ws.slice(1).forEach((w, i) => expect(w.start).toBe(ws[i]!.end));
    }
    expect(windowsOf(y2026, 'month')).toHaveLength(12);
    expect(windowsOf(y2026, 'half_year')[1]!.start).toBe(at('2026-07-01T00:00:00+08:00'));
  });

  it('labels windows without locale words', () => {
    expect(windowLabel(y2026, 'quarter', 2)).toBe('2026-Q2');
    expect(windowLabel(y2026, 'half_year', 1)).toBe('2026-H1');
    expect(windowLabel(y2026, 'month', 3)).toBe('2026-03');
  });
});

describe('yearOf', () => {
  it('is the Shanghai calendar year, not the UTC one', () => {
    expect(yearOf(Date.parse('2026-12-31T15:59:59Z'))).toBe(2026); // 23:59:59 in Shanghai
    expect(yearOf(Date.parse('2026-12-31T16:00:00Z'))).toBe(2027); // midnight in Shanghai
    expect(yearOf(new Date('2027-01-01T00:00:00+08:00'))).toBe(2027);
  });
});

describe('Shanghai calendar days', () => {
  it('change at midnight +08:00, not at midnight UTC', () => {
    expect(shanghaiDay(at('2026-03-02T07:00:00+08:00'))).toBe(shanghaiDay(at('2026-03-02T00:00:00+08:00')));
    expect(shanghaiDay(at('2026-03-02T00:00:00+08:00')) - shanghaiDay(at('2026-03-01T23:59:00+08:00'))).toBe(1);
    expect(shanghaiDate(shanghaiDay(at('2026-03-31T16:10:00Z')))).toBe('2026-04-01');
  });

  it('counts the days left in a quarter including today', () => {
    const q2 = windowsOf(y2026, 'quarter')[1]!;
    expect(daysLeft(q2, at('2026-06-30T23:00:00+08:00'))).toBe(1);
    expect(daysLeft(q2, at('2026-06-20T09:00:00+08:00'))).toBe(11);
    expect(daysLeft(q2, at('2026-04-01T00:00:00+08:00'))).toBe(91);
  });

  it('measures how much of the period is gone', () => {
    expect(elapsedShare(y2026, at('2025-06-01T00:00:00+08:00'))).toBe(0);
    expect(elapsedShare(y2026, at('2026-07-02T12:00:00+08:00'))).toBeCloseTo(0.5, 2);
    expect(elapsedShare(y2026, at('2027-06-01T00:00:00+08:00'))).toBe(1);
  });
});
