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

/** A file's size as downloads show it: 850 → "1 KB", 348160 → "340 KB", 2.5e6 → "2.4 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
