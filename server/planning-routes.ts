import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { MeetingHub } from '../lib/meeting/hub';
import { staffRoleIn } from '../lib/meeting/queries';
import { can } from '../lib/meeting/permissions';
import { scheduleCommandSchemas } from '../lib/meeting/schedule';
import { communityBoard } from '../lib/planning/board';
import { planMeeting, planningOptions } from '../lib/planning/plan-meeting';
import { addCompound, addGrid, renameCompound, renameGrid } from '../lib/planning/places';
import { addMember, editMember, listRoster, retireMember } from '../lib/planning/roster';
import { importRosterFile } from '../lib/planning/roster-files';
import { currentTemplates, saveTemplatesEdition } from '../lib/planning/template-editions';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import type { Handler } from './http-types';

/**
 * Planning over HTTP: create a meeting, publish its notice, read a community's planning options and its
 * public board. The notice goes through the meeting's hub like any command, so an open console sees it.
 */
const NoticeBody = scheduleCommandSchemas['meeting.announce'];
/** The templates themselves are checked by validateTemplates, which names every field at fault. */
const TemplatesBody = z.object({ templates: z.unknown() });

export function planningRoutes(db: Db, hub: MeetingHub): Record<string, Handler> {
  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }

  return {
    'POST /api/meetings': async (req, body) => {
      const staff = await staffOf(req);
      // The district's current edition: a meeting keeps the procedure it was planned with.
      const { templates } = await currentTemplates(db, staff.scope.districtId);
      const { id, joinCode } = await planMeeting(db, staff, body, templates);
      return { meetingId: id, joinCode };
    },
    // The district's procedure templates: any staff member reads them; the district admin saves a new edition.
    'GET /api/templates': async (req) => currentTemplates(db, (await staffOf(req)).scope.districtId),
    'POST /api/templates': async (req, body) => saveTemplatesEdition(db, await staffOf(req), parseOrThrow(TemplatesBody, body).templates),
    'GET /api/communities/:communityId/planning': async (req, _b, _r, _q, { communityId }) =>
      planningOptions(db, await staffOf(req), parseOrThrow(IdParam, communityId)),
    'POST /api/meetings/:meetingId/notice': async (req, body, _r, _q, { meetingId }) => {
      const staff = await staffOf(req);
      const id = parseOrThrow(IdParam, meetingId);
      const role = await staffRoleIn(db, staff, id);
      if (!can(role, 'meeting.manage')) throw new AppError('FORBIDDEN', 'Only the meeting’s facilitator publishes its notice');
      const input = parseOrThrow(NoticeBody, body);
      const { seq } = await hub.execute(id, 'meeting.announce', input, { role, label: staff.displayName, seatId: null, mode: null });
      const state = await hub.state(id);
      const notice = state.notices.at(-1)!;
      return { seq, notice: { id: notice.id, kind: notice.kind, publishedAt: notice.publishedAt } };
    },
    // The community's grids and compounds (the places of 网格 and 小区 meetings).
    'POST /api/communities/:communityId/grids': async (req, body, _r, _q, { communityId }) =>
      addGrid(db, await staffOf(req), parseOrThrow(IdParam, communityId), body),
    'POST /api/grids/:gridId': async (req, body, _r, _q, { gridId }) => renameGrid(db, await staffOf(req), parseOrThrow(IdParam, gridId), body),
    'POST /api/grids/:gridId/compounds': async (req, body, _r, _q, { gridId }) => addCompound(db, await staffOf(req), parseOrThrow(IdParam, gridId), body),
    'POST /api/compounds/:compoundId': async (req, body, _r, _q, { compoundId }) => renameCompound(db, await staffOf(req), parseOrThrow(IdParam, compoundId), body),
    // The community's roster: members with their participant categories.
    'GET /api/communities/:communityId/roster': async (req, _b, _r, _q, { communityId }) =>
      ({ members: await listRoster(db, await staffOf(req), parseOrThrow(IdParam, communityId)) }),
    'POST /api/communities/:communityId/roster': async (req, body, _r, _q, { communityId }) =>
      addMember(db, await staffOf(req), parseOrThrow(IdParam, communityId), body),
    'POST /api/roster/:memberId': async (req, body, _r, _q, { memberId }) => editMember(db, await staffOf(req), parseOrThrow(IdParam, memberId), body),
    // The body is the sheet itself (CSV or XLSX, told apart by its first bytes).
    'POST /api/roster/import': async (req, body, _r, query) =>
      importRosterFile(db, await staffOf(req), parseOrThrow(IdParam, query.get('communityId')), body as Uint8Array),
    'POST /api/roster/:memberId/retire': async (req, _b, _r, _q, { memberId }) => retireMember(db, await staffOf(req), parseOrThrow(IdParam, memberId)),
    // Public: what the community's notice board shows (the /c/<id> page renders the same).
    'GET /api/board/:communityId': async (_req, _b, _r, _q, { communityId }) => communityBoard(db, parseOrThrow(IdParam, communityId)),
  };
}
