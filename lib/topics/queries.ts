import type { StaffIdentity } from '../auth/staff-session';
import { plannableCommunity } from '../planning/access';
import { boardPath } from '../planning/board-path';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import type { ResidentIdentity } from '../residents/phone-identity';
import { coSignProgress, TopicStatus, StepKind } from './model';

/**
 * What is shown of topics. The public (board, topic page) sees counts, the journey and the proposer's
 * declared name; never who co-signed, nor any phone. Staff who plan the community's meetings see the
 * co-signers (name, building, masked phone) and the written submissions.
 */

const publicSelect = {
  id: true, title: true, description: true, place: true, intakePath: true, status: true, submitter: true, level: true, type: true,
  mergedIntoId: true, referredTo: true, reason: true, reviewedAt: true, createdAt: true, proposerPhoneHash: true,
  _count: { select: { coSigns: true } },
} as const;

type Row = { proposerPhoneHash: string | null; _count: { coSigns: number }; status: string } & Record<string, unknown>;

function publicView<R extends Row>({ proposerPhoneHash, _count, ...t }: R) {
  return {
    ...t,
    status: TopicStatus.parse(t.status),
    /** a resident's proposal (co-signed on the board) rather than one staff registered */
    proposal: proposerPhoneHash !== null,
    coSign: coSignProgress(_count.coSigns),
  };
}

/** The board's topics, newest first, awaiting review ones on top. */
export async function boardTopics(db: Db, communityId: string) {
  const rows = await db.topic.findMany({ where: { communityId }, orderBy: { createdAt: 'desc' }, take: 100, select: publicSelect });
  const order = (s: string) => (s === 'submitted' ? 0 : s === 'accepted' ? 1 : 2);
  return rows.map(publicView).sort((a, b) => order(a.status) - order(b.status));
}

/** One topic as its public page shows it; `resident`: what this confirmed phone did on it. */
export async function publicTopic(db: Db, topicId: string, resident: ResidentIdentity | null) {
  const row = await db.topic.findUnique({
    where: { id: topicId },
    select: {
      ...publicSelect, communityId: true,
      steps: { orderBy: { at: 'asc' }, select: { kind: true, at: true, actor: true, detail: true } },
      files: { where: { kind: 'photo' }, orderBy: { position: 'asc' }, select: { id: true } },
      // A draft meeting is the staff's until its notice goes up (as on the board).
      meetings: { where: { meeting: { status: { not: 'draft' } } }, select: { meeting: { select: { id: true, title: true, status: true, scheduledAt: true } } } },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such topic');
  const { steps, files, meetings, communityId, ...rest } = row;
  const signed = resident ? (await db.topicCoSign.count({ where: { topicId, phoneHash: resident.phoneHash } })) > 0 : false;
  const shown = new Set(meetings.map((m) => m.meeting.id));
  const journey: JourneyStep[] = steps
    .map((s) => ({ kind: StepKind.parse(s.kind), at: s.at, actor: s.actor, detail: JSON.parse(s.detail) as Record<string, unknown> }))
    .filter((s) => s.kind !== 'on_agenda' || shown.has(String(s.detail.meetingId)));
  // What came of each meeting: its filed record, when its results were published, its decisions' state.
  const meetingIds = meetings.map((m) => m.meeting.id);
  const records = await db.meetingRecord.findMany({ where: { meetingId: { in: meetingIds }, status: 'filed' }, select: { id: true, meetingId: true, filedAt: true } });
  const [publications, tasks] = await Promise.all([
    db.resultPublication.findMany({ where: { recordId: { in: records.map((r) => r.id) } }, select: { recordId: true, publishedAt: true } }),
    db.decisionTask.findMany({
      where: { recordId: { in: records.map((r) => r.id) } }, orderBy: { createdAt: 'asc' },
      select: { id: true, recordId: true, title: true, status: true, reason: true, doneAt: true, updates: { where: { status: 'impossible' }, take: 1, select: { at: true } } },
    }),
  ]);
  const outcome = (meetingId: string) => {
    const record = records.find((r) => r.meetingId === meetingId);
    if (!record) return null;
    return {
      recordId: record.id,
      publishedAt: publications.find((p) => p.recordId === record.id)?.publishedAt ?? null,
      decisions: tasks.filter((x) => x.recordId === record.id).map((x) => ({ taskId: x.id, title: x.title, status: x.status })),
    };
  };
  // The journey goes on past the agenda with what the meetings' outcomes say: filed, published, carried out.
  const titleOf = new Map(meetings.map((m) => [m.meeting.id, m.meeting.title]));
  const outcomes: JourneyStep[] = [
    ...records.flatMap((r) => (r.filedAt ? [{ kind: 'record_filed' as const, at: r.filedAt, actor: '', detail: { meetingTitle: titleOf.get(r.meetingId) } }] : [])),
    ...publications.map((p) => ({ kind: 'published' as const, at: p.publishedAt, actor: '', detail: { meetingTitle: titleOf.get(records.find((r) => r.id === p.recordId)!.meetingId) } })),
    ...tasks.flatMap((x): JourneyStep[] => {
      if (x.status === 'done' && x.doneAt) return [{ kind: 'decision_done', at: x.doneAt, actor: '', detail: { title: x.title } }];
      if (x.status === 'impossible' && x.updates[0]) return [{ kind: 'decision_impossible', at: x.updates[0].at, actor: '', detail: { title: x.title, reason: x.reason } }];
      return [];
    }),
  ];
  return {
    ...publicView(rest),
    communityId,
    steps: [...journey, ...outcomes].sort((a, b) => a.at.getTime() - b.at.getTime()),
    photos: files,
    meetings: meetings.map((m) => ({ ...m.meeting, outcome: outcome(m.meeting.id) })).sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime()),
    mine: resident ? { signed, proposer: row.proposerPhoneHash === resident.phoneHash } : null,
  };
}
export type PublicTopic = Awaited<ReturnType<typeof publicTopic>>;
/** A line of a topic's journey: a stored step, or a milestone of a meeting that took it up. */
type JourneyStep = {
  kind: StepKind | 'record_filed' | 'published' | 'decision_done' | 'decision_impossible'; at: Date; actor: string; detail: Record<string, unknown>;
};
export type BoardTopic = Awaited<ReturnType<typeof boardTopics>>[number];

/** A public photo of a proposal (photos are public once proposed; they are re-encoded pixels only). */
export async function topicPhoto(db: Db, photoId: string) {
  const f = await db.topicFile.findUnique({ where: { id: photoId }, select: { kind: true, mimeType: true, data: true } });
  if (!f || f.kind !== 'photo') throw new AppError('NOT_FOUND', 'No such photo');
  return f;
}

/** The review queue and register: every topic of the community with co-signers and submissions. */
export async function staffTopics(db: Db, staff: StaffIdentity, communityId: string) {
  await plannableCommunity(db, staff, communityId);
  const rows = await db.topic.findMany({
    where: { communityId }, orderBy: { createdAt: 'desc' }, take: 300,
    select: {
      ...publicSelect, placeId: true, convenerId: true,
      coSigns: { orderBy: { createdAt: 'asc' }, select: { name: true, building: true, phoneMasked: true, createdAt: true } },
      files: { orderBy: [{ kind: 'asc' }, { position: 'asc' }], select: { id: true, kind: true, fileName: true, size: true } },
      meetings: { select: { meetingId: true } },
      steps: { where: { kind: 'escalated' }, orderBy: { at: 'desc' }, take: 1, select: { at: true, actor: true, detail: true } },
    },
  });
  return rows.map(({ coSigns, files, meetings, steps, ...t }) => ({
    ...publicView(t), coSigners: coSigns, files, meetingIds: meetings.map((m) => m.meetingId),
    /** the last escalation that brought it here (逐级上报): from which level, why, by whom */
    escalation: steps[0] ? { at: steps[0].at, by: steps[0].actor, ...(JSON.parse(steps[0].detail) as { from: string; to: string; reason: string }) } : null,
  }));
}
export type StaffTopic = Awaited<ReturnType<typeof staffTopics>>[number];

/** A submission or photo for staff of the topic's community. */
export async function staffTopicFile(db: Db, staff: StaffIdentity, fileId: string) {
  const f = await db.topicFile.findUnique({ where: { id: fileId }, select: { fileName: true, mimeType: true, data: true, topic: { select: { communityId: true } } } });
  if (!f) throw new AppError('NOT_FOUND', 'No such file');
  await plannableCommunity(db, staff, f.topic.communityId);
  return f;
}

/**
 * What the index's explanations may cite besides records and uploads, by title with their page on the
 * community's board (all public there): the accepted topics and the decisions being carried out. The
 * caller has already been allowed to read the community's score.
 */
export async function citableTitles(db: Db, communityId: string) {
  const community = await db.community.findUnique({ where: { id: communityId }, select: { code: true } });
  const [topics, decisions] = await Promise.all([
    db.topic.findMany({ where: { communityId, status: 'accepted' }, select: { id: true, title: true } }),
    db.decisionTask.findMany({ where: { communityId }, select: { id: true, title: true } }),
  ]);
  const board = boardPath(community?.code ?? '');
  return {
    topics: new Map(topics.map((x) => [x.id, { title: x.title, href: `${board}/t/${x.id}` }])),
    decisions: new Map(decisions.map((x) => [x.id, { title: x.title, href: `${board}/d/${x.id}` }])),
  };
}
