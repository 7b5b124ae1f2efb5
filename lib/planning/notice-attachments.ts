import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import { can } from '../meeting/permissions';
import { staffRoleIn } from '../meeting/queries';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { MAX_UPLOAD_BYTES, sniffFileType, uploadTypes, type UploadMime } from '../platform/file-type';
import { newId } from '../platform/tokens';

/**
 * Files that go out with a meeting's notice (会议公告附件): a plan drawing, a budget sheet. Stored in the
 * database, so any node can serve them. An uploaded file waits (noticeId null) until the next notice the
 * meeting publishes — the notice itself, a revision or a correction — which carries it (the hub's commit
 * sets noticeId in the notice's transaction). Only then is it public on the community board.
 * Withdrawing a published file is a correction: a revision notice says so, the file is no longer served
 * and its bytes are dropped; its name, size and hash stay for the record.
 */
export const MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES; // the uploads' one size limit (10 MB)
export const MAX_ATTACHMENTS_PER_MEETING = 5;
/** Images are shown in the browser; everything else downloads. */
export const inlineTypes: readonly UploadMime[] = ['image/jpeg', 'image/png', 'image/webp'];

export const AttachmentQuery = z.object({ name: z.string().max(1000).default('') });
export const WithdrawBody = z.strictObject({ reason: z.string().trim().min(2).max(500) }).partial();

const summary = { id: true, meetingId: true, noticeId: true, fileName: true, mimeType: true, size: true, sha256: true, createdAt: true, withdrawnAt: true } as const;

/**
 * A file name that is safe to store and to send back: no folders (a browser may send `C:\…\plan.pdf`),
 * no control or reserved characters, at most 100 characters before an extension that is the one of
 * the type the bytes really are.
 */
export function sanitiseFileName(raw: string, mime: UploadMime): string {
  const ext = uploadTypes[mime].ext;
  const base = (raw.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = base.replace(/\.[^.]*$/, '').trim();
  const allowed = mime === 'image/jpeg' ? ['jpg', 'jpeg'] : [ext];
  const own = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase();
  const suffix = own && allowed.includes(own) ? own : ext;
  return `${[...(stem || '附件')].slice(0, 100).join('')}.${suffix}`;
}

async function requireAttachRole(db: Db, staff: StaffIdentity, meetingId: string) {
  if (!can(await staffRoleIn(db, staff, meetingId), 'notice.attach')) throw new AppError('FORBIDDEN', 'Only the meeting’s facilitator attaches files to its notice');
}

async function requireBeforeStart(db: Db, meetingId: string) {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
  if (!meeting) throw new AppError('NOT_FOUND', 'No such meeting');
  if (meeting.status !== 'draft' && meeting.status !== 'announced') {
    throw new AppError('INVALID_STATE', 'Only the notice of a meeting that has not started can change', { status: meeting.status });
  }
}

export async function uploadAttachment(db: Db, staff: StaffIdentity, meetingId: string, rawQuery: unknown, bytes: Uint8Array) {
  const { name } = parseOrThrow(AttachmentQuery, rawQuery);
  await requireAttachRole(db, staff, meetingId);
  await requireBeforeStart(db, meetingId);
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty', { field: 'file', reason: 'empty' });
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('BAD_REQUEST', 'The file is larger than 10 MB', { field: 'file', reason: 'too_large', limit: MAX_ATTACHMENT_BYTES });
  const mime = sniffFileType(bytes);
  if (!mime) throw new AppError('BAD_REQUEST', 'Only PDF, JPEG, PNG, WebP, DOCX and XLSX files are accepted', { field: 'file', reason: 'unsupported_type' });
  const count = await db.noticeAttachment.count({ where: { meetingId, withdrawnAt: null } });
  if (count >= MAX_ATTACHMENTS_PER_MEETING) {
    throw new AppError('BAD_REQUEST', `A notice carries at most ${MAX_ATTACHMENTS_PER_MEETING} files`, { field: 'file', reason: 'too_many', limit: MAX_ATTACHMENTS_PER_MEETING });
  }
  return db.noticeAttachment.create({
    data: {
      id: newId(), meetingId, fileName: sanitiseFileName(name, mime), mimeType: mime, size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'), data: Buffer.from(bytes), uploadedBy: staff.id,
    },
    select: summary,
  });
}

/** The meeting's files for its staff (the console): waiting, published and withdrawn, oldest first. */
export async function listAttachments(db: Db, staff: StaffIdentity, meetingId: string) {
  if (!can(await staffRoleIn(db, staff, meetingId), 'meeting.view')) throw new AppError('FORBIDDEN', 'Not allowed for this meeting');
  return db.noticeAttachment.findMany({ where: { meetingId }, select: summary, orderBy: { createdAt: 'asc' } });
}

/**
 * Removes a file from the notice. One still waiting is simply deleted. A published one is a correction:
 * it is taken off the board, `publishCorrection` (the meeting's hub, `meeting.announce`) publishes a
 * revision notice saying so — which refuses a meeting that has started, putting the file back — and then
 * its bytes are dropped.
 */
export async function withdrawAttachment(
  db: Db, staff: StaffIdentity, id: string, raw: unknown,
  publishCorrection: (meetingId: string, text: string) => Promise<string>,
): Promise<{ id: string; withdrawn: boolean; deleted: boolean; noticeId?: string }> {
  const input = parseOrThrow(WithdrawBody, raw ?? {});
  const file = await db.noticeAttachment.findUnique({ where: { id }, select: summary });
  if (!file) throw new AppError('NOT_FOUND', 'No such attachment');
  await requireAttachRole(db, staff, file.meetingId);
  if (file.withdrawnAt) throw new AppError('INVALID_STATE', 'This file has already been withdrawn');
  await requireBeforeStart(db, file.meetingId);
  if (!file.noticeId) {
    await db.noticeAttachment.deleteMany({ where: { id, noticeId: null } });
    return { id, withdrawn: false, deleted: true };
  }
  if (!input.reason) throw new AppError('BAD_REQUEST', 'Withdrawing a published file needs a reason', { issues: [{ path: 'reason', message: 'required' }] });
  // The file leaves the board first (conditionally, so two withdrawals cannot both publish a correction),
  // then the correction is published; if that is refused (the meeting started meanwhile) the file is put
  // back, so the board never shows a correction without the withdrawal or a withdrawal without one.
  const taken = await db.noticeAttachment.updateMany({ where: { id, withdrawnAt: null }, data: { withdrawnAt: new Date() } });
  if (taken.count === 0) throw new AppError('INVALID_STATE', 'This file has already been withdrawn');
  let noticeId: string;
  try {
    // The correction is public text for the community board, which is in Chinese.
    noticeId = await publishCorrection(file.meetingId, `更正：撤下公告附件“${file.fileName}”。原因：${input.reason}`);
  } catch (err) {
    await db.noticeAttachment.update({ where: { id }, data: { withdrawnAt: null } });
    throw err;
  }
  await db.noticeAttachment.update({ where: { id }, data: { withdrawnNoticeId: noticeId, data: Buffer.alloc(0) } });
  return { id, withdrawn: true, deleted: false, noticeId };
}

/**
 * A file as served: to anyone once a notice has published it and it has not been withdrawn (the board
 * is public); before that only to staff of the meeting. Anything else is NOT_FOUND, so an id does not
 * tell whether a file exists.
 */
export async function attachmentFile(db: Db, staff: StaffIdentity | null, id: string) {
  const file = await db.noticeAttachment.findUnique({ where: { id }, include: { meeting: { select: { status: true } } } });
  if (!file || file.withdrawnAt) throw new AppError('NOT_FOUND', 'No such attachment');
  const isPublic = file.noticeId !== null && file.meeting.status !== 'draft';
  if (!isPublic) {
    const role = staff ? await staffRoleIn(db, staff, file.meetingId).catch(() => null) : null;
    if (!role || !can(role, 'meeting.view')) throw new AppError('NOT_FOUND', 'No such attachment');
  }
  const mime = file.mimeType as UploadMime;
  return { fileName: file.fileName, mimeType: mime, data: new Uint8Array(file.data), inline: inlineTypes.includes(mime) };
}

/** What the board and the record show of a meeting's published files, by notice. */
export async function publishedAttachments(db: Db, meetingIds: string[]) {
  return db.noticeAttachment.findMany({
    where: { meetingId: { in: meetingIds }, OR: [{ noticeId: { not: null } }, { withdrawnNoticeId: { not: null } }] },
    select: { id: true, meetingId: true, noticeId: true, withdrawnNoticeId: true, fileName: true, mimeType: true, size: true, sha256: true, withdrawnAt: true },
    orderBy: { createdAt: 'asc' },
  });
}
