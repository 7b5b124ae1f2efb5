import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import { DEFAULT_LOCALE, isLocale } from '../lib/i18n/format';
import type { MeetingHub } from '../lib/meeting/hub';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import { createQuestionnaires, exportCsv, exportXlsx } from '../lib/questionnaire/service';
import { RESIDENT_COOKIE, type PhoneIdentity, type ResidentIdentity } from '../lib/residents/phone-identity';
import { RawBody, type Handler } from './http-types';

const JoinCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,8}$/, 'not a join code');
const ExportFormat = z.enum(['csv', 'xlsx']);

/**
 * Questionnaires (问卷式协商) over HTTP. Staff (the questionnaire meeting's staff, lib/questionnaire/
 * permissions) build, open, revise, close, read results, export and publish; residents read an opened
 * questionnaire by its meeting's join code and answer with their resident cookie. Every route only parses,
 * authorises through lib and maps the result.
 */
export function questionnaireRoutes(db: Db, hub: MeetingHub, residents: PhoneIdentity): Record<string, Handler> {
  const questionnaires = createQuestionnaires(db, hub, { phoneHash: (phone) => residents.phoneHash(phone) });

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
  const id = (meetingId: string | undefined) => parseOrThrow(IdParam, meetingId);

  return {
    // Staff
    'GET /api/meetings/:meetingId/questionnaire': async (req, _b, _r, _q, { meetingId }) => questionnaires.get(await staffOf(req), id(meetingId)),
    'POST /api/meetings/:meetingId/questionnaire': async (req, body, _r, _q, { meetingId }) => questionnaires.save(await staffOf(req), id(meetingId), body),
    'POST /api/meetings/:meetingId/questionnaire/open': async (req, body, _r, _q, { meetingId }) => questionnaires.open(await staffOf(req), id(meetingId), body),
    'POST /api/meetings/:meetingId/questionnaire/close': async (req, _b, _r, _q, { meetingId }) => questionnaires.close(await staffOf(req), id(meetingId)),
    'GET /api/meetings/:meetingId/questionnaire/results': async (req, _b, _r, _q, { meetingId }) => questionnaires.results(await staffOf(req), id(meetingId)),
    // ?format=csv|xlsx&locale=zh-CN|en: one line per response, never in answering order, never a phone.
    'GET /api/meetings/:meetingId/questionnaire/export': async (req, _b, _r, query, { meetingId }) => {
      const format = parseOrThrow(ExportFormat, query.get('format') ?? 'csv');
      const rawLocale = query.get('locale');
      const locale = isLocale(rawLocale) ? rawLocale : DEFAULT_LOCALE;
      const lines = await questionnaires.exportLines(await staffOf(req), id(meetingId), locale);
      return format === 'csv'
        ? new RawBody('text/csv; charset=utf-8', exportCsv(lines), `questionnaire-${meetingId}.csv`)
        : new RawBody('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await exportXlsx(lines, locale), `questionnaire-${meetingId}.xlsx`);
    },
    'POST /api/meetings/:meetingId/questionnaire/summary': async (req, body, _r, _q, { meetingId }) => questionnaires.saveSummary(await staffOf(req), id(meetingId), body),
    'POST /api/meetings/:meetingId/questionnaire/publish': async (req, body, _r, _q, { meetingId }) => questionnaires.publish(await staffOf(req), id(meetingId), body),

    // Residents (public read by join code; answering needs a confirmed phone)
    'GET /api/questionnaires/:joinCode': async (_req, _b, _r, _q, { joinCode }) => questionnaires.forAnswering(parseOrThrow(JoinCode, joinCode)),
    'POST /api/questionnaires/:joinCode/responses': async (req, body, _r, _q, { joinCode }) =>
      questionnaires.answer(await residentOf(req), parseOrThrow(JoinCode, joinCode), body),
    'GET /api/questionnaires/:joinCode/mine': async (req, _b, _r, _q, { joinCode }) => questionnaires.mine(await residentOf(req), parseOrThrow(JoinCode, joinCode)),
  };
}
