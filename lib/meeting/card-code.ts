import { z } from 'zod';
import type { Db } from '../platform/db/client';
import { JOIN_CODE_ALPHABET, newJoinCode } from '../platform/tokens';

/**
 * A member card's short code: what a member types when their phone cannot scan the card's QR.
 * 6 characters of the join-code alphabet (no 0/O/1/I/L), so 31⁶ ≈ 887 million codes: with the
 * failed-attempt limit per address (server/http-api.ts) guessing a code of a 200-seat meeting would
 * take years from one address. Unique within its meeting (a database constraint), not across meetings:
 * the meeting's join code says which meeting it is.
 */
export const SHORT_CODE_LENGTH = 6;

/** What a person types, made comparable: case, spaces and dashes (the card prints "ABC DEF") do not matter. */
export function normalizeShortCode(raw: string): string {
  return raw.replace(/[\s\-–—·]+/g, '').toUpperCase();
}

const pattern = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`);

export function isShortCode(code: string): boolean {
  return pattern.test(code);
}

/**
 * The short code as typed. Anything that is not a well-formed code (a 0 or an O, a character too
 * many) is answered like an unknown code — "代码不正确" — so the form needs one message, not two.
 */
export const ShortCodeInput = z.string().max(40).transform(normalizeShortCode);

/** The card prints the code in two groups of three, which is how people read and type it back. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** `count` distinct new codes, none of them in `taken`. */
export function newShortCodes(count: number, taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  const out: string[] = [];
  while (out.length < count) {
    const code = newJoinCode(SHORT_CODE_LENGTH);
    if (used.has(code)) continue;
    used.add(code);
    out.push(code);
  }
  return out;
}

/**
 * Gives every seat of the meeting that has no short code one. Seats made before short codes existed
 * have none: filling them in here, on the first read of the access list, rather than in the migration,
 * keeps the codes from the same random source as new ones on both databases (SQL's random() differs
 * between SQLite and PostgreSQL, and a backfill collision would fail the migration at start-up), and a
 * code cannot be needed before it is printed — it is printed from this read. Two staff opening the
 * cards page at once are safe: a seat is only written while its code is still null, and the
 * (meetingId, shortCode) constraint refuses a duplicate, after which the whole fill is tried again.
 */
export async function ensureShortCodes(db: Db, meetingId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const seats = await db.meetingSeat.findMany({ where: { meetingId }, select: { id: true, shortCode: true } });
    const missing = seats.filter((s) => s.shortCode === null);
    if (missing.length === 0) return;
    const codes = newShortCodes(missing.length, seats.flatMap((s) => (s.shortCode ? [s.shortCode] : [])));
    try {
      await db.$transaction(missing.map((s, i) => db.meetingSeat.updateMany({ where: { id: s.id, shortCode: null }, data: { shortCode: codes[i]! } })));
      return;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt === 2) throw e;
    }
  }
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}
