import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { communityByBoardAddress } from './community-code';
import { publishedAttachments } from './notice-attachments';
import { boardTopics } from '../topics/queries';
import { boardPublications } from '../topics/publicity';

/**
 * The community board (社区协商公示栏), public and without login: what is coming (with every notice as
 * published, revisions and cancellations included) and what was held (with its public record once filed).
 * Only what a notice board in the building would show: no rosters, no tokens, no staff accounts.
 */
export async function communityBoard(db: Db, communityId: string, now = new Date()) {
  const community = await db.community.findUnique({ where: { id: communityId }, select: { id: true, code: true, name: true, street: { select: { name: true } } } });
  if (!community) throw new AppError('NOT_FOUND', 'No such community');
  const meetings = await db.meeting.findMany({
    // A draft has not been published: it is the staff's until its notice goes up.
    where: { communityId, status: { not: 'draft' } },
    orderBy: { scheduledAt: 'desc' },
    take: 60,
    select: {
      id: true, title: true, form: true, level: true, type: true, status: true, venue: true, scheduledAt: true, endsAt: true, joinCode: true,
      notices: { orderBy: { publishedAt: 'asc' }, select: { id: true, kind: true, text: true, publishedAt: true } },
    },
  });
  const records = await db.meetingRecord.findMany({
    where: { meetingId: { in: meetings.map((m) => m.id) }, filedAt: { not: null } },
    select: { id: true, meetingId: true, filedAt: true },
  });
  const recordOf = new Map(records.map((r) => [r.meetingId, r]));
  // Each notice lists the files it published that are still up (a withdrawn one is named by its correction).
  const files = (await publishedAttachments(db, meetings.map((m) => m.id))).filter((f) => !f.withdrawnAt);
  const withFiles = (notices: (typeof meetings)[number]['notices']) => notices.map((n) => ({
    ...n, attachments: files.filter((f) => f.noticeId === n.id).map((f) => ({ id: f.id, name: f.fileName, size: f.size, mimeType: f.mimeType })),
  }));
  const held = (m: (typeof meetings)[number]) => m.status === 'closed';
  const upcoming = meetings
    .filter((m) => !held(m) && (m.status !== 'cancelled' || m.scheduledAt >= now))
    .reverse()
    .map(({ joinCode, ...m }) => ({ ...m, notices: withFiles(m.notices), joinCode: m.status === 'live' ? joinCode : null }));
  return {
    community: { id: community.id, code: community.code, name: community.name, streetName: community.street.name },
    upcoming,
    /** residents' proposals and the community's topics, with co-signature counts (never who signed) */
    topics: await boardTopics(db, communityId),
    /** results in publicity (结果公示) and before: decisions, the period, objections and answers */
    publications: await boardPublications(db, communityId, now),
    held: meetings.filter(held).map(({ joinCode: _code, ...m }) => ({ ...m, recordId: recordOf.get(m.id)?.id ?? null, filedAt: recordOf.get(m.id)?.filedAt ?? null })),
  };
}
/**
 * The board at an address (/c/<code>, or an old /c/<id> link): the board, and `canonical` false when the
 * address was not the community's code, so pages redirect to the code's address.
 */
export async function communityBoardAt(db: Db, address: string, now = new Date()) {
  const { id, canonical } = await communityByBoardAddress(db, address);
  return { board: await communityBoard(db, id, now), canonical };
}

export type CommunityBoard = Awaited<ReturnType<typeof communityBoard>>;
