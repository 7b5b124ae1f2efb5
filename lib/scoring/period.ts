/**
 * Assessment periods, quarters and calendar days in Asia/Shanghai.
 *
 * Every boundary is an instant computed with an explicit +08:00 offset: China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact, and the result never depends on the machine's
 * TZ (Date's local getters are never used here). Intervals are half-open: [start, end).
 */
import { z } from 'zod';

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** An assessment year as it arrives in a request or a file. */
export const AssessmentYear = z.coerce.number().int().min(2000).max(2100);

/** An assessment period: one calendar year in Asia/Shanghai. */
export type Period = { year: number };

export type Interval = { start: number; end: number };

/** Calendar windows the rules count sessions in. */
export type WindowKind = 'month' | 'quarter' | 'half_year';

const MONTHS_PER: Record<WindowKind, number> = { month: 1, quarter: 3, half_year: 6 };

/** The instant a Shanghai calendar month starts; month 12 rolls into the next year (Date.UTC does that). */
function monthStart(year: number, monthIndex: number): number {
  return Date.UTC(year, monthIndex, 1) - OFFSET_MS;
}

export function periodInterval(period: Period): Interval {
  return { start: monthStart(period.year, 0), end: monthStart(period.year + 1, 0) };
}

/** The period's windows of a kind, in order: 12 months, 4 quarters or 2 half-years; `index` is 1-based. */
export function windowsOf(period: Period, kind: WindowKind): (Interval & { index: number })[] {
  const step = MONTHS_PER[kind];
  const out: (Interval & { index: number })[] = [];
  for (let m = 0; m < 12; m += step) {
    out.push({ index: m / step + 1, start: monthStart(period.year, m), end: monthStart(period.year, m + step) });
  }
  return out;
}

/** `2026-Q2`, `2026-H1`, `2026-03`: a locale-neutral label used in explanations and warnings. */
export function windowLabel(period: Period, kind: WindowKind, index: number): string {
  if (kind === 'quarter') return `${period.year}-Q${index}`;
  if (kind === 'half_year') return `${period.year}-H${index}`;
  return `${period.year}-${String(index).padStart(2, '0')}`;
}

export function contains(interval: Interval, instant: number): boolean {
  return instant >= interval.start && instant < interval.end;
}

/** The quarter (1–4) of the period that `instant` falls in, or null outside the period. */
export function quarterOf(period: Period, instant: number): number | null {
  const q = windowsOf(period, 'quarter').find((w) => contains(w, instant));
  return q ? q.index : null;
}

/**
 * Days since 1970-01-01 on the Shanghai calendar. Differences of these are calendar days as residents
 * count them: "7 days ahead" means 7 dates earlier, whatever the hour of the notice.
 */
export function shanghaiDay(instant: number): number {
  return Math.floor((instant + OFFSET_MS) / DAY_MS);
}

/** The assessment year (Shanghai calendar year) an instant falls in, whatever the machine's TZ. */
export function yearOf(instant: number | Date): number {
  return new Date(Number(instant) + OFFSET_MS).getUTCFullYear();
}

/** Share of the period elapsed at `asOf`, clamped to 0..1. */
export function elapsedShare(period: Period, asOf: number): number {
  const { start, end } = periodInterval(period);
  return Math.min(1, Math.max(0, (asOf - start) / (end - start)));
}

/** Calendar days left in `interval` counting the day of `asOf` (the last day of a quarter leaves 1). */
export function daysLeft(interval: Interval, asOf: number): number {
  return Math.max(0, shanghaiDay(interval.end - 1) - shanghaiDay(asOf) + 1);
}


/** The Shanghai calendar date (YYYY-MM-DD) of a `shanghaiDay` number. */
export function shanghaiDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
