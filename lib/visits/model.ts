/**
 * The words of a visit shared by the server, the console and the recorder's phone. Browser-safe and
 * without zod: the phone page imports it (the client-bundle test keeps zod off phones).
 */

/** Agreement on the question: 同意 / 有条件同意 / 不同意 / 未表态. */
export const agreements = ['agree', 'conditional', 'disagree', 'undecided'] as const;
export type Agreement = (typeof agreements)[number];

export const ENTRY_LIMITS = { name: 100, address: 200, metWith: 200, place: 200, opinion: 4000, id: 64 } as const;

/** A visit as the recorder's phone writes it down, and as the server stores it (content, canonical JSON). */
export type VisitEntry = {
  /** chosen by the phone when the visit is written down; the same visit sent again carries the same id */
  id: string;
  /** the planned household's id, or null for one added on the doorstep */
  householdId: string | null;
  /** the household or person as entered (a planned one's name, unless the recorder changed it) */
  household: string;
  address: string;
  /** who was met (户主本人, 其子女 …) */
  metWith: string;
  /** where the talk took place (家中, 楼道, 社区办公室 …) */
  place: string;
  /** when (ISO 8601, from the phone's clock) */
  visitedAt: string;
  opinion: string;
  agreement: Agreement;
};

export type PlannedHousehold = { id: string; name: string; address: string; rosterMemberId: string | null };
export type TeamMember = { role: 'host' | 'recorder'; name: string; staffId: string | null; rosterMemberId: string | null };

/** Counts by agreement, every key present. */
export function countAgreements(entries: readonly { agreement: Agreement }[]): Record<Agreement, number> {
  const counts = { agree: 0, conditional: 0, disagree: 0, undecided: 0 };
  for (const e of entries) counts[e.agreement]++;
  return counts;
}

/**
 * Mainland mobile numbers in free text, masked (138****1234): residents' numbers never go into a record,
 * even when a recorder typed one into an opinion.
 */
export function maskPhones(text: string): string {
  return text.replace(/(^|\D)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, (_m, pre: string, a: string, _b: string, c: string) => `${pre}${a}****${c}`);
}
