import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { cookieFrom, logIn, logOut, STAFF_COOKIE, staffFromSession } from '../lib/auth/staff-session';
import { meetingAccess, staffRoleIn } from '../lib/meeting/queries';
import { can } from '../lib/meeting/permissions';
import { admit, admitSeat, JoinRequest } from '../lib/meeting/join';
import type { Db } from '../lib/platform/db/client';
import { AppError, httpStatusOf, parseOrThrow, toErrorPayload } from '../lib/platform/errors';
import { FailureLimiter } from '../lib/platform/rate-limit';

/**
 * The JSON endpoints, as thin adapters: parse (zod), call lib, map AppError to a status.
 * Pages are served by Next; these routes are answered before Next sees the request.
 */
type Handler = (req: IncomingMessage, body: unknown, res: ServerResponse, query: URLSearchParams) => Promise<unknown>;

const AccessQuery = z.object({ joinCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,8}$/) });
const AdmitBody = z.object({ meetingId: z.string().max(100), seatId: z.string().max(100) });
const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
const MAX_BODY = 16 * 1024;

export function createHttpApi(db: Db, opts: { secureCookies: boolean; isReady: () => boolean }) {
  const loginFailures = new FailureLimiter(5, 15 * 60); // per username+address
  const joinFailures = new FailureLimiter(20, 10 * 60); // per address

  const routes: Record<string, Handler> = {
    'GET /api/health': async () => ({ ok: opts.isReady(), time: new Date().toISOString() }),
    'POST /api/auth/login': async (req, body, res) => {
      const { username, password } = parseOrThrow(LoginBody, body);
      const key = `${clientAddress(req)}|${username}`;
      await loginFailures.check(key);
      try {
        const session = await logIn(db, username, password);
        res.setHeader('Set-Cookie', sessionCookie(session.token, session.expiresAt, opts.secureCookies));
        return { user: session.user };
      } catch (e) {
        if (e instanceof AppError && e.code === 'UNAUTHENTICATED') await loginFailures.fail(key);
        throw e;
      }
    },
    'POST /api/auth/logout': async (req, _body, res) => {
      await logOut(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      res.setHeader('Set-Cookie', sessionCookie('', new Date(0), opts.secureCookies));
      return { ok: true };
    },
    // Staff who run the meeting: its join code, observer link and every seat's card and invitation token.
    'GET /api/access': async (req, _body, _res, query) => {
      const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
      const { joinCode } = parseOrThrow(AccessQuery, Object.fromEntries(query));
      const meeting = await db.meeting.findUnique({ where: { joinCode }, select: { id: true } });
      if (!meeting) throw new AppError('NOT_FOUND', 'No meeting with this code', { field: 'joinCode' });
      return meetingAccess(db, staff, meeting.id);
    },
    // A walk-in admitted by the facilitator: a participant token for one seat, shown to the member as a QR.
    'POST /api/admit': async (req, body) => {
      const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
      const { meetingId, seatId } = parseOrThrow(AdmitBody, body);
      if (!can(await staffRoleIn(db, staff, meetingId), 'meeting.manage')) throw new AppError('FORBIDDEN', 'Only the facilitator admits walk-ins');
      return admitSeat(db, meetingId, seatId);
    },
    'POST /api/join': async (req, body) => {
      const input = parseOrThrow(JoinRequest, body);
      const key = clientAddress(req);
      await joinFailures.check(key);
      try {
        return await admit(db, input);
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') await joinFailures.fail(key);
        throw e;
      }
    },
  };

  /** Returns false when the request is not an API route (Next handles it). */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const route = routes[`${req.method} ${path}`];
    if (!route) return false;
    try {
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const result = await route(req, body, res, url.searchParams);
      send(res, 200, result);
    } catch (err) {
      const payload = toErrorPayload(err);
      if (payload.code === 'INTERNAL') console.error('[api]', req.method, path, err);
      send(res, httpStatusOf(payload.code), { error: payload });
    }
    return true;
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  // No body at all (a logout button) is fine; a body must be JSON.
  if (req.headers['content-length'] === '0' || (!req.headers['content-length'] && !req.headers['transfer-encoding'])) return undefined;
  if (!(req.headers['content-type'] ?? '').includes('application/json')) {
    throw new AppError('BAD_REQUEST', 'Expected a JSON body');
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new AppError('BAD_REQUEST', 'Body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new AppError('BAD_REQUEST', 'Body is not valid JSON');
  }
}

function sessionCookie(token: string, expires: Date, secure: boolean): string {
  return `${STAFF_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expires.toUTCString()}${secure ? '; Secure' : ''}`;
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
