import { z } from 'zod';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { newId, newJoinCode, newToken } from '../platform/tokens';
import { newShortCodes } from './card-code';
import { MeetingForm, MeetingLevel, MeetingType } from './model';
import { QuorumRule, quorumPresets } from './quorum';
import { walkInPolicyOf } from '../planning/templates';
import { MeetingProcedure, type EventData } from './events';

export const CreateMeetingInput = z.object({
  communityId: z.string(),
  title: z.string().trim().min(1).max(200),
  level: MeetingLevel,
  type: MeetingType,
  form: MeetingForm,
  venue: z.string().trim().min(1).max(200),
  scheduledAt: z.coerce.date(),
  endsAt: z.coerce.date().nullable().default(null),
  gridId: z.string().nullable().default(null),
  compoundId: z.string().nullable().default(null),
  recorderNames: z.array(z.string()).default([]),
  invitedCategories: z.array(z.string()).default([]),
  /** days the notice must be up before the start; planned meetings take it from their form's template */
  noticeLeadDays: z.number().int().min(0).default(0),
  /** the form's procedure from the template edition in use (planned meetings) */
  procedure: MeetingProcedure.optional(),
  /** whether walk-ins may be admitted (and vote in non-binding polls); default: the form's shipped template */
  walkIns: z.object({ allowed: z.boolean(), nonBindingVotes: z.boolean() }).optional(),
  convenerId: z.string(),
  quorumRule: QuorumRule.default(quorumPresets.more_than_half),
  livestreamUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
  /** which roster kinds get a voting seat (without `members`); a council session seats the council */
  seatKinds: z.array(z.enum(['council', 'representative', 'resident'])).default(['council']),
  /** exactly these roster members are seated, voting or not (planned meetings: lib/planning/categories rosterSeats) */
  members: z.array(z.object({ memberId: z.string(), canVote: z.boolean() })).optional(),
  /** experts from the community's pool (咨询专家库), seated as 专家 without a vote (lib/planning/experts) */
  experts: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  /** a fixed code for the demo meeting; real meetings get a random one */
  joinCode: z.string().regex(/^[A-Z0-9]{4,8}$/).optional(),
  agenda: z.array(z.object({ title: z.string().trim().min(1).max(200), notes: z.string().max(2000).default(''), speakLimitSec: z.number().int().min(15).max(3600).default(180) })).default([]),
});
export type CreateMeetingInput = z.input<typeof CreateMeetingInput>;

/**
 * Creates the meeting row, its seats (one per roster member chosen or of the seated kinds, each with a
 * remote invitation token and a card short code) and the first events of its log, in one transaction.
 */
export async function createMeeting(db: Db, raw: CreateMeetingInput, now = new Date()): Promise<{ id: string; joinCode: string }> {
  const input = CreateMeetingInput.parse(raw);
  const community = await db.community.findUnique({ where: { id: input.communityId } });
  if (!community) throw new AppError('NOT_FOUND', 'No such community');
  const convener = await db.staffUser.findUnique({ where: { id: input.convenerId } });
  if (!convener) throw new AppError('NOT_FOUND', 'No such convener');
  const chosen = input.members ? new Map(input.members.map((m) => [m.memberId, m.canVote])) : null;
  const roster = await db.rosterMember.findMany({
    where: { communityId: input.communityId, retiredAt: null, ...(chosen ? { id: { in: [...chosen.keys()] } } : { kind: { in: input.seatKinds } }) },
    orderBy: { name: 'asc' },
  });
  if (chosen && roster.length !== chosen.size) throw new AppError('BAD_REQUEST', 'A participant is not an active member of the community’s roster', { field: 'memberIds' });
  const id = newId();
  const joinCode = input.joinCode ?? newJoinCode();
  const seats = roster.map((m) => ({ id: newId(), rosterMemberId: m.id, name: m.name, kind: m.kind, canVote: chosen?.get(m.id) ?? true }));
  // Experts carry no card: the facilitator admits their phone with a one-device QR, as for a walk-in.
  const expertSeats = input.experts.map((e) => ({ id: newId(), expertId: e.id, name: e.name, kind: 'expert' }));
  // Kept out of the event log and the state: a short code admits a phone, so only the cards page shows it.
  const shortCodes = newShortCodes(seats.length);
  const created: EventData<'meeting.created'> = {
    title: input.title, level: input.level, type: input.type, form: input.form, venue: input.venue,
    scheduledAt: input.scheduledAt.toISOString(), convenerName: convener.displayName, communityName: community.name,
    joinCode, livestreamUrl: input.livestreamUrl, quorumRule: input.quorumRule, status: 'draft',
    seats: [
      ...seats.map((s) => ({ id: s.id, name: s.name, kind: s.kind, canVote: s.canVote })),
      ...expertSeats.map((s) => ({ id: s.id, name: s.name, kind: s.kind, canVote: false })),
    ],
    endsAt: input.endsAt?.toISOString() ?? null, recorderNames: input.recorderNames, invitedCategories: input.invitedCategories,
    noticeLeadDays: input.noticeLeadDays, ...(input.procedure ? { procedure: input.procedure } : {}),
    walkIns: input.walkIns ?? walkInPolicyOf(input.form),
  };
  const events = [
    { type: 'meeting.created', data: created },
    ...input.agenda.map((a) => ({ type: 'agenda.added', data: { id: newId(), ...a } })),
  ];
  await db.$transaction([
    db.meeting.create({
      data: {
        id, communityId: input.communityId, title: input.title, level: input.level, type: input.type, form: input.form,
        convenerId: input.convenerId, venue: input.venue, scheduledAt: input.scheduledAt, endsAt: input.endsAt, status: 'draft', joinCode,
        gridId: input.gridId, compoundId: input.compoundId,
        observerToken: newToken(),
      },
    }),
    db.meetingSeat.createMany({
      data: [
        ...seats.map((s, i) => ({ id: s.id, meetingId: id, rosterMemberId: s.rosterMemberId, canVote: s.canVote, remoteToken: newToken(), shortCode: shortCodes[i]! })),
        ...expertSeats.map((s) => ({ id: s.id, meetingId: id, expertId: s.expertId, canVote: false, remoteToken: newToken() })),
      ],
    }),
    db.meetingEvent.createMany({
      data: events.map((e, i) => ({ meetingId: id, seq: i + 1, type: e.type, data: JSON.stringify(e.data), actor: convener.displayName, at: now })),
    }),
  ]);
  return { id, joinCode };
}
