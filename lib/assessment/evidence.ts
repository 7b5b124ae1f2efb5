import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { matchesMagic, MAX_UPLOAD_BYTES, uploadTypes } from '../platform/file-type';
import { newId } from '../platform/tokens';
import { assessedIndicators } from '../scoring/catalogue';
import { AssessmentYear } from '../scoring/period';
import { canAssess } from './permissions';
import { catalogueFor } from './scores';
import { communitiesInScope, requireCommunity } from './scope';

/**
 * Materials communities upload for assessed indicators (photos, PDFs, documents) and the assessor's
 * decision on them. The file's type is taken from its first bytes, not from its name or the browser's
 * claim, so a renamed executable is refused with a clear reason.
 */
export const MAX_EVIDENCE_BYTES = MAX_UPLOAD_BYTES;

// The upload types and the check of a file's first bytes are shared with notice attachments.
export const evidenceTypes = uploadTypes;
export type EvidenceMime = keyof typeof evidenceTypes;

export const UploadMeta = z.object({
  communityId: z.string().min(1).max(100),
  indicatorId: z.string().min(1).max(100),
  year: AssessmentYear,
  title: z.string().trim().min(1, 'title is required').max(200),
  fileName: z.string().trim().min(1).max(200),
  mimeType: z.enum(Object.keys(evidenceTypes) as [EvidenceMime, ...EvidenceMime[]], {
    error: 'only PDF, JPEG, PNG, WebP, DOCX and XLSX files are accepted',
  }),
});
export type UploadMeta = z.infer<typeof UploadMeta>;

export const ReviewInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), credit: z.number().min(0).max(1).default(1), reason: z.string().trim().max(500).default('') }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(1, 'a rejection needs a reason').max(500) }),
]);
export type ReviewInput = z.input<typeof ReviewInput>;

export async function uploadEvidence(db: Db, staff: StaffIdentity, rawMeta: unknown, bytes: Uint8Array) {
  const meta = parseOrThrow(UploadMeta, rawMeta);
  const community = await requireCommunity(db, staff, meta.communityId, 'evidence.upload');
  // Material is for an assessed indicator of that year's catalogue (the district's edition or the default).
  const { catalogue } = await catalogueFor(db, community.street.districtId, meta.year);
  if (!assessedIndicators(catalogue).some((i) => i.id === meta.indicatorId)) throw new AppError('BAD_REQUEST', 'No such assessed indicator in this year’s index', { field: 'indicatorId', reason: 'unknown_indicator' });
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty', { field: 'file', reason: 'empty' });
  if (bytes.length > MAX_EVIDENCE_BYTES) throw new AppError('BAD_REQUEST', 'The file is larger than 10 MB', { field: 'file', reason: 'too_large', limit: MAX_EVIDENCE_BYTES });
  if (!matchesMagic(meta.mimeType, bytes)) throw new AppError('BAD_REQUEST', `The file is not a real ${evidenceTypes[meta.mimeType].ext.toUpperCase()}`, { field: 'file', reason: 'type_mismatch', ext: evidenceTypes[meta.mimeType].ext });
  const row = await db.evidenceUpload.create({
    data: {
      id: newId(), ...meta, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
      data: Buffer.from(bytes), status: 'pending', uploadedById: staff.id,
    },
    select: { id: true, status: true, communityId: true },
  });
  return row;
}

export async function reviewEvidence(db: Db, staff: StaffIdentity, id: string, raw: unknown) {
  const input = parseOrThrow(ReviewInput, raw);
  const upload = await db.evidenceUpload.findUnique({ where: { id }, select: { communityId: true, status: true } });
  if (!upload) throw new AppError('NOT_FOUND', 'No such upload');
  await requireCommunity(db, staff, upload.communityId, 'evidence.review');
  // Only a pending upload is decided; a second assessor clicking at the same time gets a conflict.
  const done = await db.evidenceUpload.updateMany({
    where: { id, status: 'pending' },
    data: {
      status: input.decision === 'accept' ? 'accepted' : 'rejected',
      credit: input.decision === 'accept' ? input.credit : null,
      reviewReason: input.reason || null, reviewerId: staff.id, reviewedAt: new Date(),
    },
  });
  if (done.count === 0) throw new AppError('CONFLICT', 'This upload has already been reviewed');
  return { id, communityId: upload.communityId, status: input.decision === 'accept' ? 'accepted' : 'rejected' };
}

const listSelect = {
  id: true, communityId: true, indicatorId: true, year: true, title: true, fileName: true, mimeType: true, size: true,
  status: true, credit: true, reviewReason: true, reviewedAt: true, createdAt: true,
} as const;

export async function listEvidence(db: Db, staff: StaffIdentity, communityId: string, year: number) {
  await requireCommunity(db, staff, communityId, 'scores.view');
  return db.evidenceUpload.findMany({ where: { communityId, year }, select: listSelect, orderBy: { createdAt: 'desc' } });
}

/** The assessor's queue: pending uploads of every community in their area, oldest first. */
export async function reviewQueue(db: Db, staff: StaffIdentity) {
  if (!canAssess(staff.role, 'evidence.review')) throw new AppError('FORBIDDEN', 'Only assessors review evidence');
  const communities = await communitiesInScope(db, staff);
  const names = new Map(communities.map((c) => [c.id, c.name]));
  const uploads = await db.evidenceUpload.findMany({
    where: { status: 'pending', communityId: { in: communities.map((c) => c.id) } },
    select: listSelect,
    orderBy: { createdAt: 'asc' },
  });
  return uploads.map((u) => ({ ...u, communityName: names.get(u.communityId) ?? '' }));
}

export async function evidenceFile(db: Db, staff: StaffIdentity, id: string) {
  const upload = await db.evidenceUpload.findUnique({ where: { id } });
  if (!upload) throw new AppError('NOT_FOUND', 'No such upload');
  await requireCommunity(db, staff, upload.communityId, 'scores.view');
  return { fileName: upload.fileName, mimeType: upload.mimeType, data: new Uint8Array(upload.data) };
}
