import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { MeetingHub } from '../lib/meeting/hub';
import { staffRoleIn } from '../lib/meeting/queries';
import { can } from '../lib/meeting/permissions';
import { scheduleCommandSchemas } from '../lib/meeting/schedule';
import { communityBoardAt } from '../lib/planning/board';
import { assignPost } from '../lib/planning/posts';
import { setCommunityCode } from '../lib/planning/community-code';
import { attachmentFile, listAttachments, uploadAttachment, withdrawAttachment } from '../lib/planning/notice-attachments';
import { planMeeting, planningOptions } from '../lib/planning/plan-meeting';
import { addCompound, addGrid, renameCompound, renameGrid } from '../lib/planning/places';
import { addMember, editMember, listRoster, retireMember } from '../lib/planning/roster';
import { addExpert, editExpert, listExperts, retireExpert } from '../lib/planning/experts';
import { importRosterFile } from '../lib/planning/roster-files';
import { currentTemplates, saveTemplatesEdition } from '../lib/planning/template-editions';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import { RawBody, type Handler } from './http-types';

/**
 * Planning over HTTP: create a meeting, publish its notice, read a community's planning options and its
 * public board. The notice goes through the meeting's hub like any command, so an open console sees it.
 */
const NoticeBody = scheduleCommandSchemas['meeting.announce'];
/** The templates themselves are checked by validateTemplates, which names every field at fault. */
const TemplatesBody = z.object({ templates: z.unknown() });
const BoardAddress = z.string().min(1).max(100);

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
    // Who holds the convening posts over them (小区议事负责人, 网格长, 书记, 主任): the default conveners.
    'POST /api/communities/:communityId/posts': async (req, body, _r, _q, { communityId }) =>
      assignPost(db, await staffOf(req), parseOrThrow(IdParam, communityId), body),
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
    // Files of a meeting's notice: the body is the file itself (its type is read from its bytes), the
    // meeting and the file's name travel in the query. It waits for the next notice published.
    'POST /api/attachments': async (req, body, _r, query) =>
      uploadAttachment(db, await staffOf(req), parseOrThrow(IdParam, query.get('meetingId')), { name: query.get('name') ?? '' }, body as Uint8Array),
    'GET /api/meetings/:meetingId/attachments': async (req, _b, _r, _q, { meetingId }) =>
      ({ attachments: await listAttachments(db, await staffOf(req), parseOrThrow(IdParam, meetingId)) }),
    // A published file's withdrawal is a correction notice, through the hub like any notice.
    'POST /api/attachments/:attachmentId/withdraw': async (req, body, _r, _q, { attachmentId }) => {
      const staff = await staffOf(req);
      return withdrawAttachment(db, staff, parseOrThrow(IdParam, attachmentId), body, async (meetingId, text) => {
        const role = await staffRoleIn(db, staff, meetingId);
        await hub.execute(meetingId, 'meeting.announce', { text }, { role, label: staff.displayName, seatId: null, mode: null });
        return (await hub.state(meetingId)).notices.at(-1)!.id;
      });
    },
    // Public once published (the board links it); images inline, everything else as a download.
    'GET /api/attachments/:attachmentId': async (req, _b, _r, _q, { attachmentId }) => {
      const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
      const file = await attachmentFile(db, staff, parseOrThrow(IdParam, attachmentId));
      return new RawBody(file.mimeType, file.data, file.fileName, file.inline);
    },
    // The community's short code, the address of its board (/c/<code>).
    'POST /api/communities/:communityId/code': async (req, body, _r, _q, { communityId }) =>
      setCommunityCode(db, await staffOf(req), parseOrThrow(IdParam, communityId), body),
    // Public: what the community's notice board shows (the /c/<code> page renders the same). The address
    // is the code; an id (links from before codes) is answered too.
    'GET /api/board/:address': async (_req, _b, _r, _q, { address }) => (await communityBoardAt(db, parseOrThrow(BoardAddress, address))).board,
    // The community's expert pool (咨询专家库), invited to 专家咨询 meetings.
    'GET /api/communities/:communityId/experts': async (req, _b, _r, _q, { communityId }) =>
      ({ experts: await listExperts(db, await staffOf(req), parseOrThrow(IdParam, communityId)) }),
    'POST /api/communities/:communityId/experts': async (req, body, _r, _q, { communityId }) =>
      addExpert(db, await staffOf(req), parseOrThrow(IdParam, communityId), body),
    'POST /api/experts/:expertId': async (req, body, _r, _q, { expertId }) => editExpert(db, await staffOf(req), parseOrThrow(IdParam, expertId), body),
    'POST /api/experts/:expertId/retire': async (req, _b, _r, _q, { expertId }) => retireExpert(db, await staffOf(req), parseOrThrow(IdParam, expertId)),
  };
}
