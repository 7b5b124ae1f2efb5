/**
 * An evaluator's personal link (/e/<token>): 256 random bits (lib/platform/tokens `newToken`), stored
 * only hashed. It rates while the evaluation is open; afterwards it shows that it is closed, and
 * LINK_READABLE_DAYS after the close it is refused like a link that never existed. Browser-safe.
 */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const LINK_READABLE_DAYS = 30;

export type LinkPhase = 'rating' | 'closed' | 'expired';

export function linkPhase(now: Date, e: { status: string; closedAt: Date | null }): LinkPhase {
  if (e.status === 'open') return 'rating';
  if (e.status !== 'closed' || !e.closedAt) return 'expired';
  return now.getTime() >= e.closedAt.getTime() + LINK_READABLE_DAYS * 86_400_000 ? 'expired' : 'closed';
}
