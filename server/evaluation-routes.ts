import type { IncomingMessage } from 'node:http';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import { createEvaluation } from '../lib/evaluation/service';
import type { MeetingHub } from '../lib/meeting/hub';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import type { Handler } from './http-types';

/**
 * 民主评议 over HTTP. Staff (the meeting's, lib/evaluation/permissions) plan it — the period, the units
 * and their commitments (the period's decisions offered from the implementation rows), the evaluators —
 * open it (the links come back once), follow how many answered, close, read the result table and publish
 * it. An evaluator rates through their personal link (/api/e/:token — the token is the whole
 * authorisation; a wrong, replaced or expired one is NOT_FOUND, all alike). Units under evaluation have
 * no route here: they see the published result, on the board and in the record. Every route only parses,
 * authorises through lib and maps the result.
 */
export function evaluationRoutes(db: Db, hub: MeetingHub): Record<string, Handler> {
  const evaluation = createEvaluation(db, hub);

  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }
  const id = (v: string | undefined) => parseOrThrow(IdParam, v);
  const base = 'POST /api/meetings/:meetingId/evaluation';

  return {
    // Staff
    'GET /api/meetings/:meetingId/evaluation': async (req, _b, _r, _q, { meetingId }) => evaluation.get(await staffOf(req), id(meetingId)),
    'GET /api/meetings/:meetingId/evaluation/decisions': async (req, _b, _r, query, { meetingId }) =>
      evaluation.periodDecisions(await staffOf(req), id(meetingId), { from: query.get('from') ?? '', to: query.get('to') ?? '' }),
    [base]: async (req, body, _r, _q, { meetingId }) => evaluation.savePlan(await staffOf(req), id(meetingId), body),
    [`${base}/open`]: async (req, body, _r, _q, { meetingId }) => evaluation.open(await staffOf(req), id(meetingId), body),
    [`${base}/evaluators/:evaluatorId/link`]: async (req, _b, _r, _q, { meetingId, evaluatorId }) => evaluation.reissueLink(await staffOf(req), id(meetingId), id(evaluatorId)),
    [`${base}/close`]: async (req, _b, _r, _q, { meetingId }) => evaluation.close(await staffOf(req), id(meetingId)),
    [`${base}/note`]: async (req, body, _r, _q, { meetingId }) => evaluation.saveNote(await staffOf(req), id(meetingId), body),
    [`${base}/publish`]: async (req, body, _r, _q, { meetingId }) => evaluation.publish(await staffOf(req), id(meetingId), body),

    // Evaluators, by their personal link
    'GET /api/e/:token': async (_req, _b, _r, _q, { token }) => evaluation.forEvaluator(token ?? ''),
    'POST /api/e/:token/ratings': async (_req, body, _r, _q, { token }) => evaluation.rate(token ?? '', body),
  };
}
