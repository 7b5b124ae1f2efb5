import { z } from 'zod';

/**
 * A community's short code: the address of its public board, /c/<code>, printed on posters and read out
 * in the hall. Lowercase letters, digits and inner hyphens (a pinyin slug such as `guihu` or
 * `san-he`), 3–32 characters — so it is URL-safe as is and never as long as an id (36), which keeps
 * an old /c/<id> link and a code apart. Typed codes are trimmed and lowercased. Kept apart from
 * community-code.ts (database, node:crypto) so pages in the browser can use it.
 */
export const CommunityCode = z.string().trim().toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/, 'use 3–32 lowercase letters, digits or inner hyphens')
  .refine((c) => !c.includes('--'), 'no double hyphens');

/** The board's path for a community code (the one place that spells /c/…). */
export function boardPath(code: string): string {
  return `/c/${encodeURIComponent(code)}`;
}
