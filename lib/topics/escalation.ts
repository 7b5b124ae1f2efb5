import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import { plannableCommunity } from '../planning/access';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { addStep } from './intake';
import { PlainText } from './model';

/**
 * Escalation (逐级上报): a matter a 小区 meeting could not resolve goes to the grid (网格长), then to the
 * community (社区"两委"), then is reported to the street — each step with a reason, each in the topic's
 * journey. Up to the community it comes back into review at the receiving level (its review queue);
 * reported to the street it leaves the community's hands (status referred, to the street).
 */

export type EscalationLevel = 'compound' | 'grid' | 'community';
export const nextLevel = { compound: 'grid', grid: 'community', community: 'street' } as const;

export const EscalateInput = z.strictObject({
  reason: PlainText(500, 2, 'Say why it goes up'),
});

/** Where an accepted topic at `level` goes next; null when it cannot be escalated from there. */
export function escalationTarget(status: string, level: string | null): (typeof nextLevel)[EscalationLevel] | null {
  if (status !== 'accepted' || !level || !(level in nextLevel)) return null;
  return nextLevel[level as EscalationLevel];
}

export async function escalateTopic(db: Db, staff: StaffIdentity, topicId: string, raw: unknown, now = new Date()) {
  const { reason } = parseOrThrow(EscalateInput, raw);
  const topic = await db.topic.findUnique({ where: { id: topicId } });
  if (!topic) throw new AppError('NOT_FOUND', 'No such topic');
  const community = await plannableCommunity(db, staff, topic.communityId);
  const to = escalationTarget(topic.status, topic.level);
  if (!to) throw new AppError('INVALID_STATE', 'Only an accepted topic of a compound, grid or community can be escalated', { reason: 'not_escalatable' });

  let data: Record<string, unknown>;
  if (to === 'grid') {
    const compound = await db.compound.findUnique({ where: { id: topic.placeId ?? '' }, select: { gridId: true } });
    if (!compound) throw new AppError('INVALID_STATE', 'The topic’s compound is unknown', { reason: 'no_place' });
    data = { status: 'submitted', level: 'grid', placeId: compound.gridId, reviewedAt: null, convenerId: null };
  } else if (to === 'community') {
    data = { status: 'submitted', level: 'community', placeId: community.id, reviewedAt: null, convenerId: null };
  } else {
    data = { status: 'referred', referredTo: community.street.name, reason };
  }
  await db.$transaction(async (tx) => {
    // Conditional on what was read: two staff escalating at once move it one level, not two.
    const moved = await tx.topic.updateMany({ where: { id: topicId, status: 'accepted', level: topic.level }, data });
    if (moved.count === 0) throw new AppError('INVALID_STATE', 'The topic changed meanwhile; reload it', { reason: 'not_escalatable' });
    await addStep(tx, topicId, 'escalated', staff.displayName, { from: topic.level, to, reason }, now);
  });
  return { level: to };
}
