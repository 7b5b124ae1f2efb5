import type { StaffIdentity } from '../auth/staff-session';
import { plannableCommunity } from '../planning/access';
import { defaultConvener } from '../planning/convener';
import { postHolders } from '../planning/posts';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { addStep } from './intake';
import { reviewOutcome, ReviewInput, TopicStatus } from './model';

/**
 * 议题审核: staff who plan the community's meetings accept, merge, refer or reject a topic awaiting review.
 * The status moves with a condition on the old one, so two reviewers deciding at once cannot both win.
 */
export async function reviewTopic(db: Db, staff: StaffIdentity, topicId: string, raw: unknown, now = new Date()) {
  const input = parseOrThrow(ReviewInput, raw);
  const topic = await db.topic.findUnique({ where: { id: topicId } });
  if (!topic) throw new AppError('NOT_FOUND', 'No such topic');
  await plannableCommunity(db, staff, topic.communityId);
  const next = reviewOutcome(TopicStatus.parse(topic.status), input.decision);
  if (!next) throw new AppError('INVALID_STATE', 'This topic has already been reviewed');

  const data: Record<string, unknown> = { status: next, reviewedAt: now };
  let detail: Record<string, unknown> = {};
  if (input.decision === 'accept') {
    if (input.level !== 'community' && !input.placeId) throw new AppError('BAD_REQUEST', 'Choose the grid or compound that takes it up', { field: 'placeId' });
    if (input.level === 'grid' && !(await db.grid.findFirst({ where: { id: input.placeId!, communityId: topic.communityId } }))) {
      throw new AppError('BAD_REQUEST', 'This grid is not in the community', { field: 'placeId' });
    }
    if (input.level === 'compound' && !(await db.compound.findFirst({ where: { id: input.placeId!, grid: { communityId: topic.communityId } } }))) {
      throw new AppError('BAD_REQUEST', 'This compound is not in the community', { field: 'placeId' });
    }
    // Routed to the level's convener (谁召集谁负责): the holder of its post over the place, when there is one.
    const placeId = input.level === 'community' ? topic.communityId : input.placeId!;
    const holders = await postHolders(db, topic.communityId);
    const convenerId = defaultConvener(input.level, placeId, holders);
    const convener = holders.find((h) => h.staffId === convenerId);
    Object.assign(data, { level: input.level, placeId, type: input.type, convenerId });
    detail = { level: input.level, type: input.type, ...(convener ? { convener: convener.displayName, post: convener.post } : {}) };
  } else if (input.decision === 'merge') {
    const target = await db.topic.findUnique({ where: { id: input.intoTopicId } });
    if (!target || target.communityId !== topic.communityId || target.id === topic.id) throw new AppError('BAD_REQUEST', 'Choose another topic of this community', { field: 'intoTopicId' });
    if (target.status !== 'submitted' && target.status !== 'accepted') throw new AppError('BAD_REQUEST', 'A topic can only be merged into one that is open or accepted', { field: 'intoTopicId' });
    data.mergedIntoId = target.id;
    detail = { intoTopicId: target.id, intoTitle: target.title };
  } else {
    Object.assign(data, { reason: input.reason, referredTo: input.decision === 'refer' ? input.to : null });
    detail = input.decision === 'refer' ? { to: input.to, reason: input.reason } : { reason: input.reason };
  }

  await db.$transaction(async (tx) => {
    const moved = await tx.topic.updateMany({ where: { id: topicId, status: 'submitted' }, data });
    if (moved.count === 0) throw new AppError('INVALID_STATE', 'This topic has already been reviewed');
    await addStep(tx, topicId, next === 'accepted' ? 'accepted' : next === 'merged' ? 'merged' : next === 'referred' ? 'referred' : 'rejected', staff.displayName, detail, now);
    if (input.decision === 'merge') await addStep(tx, input.intoTopicId, 'merged_from', staff.displayName, { fromTopicId: topicId, fromTitle: topic.title }, now);
  });
  return { status: next };
}
