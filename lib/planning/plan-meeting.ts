import { z } from 'zod';
import { invitedExperts } from './experts';
import { putOnAgenda } from '../topics/agenda';
import { evaluationMaterial } from '../topics/evaluation-material';
import type { StaffIdentity } from '../auth/staff-session';
import { createMeeting } from '../meeting/create-meeting';
import { MeetingForm, MeetingLevel, MeetingType } from '../meeting/model';
import { QuorumRule, quorumPresets } from '../meeting/quorum';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { plannableCommunity } from './access';
import { ParticipantCategory, rosterSeats } from './categories';
import { defaultConvener } from './convener';
import { postHolders } from './posts';
import { meetingProcedure, templateFor, type ProcedureTemplates } from './templates';

/**
 * Planning a meeting from the console (and `POST /api/meetings`): the form's template fills in what the
 * planner leaves out (quorum rule, invited categories, notice lead time, convener by level), and every
 * rule a planner can break is answered with the field it concerns.
 */

const Iso = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(100);

export const PlanMeetingInput = z.strictObject({
  communityId: id,
  form: MeetingForm,
  level: MeetingLevel,
  /** the grid or compound a grid- or compound-level meeting is about */
  placeId: id.nullable().default(null),
  type: MeetingType,
  title: z.string().trim().min(1).max(200),
  venue: z.string().trim().min(1).max(200),
  scheduledAt: Iso,
  endsAt: Iso,
  /** default: the holder of the level's post (小区议事负责人 / 网格长 / 书记 or 主任), else the planner */
  convenerId: id.nullable().default(null),
  recorderIds: z.array(id).max(10).default([]),
  /** default: the form's template */
  quorumRule: QuorumRule.nullable().default(null),
  /** default: the form's template */
  invitedCategories: z.array(ParticipantCategory).max(20).nullable().default(null),
  /** an item may take up an accepted topic of the community (the topic then lists this meeting) */
  agenda: z.array(z.strictObject({ title: z.string().trim().min(1).max(200), notes: z.string().max(2000).default(''), topicId: id.optional() })).max(30).default([]),
  /** experts from the community's pool, seated as 专家 (专家咨询) */
  expertIds: z.array(id).max(30).default([]),
  /** roster members invited by name besides the invited categories (a 利益相关方 of the matter, say) */
  memberIds: z.array(id).max(500).default([]),
  livestreamUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
}).superRefine((i, ctx) => {
  if (Date.parse(i.endsAt) <= Date.parse(i.scheduledAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The meeting cannot end before it starts' });
  if (i.level !== 'community' && !i.placeId) ctx.addIssue({ code: 'custom', path: ['placeId'], message: 'Choose the grid or compound' });
});
export type PlanMeetingInput = z.input<typeof PlanMeetingInput>;

/** What the new-meeting form offers: the community's grids and compounds, staff (with posts), experts, accepted topics and roster. */
export async function planningOptions(db: Db, staff: StaffIdentity, communityId: string) {
  const community = await plannableCommunity(db, staff, communityId);
  const grids = await db.grid.findMany({ where: { communityId }, include: { compounds: { orderBy: { name: 'asc' } } }, orderBy: { name: 'asc' } });
  const people = await db.staffUser.findMany({
    where: { communityId }, orderBy: { displayName: 'asc' }, select: { id: true, displayName: true, role: true, post: true, postPlaceId: true },
  });
  const experts = await db.expert.findMany({
    where: { communityId, retiredAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true, field: true, organisation: true },
  });
  const topics = await db.topic.findMany({
    where: { communityId, status: 'accepted' }, orderBy: { reviewedAt: 'desc' }, take: 100,
    select: { id: true, title: true, description: true, level: true, placeId: true, type: true, intakePath: true },
  });
  const roster = await db.rosterMember.findMany({
    where: { communityId, retiredAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true, building: true, categories: true },
  });
  const members = roster.map((m) => ({ id: m.id, name: m.name, building: m.building, categories: z.array(z.string()).parse(JSON.parse(m.categories)) }));
  return { community: { id: community.id, name: community.name, code: community.code }, grids, staff: people, experts, topics, members };
}

/** `opts.joinCode`: a fixed code, for the demo meeting only (real meetings get a random one). */
export async function planMeeting(
  db: Db, staff: StaffIdentity, raw: unknown, templates: ProcedureTemplates, opts: { joinCode?: string } = {},
): Promise<{ id: string; joinCode: string }> {
  const input = parseOrThrow(PlanMeetingInput, raw);
  const community = await plannableCommunity(db, staff, input.communityId);
  const template = templateFor(templates, input.form);

  const placeId = input.level === 'community' ? community.id : input.placeId!;
  if (input.level === 'grid' && !(await db.grid.findFirst({ where: { id: placeId, communityId: community.id } }))) {
    throw new AppError('BAD_REQUEST', 'This grid is not in the community', { field: 'placeId' });
  }
  if (input.level === 'compound' && !(await db.compound.findFirst({ where: { id: placeId, grid: { communityId: community.id } } }))) {
    throw new AppError('BAD_REQUEST', 'This compound is not in the community', { field: 'placeId' });
  }

  const people = await db.staffUser.findMany({ where: { communityId: community.id } });
  const holders = await postHolders(db, community.id);
  const convenerId = input.convenerId ?? defaultConvener(input.level, placeId, holders) ?? staff.id;
  // A convener and recorders are staff of this community: someone from elsewhere cannot be named.
  if (!people.some((p) => p.id === convenerId)) throw new AppError('BAD_REQUEST', 'The convener must be staff of this community', { field: 'convenerId' });
  const recorders = input.recorderIds.map((rid) => {
    const r = people.find((p) => p.id === rid);
    if (!r) throw new AppError('BAD_REQUEST', 'A recorder must be staff of this community', { field: 'recorderIds' });
    return r;
  });

  const topicIds = [...new Set(input.agenda.flatMap((a) => (a.topicId ? [a.topicId] : [])))];
  const topics = await db.topic.findMany({ where: { id: { in: topicIds }, communityId: community.id, status: 'accepted' }, select: { id: true } });
  if (topics.length !== topicIds.length) throw new AppError('BAD_REQUEST', 'An agenda item names a topic that is not an accepted topic of this community', { field: 'agenda' });

  // 民主评议 reviews the half year's decisions: their implementation and ratings are its agenda material.
  const material = input.form === 'evaluation' ? await evaluationMaterial(db, community.id, new Date(input.scheduledAt)) : null;
  const agenda = [...input.agenda.map((a) => ({ title: a.title, notes: a.notes })), ...(material ? [material] : [])].slice(0, 30);

  const invited = input.invitedCategories ?? template.defaultCategories;
  const experts = await invitedExperts(db, community.id, input.expertIds);
  const roster = await db.rosterMember.findMany({ where: { communityId: community.id, retiredAt: null }, select: { id: true, categories: true } });
  const unknown = input.memberIds.filter((m) => !roster.some((r) => r.id === m));
  if (unknown.length) throw new AppError('BAD_REQUEST', 'A person invited is not an active member of the community’s roster', { field: 'memberIds' });
  const members = rosterSeats(roster.map((r) => ({ id: r.id, categories: z.array(z.string()).parse(JSON.parse(r.categories)) })), invited, input.memberIds);
  const meeting = await createMeeting(db, {
    communityId: community.id, title: input.title, level: input.level, type: input.type, form: input.form,
    gridId: input.level === 'grid' ? placeId : null, compoundId: input.level === 'compound' ? placeId : null,
    venue: input.venue, scheduledAt: new Date(input.scheduledAt), endsAt: new Date(input.endsAt), convenerId,
    quorumRule: input.quorumRule ?? template.quorumRule ?? quorumPresets.more_than_half,
    livestreamUrl: input.livestreamUrl, members, experts,
    recorderNames: recorders.map((r) => r.displayName), invitedCategories: invited, noticeLeadDays: template.noticeLeadDays,
    procedure: meetingProcedure(templates, input.form), walkIns: template.walkIns,
    agenda: agenda.map((a) => ({ title: a.title, notes: a.notes, speakLimitSec: 180 })),
    ...(opts.joinCode ? { joinCode: opts.joinCode } : {}),
  });
  for (const topicId of topicIds) await putOnAgenda(db, topicId, meeting.id, input.title, staff.displayName);
  return meeting;
}
