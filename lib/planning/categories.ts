import { z } from 'zod';

/**
 * Participant categories named by the standard (参加人员 of its forms). A roster member belongs to one or
 * more; a meeting invites categories or people; a template names the categories a form needs.
 */
export const participantCategories = [
  'party_committee', // 党组织成员
  'residents_committee', // 居委会成员
  'supervisory_committee', // 居务监督委员会成员
  'council_member', // 议事协商委员会成员
  'resident_representative', // 居民代表
  'owners_committee', // 业主委员会代表
  'local_unit', // 辖区单位代表
  'deputy', // 党代表 / 人大代表 / 政协委员
  'expert', // 专家
  'stakeholder', // 利益相关方
  'resident', // 群众
] as const;
export const ParticipantCategory = z.enum(participantCategories);
export type ParticipantCategory = z.infer<typeof ParticipantCategory>;

/**
 * The categories whose members vote in a meeting that invites them (议事协商委员会成员, 居民代表, 群众); members
 * seated through any other category (a 党组织成员 at a hearing, say) take part without a vote.
 */
export const votingCategories: readonly ParticipantCategory[] = ['council_member', 'resident_representative', 'resident'];

/**
 * Who of the roster sits in a meeting: every active member in an invited category, and each member invited
 * by name. A member votes when one of their categories is invited and is a voting one; someone invited by
 * name only, or through a non-voting category, takes part without a vote.
 */
export function rosterSeats(
  members: readonly { id: string; categories: readonly string[] }[], invited: readonly string[], invitedMemberIds: readonly string[],
): { memberId: string; canVote: boolean }[] {
  return members.flatMap((m) => {
    const through = m.categories.filter((c) => invited.includes(c));
    if (through.length === 0 && !invitedMemberIds.includes(m.id)) return [];
    return [{ memberId: m.id, canVote: through.some((c) => (votingCategories as readonly string[]).includes(c)) }];
  });
}

/** A roster member's kind from their categories: council before representative; anyone else a resident. */
export function kindOf(categories: readonly string[]): 'council' | 'representative' | 'resident' {
  if (categories.includes('council_member')) return 'council';
  if (categories.includes('resident_representative')) return 'representative';
  return 'resident';
}
