import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { createLoginGuard } from '../lib/auth/login-limits';
import { cookieFrom, logIn, logOut, STAFF_COOKIE, staffFromSession } from '../lib/auth/staff-session';
import { meetingAccess, staffRoleIn } from '../lib/meeting/queries';
import { can, type MeetingAction } from '../lib/meeting/permissions';
import { admit, admitSeat, JoinRequest } from '../lib/meeting/join';
import { joinFailureLimits } from '../lib/meeting/rate-limits';
import type { Db } from '../lib/platform/db/client';
import { LogSmsSender } from '../lib/platform/sms';
import { AppError, httpStatusOf, parseOrThrow, toErrorPayload } from '../lib/platform/errors';
import { FailureLimiter } from '../lib/platform/rate-limit';
import { IdParam } from '../lib/platform/tokens';
import { BUNDLE_FILES, bundleFile, recordPdf, verificationUrl } from '../lib/record/export';
import { platformFingerprint } from '../lib/record/platform-key';
import { SignRecordInput, type RecordService } from '../lib/record/service';
import { MAX_EVIDENCE_BYTES } from '../lib/assessment/evidence';
import { assessmentRoutes } from './assessment-routes';
import { planningRoutes } from './planning-routes';
import { questionnaireRoutes } from './questionnaire-routes';
import { WRITTEN_BYTE_ROUTES, WRITTEN_LINK_BYTE_ROUTES, writtenRoutes } from './written-routes';
import { visitRoutes } from './visit-routes';
import { evaluationRoutes } from './evaluation-routes';
import { expertRoutes } from './expert-routes';
import { RESIDENT_BYTE_ROUTES, TOPIC_BYTE_ROUTES, topicRoutes } from './topic-routes';
import { PhoneIdentity, RESIDENT_COOKIE } from '../lib/residents/phone-identity';
import type { SmsSender } from '../lib/platform/sms';
import type { MeetingHub } from '../lib/meeting/hub';
import { assertOwnOrigin } from './identity';
import { clientAddressOf, trustedProxiesFromEnv } from '../lib/platform/client-address';
import { RawBody, type Handler } from './http-types';

/**
 * The JSON endpoints, as thin adapters: parse (zod), call lib, map AppError to a status.
 * Pages are served by Next; these routes are answered before Next sees the request.
 */

/** What the minutes routes need from the collaboration side, supplied by server/app.ts. */
export type MinutesAccess = {
  html(meetingId: string): Promise<string>;
  markdown(meetingId: string): Promise<string>;
  snapshots(meetingId: string): Promise<{ id: string; label: string; reason: string; createdAt: Date }[]>;
  snapshotHtml(meetingId: string, snapshotId: string): Promise<string | null>;
};

const AccessQuery = z.object({ joinCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,8}$/) });
const AdmitBody = z.object({ meetingId: z.string().max(100), seatId: z.string().max(100) });
const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
const MAX_BODY = 16 * 1024;
/** Routes whose JSON bodies are legitimately larger: a whole index catalogue is ~40 KB; a questionnaire of 100 questions can be more. */
const BODY_LIMITS: Record<string, number> = {
  'POST /api/catalogue': 512 * 1024, 'POST /api/meetings/:meetingId/questionnaire': 512 * 1024,
  // a round of visits' plan (up to 1000 households) and one visit (an opinion of 4000 characters)
  'POST /api/meetings/:meetingId/visits': 512 * 1024, 'POST /api/meetings/:meetingId/visits/entries': 32 * 1024,
};

/** Methods that change nothing: every other method must pass the Origin check (assertOwnOrigin). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes whose body is a file, read as bytes up to the upload limit rather than as JSON. */
const BYTE_BODY_ROUTES = new Set(['POST /api/evidence', 'POST /api/roster/import', 'POST /api/attachments', 'POST /api/meetings/:meetingId/visits/entries/:entryId/photos/:photoId', ...TOPIC_BYTE_ROUTES, ...RESIDENT_BYTE_ROUTES, ...WRITTEN_BYTE_ROUTES]);

export function createHttpApi(db: Db, opts: {
  /** commands that arrive over HTTP (publishing a notice) go through the meeting's hub */
  hub?: MeetingHub;
  secureCookies: boolean; isReady: () => boolean; minutes?: MinutesAccess; records?: RecordService; publicUrl?: string;
  /** told when a community's score inputs changed (uploads, reviews, follow-ups, catalogue) */
  scoresChanged?: (communityId: string) => void;
  /** residents' one-time codes; default: the log sender, codes never shown on the page */
  sms?: SmsSender;
}) {
  const residents = new PhoneIdentity(db, opts.sms ?? new LogSmsSender(false), { phoneKey: process.env.YISHI_PHONE_KEY || undefined });
  const loginGuard = createLoginGuard(); // per username+address, and per address across usernames
  // per address; a typed short code has its own, larger budget (see joinFailureLimits)
  const joinFailures = new FailureLimiter(joinFailureLimits.tokens.failures, joinFailureLimits.tokens.perSeconds);
  const shortCodeFailures = new FailureLimiter(joinFailureLimits.shortCodes.failures, joinFailureLimits.shortCodes.perSeconds);
  const pdfCache = new Map<string, { contentType: string; body: string | Buffer }>();
  const written = opts.hub ? writtenRoutes(db, opts.hub) : null;

  const routes: Record<string, Handler> = {
    ...assessmentRoutes(db, opts.scoresChanged ?? (() => {})),
    ...(opts.hub ? planningRoutes(db, opts.hub) : {}),
    ...(opts.hub ? questionnaireRoutes(db, opts.hub, residents) : {}),
    ...(written?.routes ?? {}),
    ...(opts.hub ? visitRoutes(db, opts.hub) : {}),
    ...(opts.hub ? evaluationRoutes(db, opts.hub) : {}),
    ...(opts.hub ? expertRoutes(db, opts.hub) : {}),
    ...topicRoutes(db, residents, { clientAddress, cookie: (name, token, expires) => sessionCookie(name, token, expires, opts.secureCookies) }),
    'GET /api/health': async () => ({ ok: opts.isReady(), time: new Date().toISOString() }),
    'POST /api/auth/login': async (req, body, res) => {
      const { username, password } = parseOrThrow(LoginBody, body);
      const session = await loginGuard(clientAddress(req), username, () => logIn(db, username, password));
      res.setHeader('Set-Cookie', sessionCookie(STAFF_COOKIE, session.token, session.expiresAt, opts.secureCookies));
      return { user: session.user };
    },
    'POST /api/auth/logout': async (req, _body, res) => {
      await logOut(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      res.setHeader('Set-Cookie', sessionCookie(STAFF_COOKIE, '', new Date(0), opts.secureCookies));
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
    'GET /api/minutes/:meetingId/export': async (req, _body, _res, query, { meetingId }) => {
      await requireStaffWith(req, meetingId!, 'minutes.read');
      const format = parseOrThrow(z.enum(['md', 'html']), query.get('format') ?? 'html');
      const minutes = requireMinutes();
      return format === 'md'
        ? new RawBody('text/markdown; charset=utf-8', await minutes.markdown(meetingId!), `minutes-${meetingId}.md`)
        : new RawBody('text/html; charset=utf-8', htmlPage('会议记录', await minutes.html(meetingId!)), `minutes-${meetingId}.html`);
    },
    'GET /api/minutes/:meetingId/snapshots': async (req, _body, _res, _query, { meetingId }) => {
      await requireStaffWith(req, meetingId!, 'minutes.read');
      return { snapshots: await requireMinutes().snapshots(meetingId!) };
    },
    'GET /api/minutes/:meetingId/snapshots/:snapshotId': async (req, _body, _res, _query, { meetingId, snapshotId }) => {
      await requireStaffWith(req, meetingId!, 'minutes.read');
      const html = await requireMinutes().snapshotHtml(meetingId!, snapshotId!);
      if (html === null) throw new AppError('NOT_FOUND', 'No such snapshot');
      return { html };
    },
    // The record of a meeting, for its staff: status and who still has to sign.
    'GET /api/meetings/:meetingId/record': async (req, _body, _res, _query, { meetingId }) => {
      await requireStaffWith(req, meetingId!, 'minutes.read');
      const records = requireRecords();
      const id = await records.recordIdOfMeeting(meetingId!);
      return { record: id ? await records.status(id) : null };
    },
    // Records are public by their (unguessable) id: anyone holding the link or the PDF's QR may verify.
    // Nothing public names a resident (format 2 commits to names) or leads to another record's id.
    'GET /api/records/:recordId': async (_req, _body, _res, _query, { recordId }) => {
      const records = requireRecords();
      const id = parseOrThrow(IdParam, recordId);
      return { ...(await records.bundle(id)), signers: (await records.status(id)).signers };
    },
    'GET /api/records/:recordId/verify': async (_req, _body, _res, _query, { recordId }) => {
      const result = await requireRecords().verifyStored(parseOrThrow(IdParam, recordId));
      return { valid: result.valid, recordHash: result.recordHash, checks: result.checks };
    },
    // The names of a record's residents (salt and value per commitment), for staff of its area only.
    'GET /api/records/:recordId/disclosures': async (req, _body, _res, _query, { recordId }) => {
      const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
      return requireRecords().disclosures(parseOrThrow(IdParam, recordId), staff);
    },
    // Staff's printed copy with names; never cached (it is per request and must not outlive the session's right).
    'GET /api/records/:recordId/disclosed.pdf': async (req, _body, _res, _query, { recordId }) => {
      const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
      const records = requireRecords();
      const id = parseOrThrow(IdParam, recordId);
      const { disclosures } = await records.disclosures(id, staff);
      const pdf = await recordPdf(await records.bundle(id), {
        verifyUrl: verificationUrl(publicUrlOf(req), id), recordHash: (await records.status(id)).hash, platformFingerprint: await platformFingerprint(db), disclosures,
      });
      return new RawBody('application/pdf', pdf, `record-${id}-names.pdf`);
    },
    'GET /api/records/:recordId/files/:file': async (req, _body, _res, _query, { recordId, file }) => {
      const records = requireRecords();
      const id = parseOrThrow(IdParam, recordId);
      const name = parseOrThrow(z.enum(BUNDLE_FILES), file);
      const b = await records.bundle(id);
      const status = await records.status(id);
      const link = verificationUrl(publicUrlOf(req), id);
      const fingerprint = await platformFingerprint(db);
      // The PDF is public and costs a few hundred ms: one rendering per record state, link and platform key.
      const cacheKey = `${id}:${status.hash}:${b.status}:${b.signatures.length}:${link}:${fingerprint}`;
      const out = name === 'record.pdf' && pdfCache.has(cacheKey)
        ? pdfCache.get(cacheKey)!
        : await bundleFile(b, name, { verifyUrl: link, recordHash: status.hash, platformFingerprint: fingerprint });
      if (name === 'record.pdf') {
        if (pdfCache.size >= 32) pdfCache.delete(pdfCache.keys().next().value!);
        pdfCache.set(cacheKey, out);
      }
      return new RawBody(out.contentType, out.body, name === 'record.pdf' ? `record-${id}.pdf` : name);
    },
    'POST /api/records/:recordId/signatures': async (req, body, _res, _query, { recordId }) => {
      const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
      return requireRecords().sign(parseOrThrow(IdParam, recordId), staff, parseOrThrow(SignRecordInput, body));
    },
    'POST /api/join': async (req, body) => {
      const input = parseOrThrow(JoinRequest, body);
      const key = clientAddress(req);
      await joinFailures.check(key);
      if (input.via === 'code') await shortCodeFailures.check(key);
      try {
        return await admit(db, input);
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') {
          await (e.details?.field === 'shortCode' ? shortCodeFailures : joinFailures).fail(key);
        }
        throw e;
      }
    },
  };

  async function requireStaffWith(req: IncomingMessage, meetingId: string, action: MeetingAction) {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    if (!can(await staffRoleIn(db, staff, meetingId), action)) throw new AppError('FORBIDDEN', 'Not allowed for this meeting');
    return staff;
  }
  function requireRecords(): RecordService {
    if (!opts.records) throw new AppError('NOT_FOUND', 'Records are not served here');
    return opts.records;
  }
  // Without YISHI_PUBLIC_URL the link printed in a PDF is the address the request came to — only
  // when that is a plain host[:port], never whatever a client puts in the Host header.
  function publicUrlOf(req: IncomingMessage): string {
    if (opts.publicUrl) return opts.publicUrl;
    const host = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(req.headers.host ?? '') ? req.headers.host! : 'localhost';
    return `${opts.secureCookies ? 'https' : 'http'}://${host}`;
  }
  function requireMinutes(): MinutesAccess {
    if (!opts.minutes) throw new AppError('NOT_FOUND', 'Minutes are not served here');
    return opts.minutes;
  }

  // Exact routes first; then patterns with :params (one path segment each).
  const patterns = Object.keys(routes)
    .filter((k) => k.includes('/:'))
    .map((k) => {
      const [method, path] = k.split(' ') as [string, string];
      const names: string[] = [];
      const re = new RegExp(`^${path.replace(/:(\w+)/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
      return { method, re, names, handler: routes[k]!, key: k };
    });
  /** The handler, its :params and its key as written in `routes` (the pattern, for routes with params). */
  function match(method: string, path: string): { handler: Handler; params: Record<string, string>; key: string } | null {
    const exact = routes[`${method} ${path}`];
    if (exact) return { handler: exact, params: {}, key: `${method} ${path}` };
    for (const p of patterns) {
      const m = p.method === method ? p.re.exec(path) : null;
      if (m) return { handler: p.handler, params: Object.fromEntries(p.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])), key: p.key };
    }
    return null;
  }

  /** Returns false when the request is not an API route (Next handles it). */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const route = match(req.method ?? 'GET', path);
    if (!route) return false;
    try {
      if (!SAFE_METHODS.has(req.method ?? 'GET')) assertOwnOrigin(req.headers, opts.publicUrl);
      const key = route.key;
      const large = BYTE_BODY_ROUTES.has(key) || key in BODY_LIMITS;
      // Large bodies are only read for someone logged in (staff; a confirmed resident for their photos);
      // the handler still decides what they may do.
      if (large && !(await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE)))
        && !(RESIDENT_BYTE_ROUTES.has(key) && (await residents.residentFromSession(cookieFrom(req.headers.cookie, RESIDENT_COOKIE))))
        // an addressee's file: their personal link, while it takes answers, is their authorisation
        && !(WRITTEN_LINK_BYTE_ROUTES.has(key) && written && (await written.written.linkAnswering(route.params.token ?? '')))) {
        throw new AppError('UNAUTHENTICATED', 'Log in first');
      }
      const body = req.method !== 'POST' ? undefined : BYTE_BODY_ROUTES.has(key) ? await readBytes(req, MAX_EVIDENCE_BYTES) : await readJson(req, BODY_LIMITS[key] ?? MAX_BODY);
      const result = await route.handler(req, body, res, url.searchParams, route.params);
      if (result instanceof RawBody) {
        res.writeHead(200, {
          // nosniff, like the other security headers, is already set for every response (server/security-headers.ts).
          'Content-Type': result.contentType, 'Cache-Control': 'no-store',
          ...(result.filename ? { 'Content-Disposition': contentDisposition(result.filename, result.inline ? 'inline' : 'attachment') } : {}),
        });
        res.end(result.body);
      } else send(res, 200, result);
    } catch (err) {
      const payload = toErrorPayload(err);
      // (a personal link's token — a written consultation's addressee's, an evaluator's, an expert's — is a credential: never in a log)
      if (payload.code === 'INTERNAL') console.error('[api]', req.method, path.replace(/^\/api\/([wex])\/[^/]+/, '/api/$1/…'), err);
      send(res, httpStatusOf(payload.code), { error: payload });
    }
    return true;
  };
}

/**
 * A download's file name: an ASCII fallback (headers carry Latin-1 only, and a quote would end the value)
 * and the real name in RFC 5987 form, which browsers prefer — so 照片.jpg downloads as 照片.jpg. `inline`:
 * shown in the browser (images), still under that name when saved.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  return `${disposition}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError('BAD_REQUEST', `The file is larger than ${limit / 1024 / 1024} MB`, { field: 'file', reason: 'too_large', limit });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit + UPLOAD_DISCARD_BYTES) throw tooLarge();
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit + UPLOAD_DISCARD_BYTES) {
      req.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (declared > limit || size > limit) throw tooLarge();
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A file somewhat over the limit is read to its end and dropped before it is refused: a client still
 * sending when the answer comes and the connection closes gets a broken pipe instead of the answer
 * (browsers and fetch alike). Beyond this many further bytes the connection is simply cut.
 */
const UPLOAD_DISCARD_BYTES = 32 * 1024 * 1024;

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  // No body at all (a logout button) is fine; a body must be JSON.
  if (req.headers['content-length'] === '0' || (!req.headers['content-length'] && !req.headers['transfer-encoding'])) return undefined;
  // Exactly application/json (a charset parameter is fine): a cross-site form can send text/plain
  // without a preflight, and "text/plain; application/json" must not pass for JSON.
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new AppError('BAD_REQUEST', 'Expected Content-Type: application/json', { field: 'content-type', reason: 'unsupported_media_type' });
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('BAD_REQUEST', 'Body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new AppError('BAD_REQUEST', 'Body is not valid JSON');
  }
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function sessionCookie(name: string, token: string, expires: Date, secure: boolean): string {
  return `${name}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expires.toUTCString()}${secure ? '; Secure' : ''}`;
}

const trustedProxies = trustedProxiesFromEnv(process.env);

/** The client's address for per-address limits: the balancer's `X-Real-IP` when it is a trusted proxy. */
export function clientAddress(req: IncomingMessage): string {
  return clientAddressOf(req.socket.remoteAddress, req.headers['x-real-ip'], trustedProxies);
}
