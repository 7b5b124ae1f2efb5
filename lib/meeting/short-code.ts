import { JOIN_CODE_ALPHABET } from '../platform/code-alphabet';

/**
 * A member card's short code: what a member types when their phone cannot scan the card's QR.
 * 6 characters of the join-code alphabet (no 0/O/1/I/L), so 31⁶ ≈ 887 million codes: with the
 * failed-attempt limit per address (server/http-api.ts) guessing a code of a 200-seat meeting would
 * take years from one address. Unique within its meeting (a database constraint), not across meetings:
 * the meeting's join code says which meeting it is. No zod here: the phone's join form uses these
 * rules too, and the schema that parses the typed code lives with the join service (lib/meeting/join).
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

/** The card prints the code in two groups of three, which is how people read and type it back. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
