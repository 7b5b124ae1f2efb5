import type { IncomingMessage } from 'node:http';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import { RESIDENT_COOKIE, type PhoneIdentity, type ResidentIdentity } from '../lib/residents/phone-identity';
import { createIntake } from '../lib/topics/intake';
import { publicTopic, staffTopicFile, staffTopics, topicPhoto } from '../lib/topics/queries';
import { reviewTopic } from '../lib/topics/review';
import { escalateTopic } from '../lib/topics/escalation';
import { communityLedger, ledgerCsv, ledgerXlsx } from '../lib/topics/ledger';
import { isLocale, DEFAULT_LOCALE } from '../lib/i18n/format';
import { createPublicity } from '../lib/topics/publicity';
import { communityTasks, createImplementation, publicDecision, updatePhoto } from '../lib/topics/implementation';
import { RawBody, type Handler } from './http-types';

/** Upload routes: a proposal's photo (its resident) and a registered topic's submission (staff). */
export const RESIDENT_BYTE_ROUTES = new Set(['POST /api/topics/:topicId/photos']);
export const TOPIC_BYTE_ROUTES = new Set(['POST /api/topics/:topicId/submissions', 'POST /api/decision-updates/:updateId/photo']);

/**
 * Residents' identity (a confirmed phone) and topics over HTTP: residents propose, add photos, co-sign and
 * withdraw with their resident cookie; staff register, review and read co-signers with theirs. The two
 * cookies are separate and a resident session is never a staff one.
 */
export function topicRoutes(db: Db, residents: PhoneIdentity, http: {
  clientAddress(req: IncomingMessage): string;
  cookie(name: string, token: string, expires: Date): string;
}): Record<string, Handler> {
  const intake = createIntake(db);
  const publicity = createPublicity(db);
  const implementation = createImplementation(db);

  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }
  async function residentOf(req: IncomingMessage): Promise<ResidentIdentity> {
    const resident = await residents.residentFromSession(cookieFrom(req.headers.cookie, RESIDENT_COOKIE));
    if (!resident) throw new AppError('UNAUTHENTICATED', 'Confirm your phone number first', { reason: 'resident_session' });
    return resident;
  }

  return {
    // A one-time code to the phone; in demo mode (log sender) the answer carries it so the page can show it.
    'POST /api/residents/code': async (req, body) => {
      const { expiresAt, shown } = await residents.requestCode(body, http.clientAddress(req));
      return { expiresAt, ...(shown ? { demoCode: shown } : {}) };
    },
    'POST /api/residents/confirm': async (_req, body, res) => {
      const { token, resident } = await residents.confirmCode(body);
      res.setHeader('Set-Cookie', http.cookie(RESIDENT_COOKIE, token, resident.expiresAt));
      return { resident: { phoneMasked: resident.phoneMasked, expiresAt: resident.expiresAt } };
    },
    'GET /api/residents/me': async (req) => {
      const resident = await residents.residentFromSession(cookieFrom(req.headers.cookie, RESIDENT_COOKIE));
      return { resident: resident ? { phoneMasked: resident.phoneMasked, expiresAt: resident.expiresAt } : null };
    },
    'POST /api/residents/logout': async (req, _b, res) => {
      await residents.endSession(cookieFrom(req.headers.cookie, RESIDENT_COOKIE));
      res.setHeader('Set-Cookie', http.cookie(RESIDENT_COOKIE, '', new Date(0)));
      return { ok: true };
    },

    'POST /api/communities/:communityId/topics': async (req, body, _r, _q, { communityId }) =>
      intake.propose(await residentOf(req), parseOrThrow(IdParam, communityId), body),
    'POST /api/topics/:topicId/photos': async (req, body, _r, _q, { topicId }) =>
      intake.addPhoto(await residentOf(req), parseOrThrow(IdParam, topicId), body as Uint8Array),
    'POST /api/topics/:topicId/cosign': async (req, body, _r, _q, { topicId }) =>
      intake.coSign(await residentOf(req), parseOrThrow(IdParam, topicId), body),
    'POST /api/topics/:topicId/cosign/withdraw': async (req, _b, _r, _q, { topicId }) =>
      intake.withdrawCoSign(await residentOf(req), parseOrThrow(IdParam, topicId)),
    // Public: the topic's page (counts and journey, never co-signers); with a resident cookie, what that phone did.
    'GET /api/topics/:topicId': async (req, _b, _r, _q, { topicId }) =>
      publicTopic(db, parseOrThrow(IdParam, topicId), await residents.residentFromSession(cookieFrom(req.headers.cookie, RESIDENT_COOKIE))),
    'GET /api/topic-photos/:photoId': async (_req, _b, _r, _q, { photoId }) => {
      const p = await topicPhoto(db, parseOrThrow(IdParam, photoId));
      return new RawBody(p.mimeType, p.data, undefined, true);
    },

    // Results publicity: a resident objects while the period runs; staff answer (both public, never the phone).
    'POST /api/records/:recordId/objections': async (req, body, _r, _q, { recordId }) =>
      publicity.object(await residentOf(req), parseOrThrow(IdParam, recordId), body),
    'POST /api/objections/:objectionId/answer': async (req, body, _r, _q, { objectionId }) =>
      publicity.answer(await staffOf(req), parseOrThrow(IdParam, objectionId), body),

    // Implementation (落实): staff plan and update each decision; the public reads its page; residents rate it.
    'GET /api/communities/:communityId/decisions': async (req, _b, _r, _q, { communityId }) =>
      ({ decisions: await communityTasks(db, await staffOf(req), parseOrThrow(IdParam, communityId)) }),
    'POST /api/decisions/:taskId/plan': async (req, body, _r, _q, { taskId }) =>
      implementation.plan(await staffOf(req), parseOrThrow(IdParam, taskId), body),
    'POST /api/decisions/:taskId/updates': async (req, body, _r, _q, { taskId }) =>
      implementation.update(await staffOf(req), parseOrThrow(IdParam, taskId), body),
    'POST /api/decision-updates/:updateId/photo': async (req, body, _r, _q, { updateId }) =>
      implementation.addPhoto(await staffOf(req), parseOrThrow(IdParam, updateId), body as Uint8Array),
    'GET /api/decisions/:taskId': async (req, _b, _r, _q, { taskId }) =>
      publicDecision(db, parseOrThrow(IdParam, taskId), await residents.residentFromSession(cookieFrom(req.headers.cookie, RESIDENT_COOKIE))),
    'GET /api/decision-photos/:updateId': async (_req, _b, _r, _q, { updateId }) =>
      new RawBody('image/jpeg', await updatePhoto(db, parseOrThrow(IdParam, updateId)), undefined, true),
    'POST /api/decisions/:taskId/ratings': async (req, body, _r, _q, { taskId }) =>
      implementation.rate(await residentOf(req), parseOrThrow(IdParam, taskId), body),

    // Staff: the register and review queue, registering the other paths' topics, review.
    'GET /api/communities/:communityId/topics': async (req, _b, _r, _q, { communityId }) =>
      ({ topics: await staffTopics(db, await staffOf(req), parseOrThrow(IdParam, communityId)) }),
    'POST /api/topics': async (req, body) => intake.register(await staffOf(req), body),
    'POST /api/topics/:topicId/submissions': async (req, body, _r, query, { topicId }) =>
      intake.attachSubmission(await staffOf(req), parseOrThrow(IdParam, topicId), query.get('name') ?? '', body as Uint8Array),
    'POST /api/topics/:topicId/review': async (req, body, _r, _q, { topicId }) =>
      reviewTopic(db, await staffOf(req), parseOrThrow(IdParam, topicId), body),
    // The ledger (台账): JSON, or a file in the reader's language (?format=csv|xlsx&locale=zh-CN|en), filtered.
    'GET /api/communities/:communityId/ledger': async (req, _b, _r, query, { communityId }) => {
      const { format, locale: rawLocale, ...filter } = Object.fromEntries(query);
      const rows = await communityLedger(db, await staffOf(req), parseOrThrow(IdParam, communityId), filter);
      const locale = isLocale(rawLocale) ? rawLocale : DEFAULT_LOCALE;
      if (format === 'csv') return new RawBody('text/csv; charset=utf-8', ledgerCsv(rows, locale), 'ledger.csv');
      if (format === 'xlsx') return new RawBody('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await ledgerXlsx(rows, locale), 'ledger.xlsx');
      return { rows };
    },
    'POST /api/topics/:topicId/escalate': async (req, body, _r, _q, { topicId }) =>
      escalateTopic(db, await staffOf(req), parseOrThrow(IdParam, topicId), body),
    'GET /api/topic-files/:fileId': async (req, _b, _r, _q, { fileId }) => {
      const f = await staffTopicFile(db, await staffOf(req), parseOrThrow(IdParam, fileId));
      return new RawBody(f.mimeType, f.data, f.fileName, f.mimeType.startsWith('image/'));
    },
  };
}
