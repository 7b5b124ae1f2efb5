import type { IncomingMessage } from 'node:http';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { MeetingHub } from '../lib/meeting/hub';
import { staffRoleIn } from '../lib/meeting/queries';
import { can } from '../lib/meeting/permissions';
import { scheduleCommandSchemas } from '../lib/meeting/schedule';
import { communityBoard } from '../lib/planning/board';
import { planMeeting, planningOptions } from '../lib/planning/plan-meeting';
import { addCompound, addGrid, renameCompound, renameGrid } from '../lib/planning/places';
import { addMember, editMember, listRoster, retireMember } from '../lib/planning/roster';
import { addExpert, editExpert, listExperts, retireExpert } from '../lib/planning/experts';
import { importRosterFile } from '../lib/planning/roster-files';
import { loadDefaultTemplates } from '../lib/planning/templates';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import type { Handler } from './http-types';

/**
 * Planning over HTTP: create a meeting, publish its notice, read a community's planning options and its
 * public board. The notice goes through the meeting's hub like any command, so an open console sees it.
 */
const NoticeBody = scheduleCommandSchemas['meeting.announce'];

export function planningRoutes(db: Db, hub: MeetingHub): Record<string, Handler> {
  const templates = loadDefaultTemplates();
  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }

  return {
    'POST /api/meetings': async (req, body) => {
      const { id, joinCode } = await planMeeting(db, await staffOf(req), body, templates);
      return { meetingId: id, joinCode };
    },
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
    // The community's expert pool (咨询专家库), invited to 专家咨询 meetings.
    'GET /api/communities/:communityId/experts': async (req, _b, _r, _q, { communityId }) =>
      ({ experts: await listExperts(db, await staffOf(req), parseOrThrow(IdParam, communityId)) }),
    'POST /api/communities/:communityId/experts': async (req, body, _r, _q, { communityId }) =>
      addExpert(db, await staffOf(req), parseOrThrow(IdParam, communityId), body),
    'POST /api/experts/:expertId': async (req, body, _r, _q, { expertId }) => editExpert(db, await staffOf(req), parseOrThrow(IdParam, expertId), body),
    'POST /api/experts/:expertId/retire': async (req, _b, _r, _q, { expertId }) => retireExpert(db, await staffOf(req), parseOrThrow(IdParam, expertId)),
    // Public: what the community's notice board shows (the /c/<id> page renders the same).
    'GET /api/board/:communityId': async (_req, _b, _r, _q, { communityId }) => communityBoard(db, parseOrThrow(IdParam, communityId)),
  };
}
