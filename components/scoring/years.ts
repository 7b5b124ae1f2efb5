import { yearOf } from '@/lib/scoring/period';

/** The years the pages offer: this assessment year (Asia/Shanghai) and the two before, as the overview's trend. */
export function recentYears(now = new Date()): number[] {
  const y = yearOf(now);
  return [y - 2, y - 1, y];
}

/** `?year=` if it is one of the offered years, else the current one. */
export function yearFrom(param: string | string[] | undefined, now = new Date()): number {
  const y = Number(Array.isArray(param) ? param[0] : param);
  return recentYears(now).includes(y) ? y : yearOf(now);
}
