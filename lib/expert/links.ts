/**
 * The rules of an expert's personal link (/x/<token>), as lib/written/links.ts's: 256 random bits, only
 * the hash stored. It takes an opinion while the consultation is accepted and not yet concluded; then it
 * shows the expert's opinion read-only; LINK_READABLE_DAYS after the meeting ends it is refused like a
 * link that never existed. Browser-safe: no node modules.
 */
export { TOKEN_SHAPE } from '../written/links';
export const LINK_READABLE_DAYS = 30;
const DAY_MS = 86_400_000;

export type ExpertLinkPhase = 'opining' | 'readonly' | 'expired';

export function expertLinkPhase(now: Date, c: { accepted: boolean; concluded: boolean; status: string; closedAt: string | null }): ExpertLinkPhase {
  if (!c.accepted || c.status === 'cancelled') return 'expired';
  if (c.closedAt && now.getTime() >= Date.parse(c.closedAt) + LINK_READABLE_DAYS * DAY_MS) return 'expired';
  if (!c.concluded && c.status !== 'closed') return 'opining';
  return 'readonly';
}
