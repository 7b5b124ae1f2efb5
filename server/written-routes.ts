import type { IncomingMessage } from 'node:http';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { MeetingHub } from '../lib/meeting/hub';
import { inlineTypes } from '../lib/planning/notice-attachments';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import type { UploadMime } from '../lib/platform/file-type';
import { IdParam } from '../lib/platform/tokens';
import { createWritten, type Written } from '../lib/written/service';
import { RawBody, type Handler } from './http-types';

/** Routes whose body is a file: the document's attachment (staff) and an addressee's (their link). */
export const WRITTEN_BYTE_ROUTES = new Set(['POST /api/meetings/:meetingId/written/document-file', 'POST /api/w/:token/files']);
/** Of those, the one a personal link authorises instead of a session (server/http-api.ts reads its body only for a live link). */
export const WRITTEN_LINK_BYTE_ROUTES = new Set(['POST /api/w/:token/files']);

const fileBody = (f: { fileName: string; mimeType: string; data: Uint8Array }) =>
  new RawBody(f.mimeType, f.data, f.fileName, (inlineTypes as readonly string[]).includes(f.mimeType as UploadMime));

/**
 * Written consultations (书面征询协商) over HTTP. Staff (the meeting's, lib/written/permissions) write the
 * document and choose addressees, send it (the links come back once), follow the replies, mark reminders,
 * write the conclusion and close. An addressee reads and answers through their personal link
 * (/api/w/:token — the token is the whole authorisation; a wrong, replaced or expired one is NOT_FOUND,
 * all alike). Every route only parses, authorises through lib and maps the result.
 */
export function writtenRoutes(db: Db, hub: MeetingHub): { routes: Record<string, Handler>; written: Written } {
  const written = createWritten(db, hub);

  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }
  const id = (v: string | undefined) => parseOrThrow(IdParam, v);
  const base = 'POST /api/meetings/:meetingId/written';

  return {
    written,
    routes: {
      // Staff
      'GET /api/meetings/:meetingId/written': async (req, _b, _r, _q, { meetingId }) => written.get(await staffOf(req), id(meetingId)),
      [base]: async (req, body, _r, _q, { meetingId }) => written.saveDraft(await staffOf(req), id(meetingId), body),
      [`${base}/document-file`]: async (req, body, _r, query, { meetingId }) =>
        written.uploadDocumentFile(await staffOf(req), id(meetingId), { name: query.get('name') ?? '' }, body as Uint8Array),
      [`${base}/document-file/remove`]: async (req, _b, _r, _q, { meetingId }) => written.removeDocumentFile(await staffOf(req), id(meetingId)),
      'GET /api/meetings/:meetingId/written/document-file': async (req, _b, _r, _q, { meetingId }) => fileBody(await written.documentFile(await staffOf(req), id(meetingId))),
      [`${base}/send`]: async (req, body, _r, _q, { meetingId }) => written.send(await staffOf(req), id(meetingId), body),
      [`${base}/addressees/:addresseeId/link`]: async (req, _b, _r, _q, { meetingId, addresseeId }) => written.reissueLink(await staffOf(req), id(meetingId), id(addresseeId)),
      [`${base}/addressees/:addresseeId/reminded`]: async (req, _b, _r, _q, { meetingId, addresseeId }) => written.markReminded(await staffOf(req), id(meetingId), id(addresseeId)),
      'GET /api/meetings/:meetingId/written/files/:fileId': async (req, _b, _r, _q, { meetingId, fileId }) => fileBody(await written.replyFile(await staffOf(req), id(meetingId), id(fileId))),
      [`${base}/conclusion`]: async (req, body, _r, _q, { meetingId }) => written.saveConclusion(await staffOf(req), id(meetingId), body),
      [`${base}/close`]: async (req, body, _r, _q, { meetingId }) => written.close(await staffOf(req), id(meetingId), body),

      // Addressees, by their personal link
      'GET /api/w/:token': async (_req, _b, _r, _q, { token }) => written.forAddressee(token ?? ''),
      'GET /api/w/:token/document-file': async (_req, _b, _r, _q, { token }) => fileBody(await written.documentFileByToken(token ?? '')),
      'POST /api/w/:token/files': async (_req, body, _r, query, { token }) => written.uploadReplyFile(token ?? '', { name: query.get('name') ?? '' }, body as Uint8Array),
      'GET /api/w/:token/files/:fileId': async (_req, _b, _r, _q, { token, fileId }) => fileBody(await written.ownFile(token ?? '', id(fileId))),
      'POST /api/w/:token/replies': async (_req, body, _r, _q, { token }) => written.reply(token ?? '', body),
    },
  };
}
