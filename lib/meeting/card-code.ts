import type { Db } from '../platform/db/client';
import { newJoinCode } from '../platform/tokens';
import { SHORT_CODE_LENGTH } from './short-code';

/** Making and storing card short codes (their shape, for browsers too, is in short-code.ts). */

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
    const seats = await db.meetingSeat.findMany({ where: { meetingId }, select: { id: true, shortCode: true, rosterMemberId: true } });
    // Only roster members carry cards: a walk-in's (or an expert's) seat gets no short code.
    const missing = seats.filter((s) => s.shortCode === null && s.rosterMemberId !== null);
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
