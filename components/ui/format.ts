/**
 * Display formats that need no words from the catalogue (so no locale): anything with words or
 * separators goes through lib/i18n/locale.ts (`formatDateTime`, `formatNumber`, `formatList`).
 */

/** A length of time as a stopwatch shows it, in any language: 75 → "1:15", 3600 → "60:00". */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
