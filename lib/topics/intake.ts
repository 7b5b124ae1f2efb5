import type { StaffIdentity } from '../auth/staff-session';
import { plannableCommunity } from '../planning/access';
import { isUniqueViolation } from '../platform/db/errors';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { MAX_UPLOAD_BYTES, sniffFileType, uploadTypes } from '../platform/file-type';
import { AttemptLimiter } from '../platform/rate-limit';
import { newId } from '../platform/tokens';
import type { ResidentIdentity } from '../residents/phone-identity';
import { coSigningOpen, Declaration, proposalPath, ProposeInput, RegisterInput, TopicStatus, type StepKind } from './model';
import { MAX_PHOTOS, normalisePhoto } from './photos';

/**
 * How topics come in: residents propose and co-sign on the board (with a confirmed phone), staff register
 * the other paths' topics. Every change leaves a step in the topic's public journey.
 */

/** per confirmed phone: proposals a day, co-signatures an hour (a real resident signs a handful) */
export const intakeLimits = { proposals: { points: 3, perSeconds: 86_400 }, coSigns: { points: 30, perSeconds: 3600 } };

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export async function addStep(db: Db | Tx, topicId: string, kind: StepKind, actor = '', detail: Record<string, unknown> = {}, at = new Date()) {
  await db.topicStep.create({ data: { id: newId(), topicId, kind, actor, detail: JSON.stringify(detail), at } });
}

export function createIntake(db: Db) {
  const proposals = new AttemptLimiter(intakeLimits.proposals.points, intakeLimits.proposals.perSeconds);
  const coSigns = new AttemptLimiter(intakeLimits.coSigns.points, intakeLimits.coSigns.perSeconds);

  async function communityOf(communityId: string) {
    const c = await db.community.findUnique({ where: { id: communityId }, select: { id: true } });
    if (!c) throw new AppError('NOT_FOUND', 'No such community');
    return c;
  }

  async function openTopic(topicId: string) {
    const topic = await db.topic.findUnique({ where: { id: topicId } });
    if (!topic) throw new AppError('NOT_FOUND', 'No such topic');
    return topic;
  }

  /**
   * Co-signatures change, and the proposal's path is settled, in one transaction under the topic's row lock
   * (the conditional no-op update takes it, as review's own conditional update does). So a co-signature lands
   * before a review or not at all, and the tenth signature and the path it makes are one step: settled
   * separately, a withdrawal and a co-signature racing at ten left a ten-signature topic online (seen on
   * PostgreSQL), and a review between a signature and its settling saw the old path. The threshold step is
   * recorded once per crossing, in the same transaction.
   */
  async function changeCoSigns(topicId: string, closed: string, change: (tx: Tx) => Promise<void>): Promise<number> {
    return db.$transaction(async (tx) => {
      const open = await tx.topic.updateMany({ where: { id: topicId, status: 'submitted' }, data: { status: 'submitted' } });
      if (open.count === 0) throw new AppError('INVALID_STATE', closed);
      await change(tx);
      const topic = await tx.topic.findUniqueOrThrow({ where: { id: topicId }, select: { intakePath: true, proposerPhoneHash: true } });
      const count = await tx.topicCoSign.count({ where: { topicId } });
      const path = proposalPath(count);
      if (topic.proposerPhoneHash && path !== topic.intakePath) {
        await tx.topic.update({ where: { id: topicId }, data: { intakePath: path } });
        await addStep(tx, topicId, path === 'joint_residents' ? 'joint_reached' : 'joint_lost', '', { coSigners: count });
      }
      return count;
    });
  }

  return {
    /** A resident's proposal: an online topic, co-signed by its proposer (who declared themselves as co-signers do). */
    async propose(resident: ResidentIdentity, communityId: string, raw: unknown) {
      const input = parseOrThrow(ProposeInput, raw);
      await communityOf(communityId);
      await proposals.take(resident.phoneHash);
      const id = newId();
      await db.$transaction(async (tx) => {
        await tx.topic.create({
          data: {
            id, communityId, title: input.title, description: input.description, place: input.place, intakePath: 'online_platform',
            status: 'submitted', submitter: input.declaration.name, proposerPhoneHash: resident.phoneHash,
          },
        });
        await tx.topicCoSign.create({ data: { id: newId(), topicId: id, phoneHash: resident.phoneHash, phoneMasked: resident.phoneMasked, name: input.declaration.name, building: input.declaration.building } });
        await addStep(tx, id, 'proposed');
      });
      return { topicId: id };
    },

    /** A photo of the resident's own proposal, while it awaits review. */
    async addPhoto(resident: ResidentIdentity, topicId: string, bytes: Uint8Array) {
      const topic = await openTopic(topicId);
      if (topic.proposerPhoneHash !== resident.phoneHash) throw new AppError('FORBIDDEN', 'Only the proposer adds photos');
      if (!coSigningOpen(TopicStatus.parse(topic.status))) throw new AppError('INVALID_STATE', 'The topic has been reviewed');
      if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new AppError('BAD_REQUEST', 'The photo is larger than 10 MB', { field: 'photo' });
      const photo = await normalisePhoto(bytes);
      const id = newId();
      // Counted and written under the topic's row lock (the no-op update takes it): photos sent together
      // would otherwise all see room for one more (PostgreSQL let a sixth through), and none lands after review.
      await db.$transaction(async (tx) => {
        const open = await tx.topic.updateMany({ where: { id: topicId, status: 'submitted' }, data: { status: 'submitted' } });
        if (open.count === 0) throw new AppError('INVALID_STATE', 'The topic has been reviewed');
        const position = await tx.topicFile.count({ where: { topicId, kind: 'photo' } });
        if (position >= MAX_PHOTOS) throw new AppError('CONFLICT', `A proposal has at most ${MAX_PHOTOS} photos`, { field: 'photo' });
        await tx.topicFile.create({ data: { id, topicId, kind: 'photo', position, fileName: `photo-${position + 1}.jpg`, mimeType: photo.mimeType, size: photo.data.byteLength, data: new Uint8Array(photo.data) } });
      });
      return { photoId: id, width: photo.width, height: photo.height };
    },

    /**
     * One co-signature per confirmed phone per topic: the database's unique key decides, so two requests sent
     * together cannot both count.
     */
    async coSign(resident: ResidentIdentity, topicId: string, raw: unknown) {
      const declaration = parseOrThrow(Declaration, raw);
      const topic = await openTopic(topicId);
      if (!topic.proposerPhoneHash) throw new AppError('INVALID_STATE', 'Only residents’ proposals are co-signed');
      if (!coSigningOpen(TopicStatus.parse(topic.status))) throw new AppError('INVALID_STATE', 'The topic has been reviewed; co-signing has closed');
      await coSigns.take(resident.phoneHash);
      const already = new AppError('CONFLICT', 'This phone has already co-signed this topic', { reason: 'already_signed' });
      try {
        const coSigners = await changeCoSigns(topicId, 'The topic has been reviewed; co-signing has closed', async (tx) => {
          // Under the lock this check is exact; the unique key stays the last word.
          if (await tx.topicCoSign.count({ where: { topicId, phoneHash: resident.phoneHash } })) throw already;
          await tx.topicCoSign.create({ data: { id: newId(), topicId, phoneHash: resident.phoneHash, phoneMasked: resident.phoneMasked, name: declaration.name, building: declaration.building } });
        });
        return { coSigners };
      } catch (err) {
        if (isUniqueViolation(err)) throw already;
        throw err;
      }
    },

    /** A co-signer withdraws before review (the proposer withdraws by asking staff to reject). */
    async withdrawCoSign(resident: ResidentIdentity, topicId: string) {
      const topic = await openTopic(topicId);
      if (!coSigningOpen(TopicStatus.parse(topic.status))) throw new AppError('INVALID_STATE', 'The topic has been reviewed; co-signatures stand');
      if (topic.proposerPhoneHash === resident.phoneHash) throw new AppError('INVALID_STATE', 'The proposer’s own signature stays with the proposal');
      const coSigners = await changeCoSigns(topicId, 'The topic has been reviewed; co-signatures stand', async (tx) => {
        const gone = await tx.topicCoSign.deleteMany({ where: { topicId, phoneHash: resident.phoneHash } });
        if (gone.count === 0) throw new AppError('NOT_FOUND', 'This phone has not co-signed this topic');
      });
      return { coSigners };
    },

    /** Staff register a topic raised through one of the other paths. */
    async register(staff: StaffIdentity, raw: unknown) {
      const input = parseOrThrow(RegisterInput, raw);
      await plannableCommunity(db, staff, input.communityId);
      const id = newId();
      await db.$transaction(async (tx) => {
        await tx.topic.create({
          data: { id, communityId: input.communityId, title: input.title, description: input.description, place: input.place, intakePath: input.intakePath, status: 'submitted', submitter: input.submitter },
        });
        await addStep(tx, id, 'registered', staff.displayName, { intakePath: input.intakePath });
      });
      return { topicId: id };
    },

    /** The written submission of a registered topic (staff only: it may carry names and addresses). */
    async attachSubmission(staff: StaffIdentity, topicId: string, fileName: string, bytes: Uint8Array) {
      const topic = await openTopic(topicId);
      await plannableCommunity(db, staff, topic.communityId);
      if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new AppError('BAD_REQUEST', 'The file is larger than 10 MB', { field: 'file' });
      const mimeType = sniffFileType(bytes);
      if (!mimeType) throw new AppError('BAD_REQUEST', 'The file must be a PDF, an image, a DOCX or an XLSX', { field: 'file' });
      const safeName = fileName.replace(/[\\/:*?"<>|\u0000-\u001F]/g, '_').slice(0, 120) || `submission.${uploadTypes[mimeType].ext}`;
      const position = await db.topicFile.count({ where: { topicId, kind: 'submission' } });
      const id = newId();
      await db.topicFile.create({ data: { id, topicId, kind: 'submission', position, fileName: safeName, mimeType, size: bytes.byteLength, data: new Uint8Array(bytes) } });
      return { fileId: id };
    },
  };
}
export type Intake = ReturnType<typeof createIntake>;
