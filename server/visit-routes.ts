import type { IncomingMessage } from 'node:http';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { MeetingHub } from '../lib/meeting/hub';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import { createVisits } from '../lib/visits/service';
import { RawBody, type Handler } from './http-types';

/**
 * Household visits (走访约谈协商) over HTTP, all with the staff session: the round's staff (lib/visits/
 * permissions) plan, start, finish and conclude it and read progress; recorders log visits from their
 * phones (the same session cookie, logged in on the phone). Every route only parses, authorises through
 * lib and maps the result.
 */
export function visitRoutes(db: Db, hub: MeetingHub): Record<string, Handler> {
  const visits = createVisits(db, hub);

  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }
  const id = (meetingId: string | undefined) => parseOrThrow(IdParam, meetingId);

  return {
    'GET /api/meetings/:meetingId/visits': async (req, _b, _r, _q, { meetingId }) => visits.get(await staffOf(req), id(meetingId)),
    'POST /api/meetings/:meetingId/visits': async (req, body, _r, _q, { meetingId }) => visits.savePlan(await staffOf(req), id(meetingId), body),
    'POST /api/meetings/:meetingId/visits/start': async (req, body, _r, _q, { meetingId }) => visits.start(await staffOf(req), id(meetingId), body),
    'POST /api/meetings/:meetingId/visits/entries': async (req, body, _r, _q, { meetingId }) => visits.logEntry(await staffOf(req), id(meetingId), body),
    // The body is the photo itself (JPEG, PNG or WebP, ≤ 10 MB); ids are the phone's.
    'POST /api/meetings/:meetingId/visits/entries/:entryId/photos/:photoId': async (req, body, _r, _q, { meetingId, entryId, photoId }) =>
      visits.addPhoto(await staffOf(req), id(meetingId), entryId ?? '', photoId ?? '', body as Uint8Array),
    'GET /api/meetings/:meetingId/visits/photos/:photoId': async (req, _b, _r, _q, { meetingId, photoId }) => {
      const p = await visits.photo(await staffOf(req), id(meetingId), photoId ?? '');
      return new RawBody(p.mimeType, p.data, p.fileName, true);
    },
    'POST /api/meetings/:meetingId/visits/finish': async (req, _b, _r, _q, { meetingId }) => visits.finish(await staffOf(req), id(meetingId)),
    'POST /api/meetings/:meetingId/visits/conclusion': async (req, body, _r, _q, { meetingId }) => visits.saveConclusion(await staffOf(req), id(meetingId), body),
    'POST /api/meetings/:meetingId/visits/conclude': async (req, body, _r, _q, { meetingId }) => visits.conclude(await staffOf(req), id(meetingId), body),
  };
}
