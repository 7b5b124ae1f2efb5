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

/** Meetings still seat members by kind: the kind a category gives a voting seat of; other categories give none. */
export const seatKindOf: Partial<Record<ParticipantCategory, 'council' | 'representative' | 'resident'>> = {
  council_member: 'council',
  resident_representative: 'representative',
  resident: 'resident',
};

/** A roster member's kind from their categories: council before representative; anyone else a resident. */
export function kindOf(categories: readonly string[]): 'council' | 'representative' | 'resident' {
  if (categories.includes('council_member')) return 'council';
  if (categories.includes('resident_representative')) return 'representative';
  return 'resident';
}
