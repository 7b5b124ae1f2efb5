/**
 * The rules of a personal link (/w/<token>). The token is 256 random bits (lib/platform/tokens `newToken`,
 * 43 base64url characters); only its hash is stored. A link lets its addressee answer while the
 * consultation is sent and its deadline has not passed; then it shows their answer read-only; and
 * LINK_READABLE_DAYS after the deadline (or the close, if later) it is refused like a link that never
 * existed — the record keeps what was answered. Browser-safe: no node modules.
 */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const LINK_READABLE_DAYS = 30;
const DAY_MS = 86_400_000;

export type LinkPhase = 'answering' | 'readonly' | 'expired';

export function linkPhase(now: Date, c: { status: string; deadline: Date | null; closedAt?: Date | null }): LinkPhase {
  if (c.status === 'draft' || !c.deadline) return 'expired';
  const end = Math.max(c.deadline.getTime(), c.closedAt?.getTime() ?? 0);
  if (now.getTime() >= end + LINK_READABLE_DAYS * DAY_MS) return 'expired';
  if (c.status === 'sent' && now < c.deadline) return 'answering';
  return 'readonly';
}
