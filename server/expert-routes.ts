import type { IncomingMessage } from 'node:http';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import { createExpertConsultations } from '../lib/expert/service';
import type { MeetingHub } from '../lib/meeting/hub';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import type { Handler } from './http-types';

/**
 * Expert consultations (专家咨询) over HTTP. Staff (the meeting's, lib/expert/permissions) run the stages —
 * the question, acceptance, the experts' links (returned once), an opinion handed in on paper, the
 * conclusion, the feedback; the notice and the sitting are the meeting's own routes and console. An
 * invited expert reads the question and gives their written opinion through their personal link
 * (/api/x/:token — the token is the whole authorisation; a wrong, replaced or expired one is NOT_FOUND,
 * all alike). Every route only parses, authorises through lib and maps the result.
 */
export function expertRoutes(db: Db, hub: MeetingHub): Record<string, Handler> {
  const expert = createExpertConsultations(db, hub);

  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }
  const id = (v: string | undefined) => parseOrThrow(IdParam, v);
  const base = 'POST /api/meetings/:meetingId/expert';

  return {
    // Staff
    'GET /api/meetings/:meetingId/expert': async (req, _b, _r, _q, { meetingId }) => expert.get(await staffOf(req), id(meetingId)),
    [`${base}/ask`]: async (req, body, _r, _q, { meetingId }) => expert.ask(await staffOf(req), id(meetingId), body),
    [`${base}/accept`]: async (req, body, _r, _q, { meetingId }) => expert.accept(await staffOf(req), id(meetingId), body),
    [`${base}/links`]: async (req, _b, _r, _q, { meetingId }) => expert.issueLinks(await staffOf(req), id(meetingId)),
    [`${base}/experts/:seatId/link`]: async (req, _b, _r, _q, { meetingId, seatId }) => expert.issueLinks(await staffOf(req), id(meetingId), id(seatId)),
    [`${base}/opinions`]: async (req, body, _r, _q, { meetingId }) => expert.enterOpinion(await staffOf(req), id(meetingId), body),
    [`${base}/conclude`]: async (req, body, _r, _q, { meetingId }) => expert.conclude(await staffOf(req), id(meetingId), body),
    [`${base}/feedback`]: async (req, body, _r, _q, { meetingId }) => expert.feedback(await staffOf(req), id(meetingId), body),

    // Invited experts, by their personal link
    'GET /api/x/:token': async (_req, _b, _r, _q, { token }) => expert.forExpert(token ?? ''),
    'POST /api/x/:token/opinion': async (_req, body, _r, _q, { token }) => expert.submitOpinion(token ?? '', body),
  };
}
