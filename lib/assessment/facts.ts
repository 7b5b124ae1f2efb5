import { decisionTitle, Rating, TaskStatus } from '../topics/implementation';
import type { Db } from '../platform/db/client';
import { parseStoredRecord, type MeetingRecord } from '../record/format';
import { verifyFiledRecords } from '../record/verify-stored';
import { CommunityFacts, IntakePath, type FiledRecordFact } from '../scoring/facts';

/**
 * The scoring engine's input, read from the database: every filed record of the communities (each
 * verified, so a tampered record stops counting), their topics and escalations, uploads, and decisions'
 * follow-ups and ratings; a record names the registered topics its meeting took up.
 * Reads are batched per query, not per community, so a district overview costs a handful of queries.
 */
export async function communityFacts(db: Db, communityIds: string[]): Promise<Map<string, CommunityFacts>> {
  const [communities, records, verification, topics, uploads] = await Promise.all([
    db.community.findMany({ where: { id: { in: communityIds } }, select: { id: true, name: true, streetId: true } }),
    db.meetingRecord.findMany({ where: { communityId: { in: communityIds }, status: 'filed' }, select: { id: true, meetingId: true, communityId: true, body: true, filedAt: true } }),
    verifyFiledRecords(db, communityIds),
    // A topic counts once accepted in review (议题审核), from then: a proposal still gathering co-signatures, or
    // one merged, referred or rejected, is not a topic of this community's consultation.
    db.topic.findMany({
      where: { communityId: { in: communityIds }, status: 'accepted' },
      select: { id: true, communityId: true, intakePath: true, createdAt: true, reviewedAt: true, steps: { where: { kind: 'escalated' }, select: { at: true } } },
    }),
    db.evidenceUpload.findMany({
      where: { communityId: { in: communityIds } },
      select: { id: true, communityId: true, indicatorId: true, year: true, status: true, credit: true, createdAt: true, reviewedAt: true },
    }),
  ]);
  const publications = await db.resultPublication.findMany({ where: { recordId: { in: records.map((r) => r.id) } }, select: { recordId: true, publishedAt: true } });
  const publishedAt = new Map(publications.map((p) => [p.recordId, p.publishedAt]));
  const followUps = await db.decisionFollowUp.findMany({ where: { recordId: { in: records.map((r) => r.id) } }, orderBy: { recordedAt: 'asc' } });
  // A decision's follow-up: its first implementation update, or a note recorded before tasks existed.
  const tasks = await db.decisionTask.findMany({
    where: { recordId: { in: records.map((r) => r.id) } },
    select: {
      id: true, recordId: true, pollId: true, deadline: true, status: true,
      updates: { orderBy: { at: 'asc' }, take: 1, select: { at: true } },
      ratings: { select: { rating: true, createdAt: true } },
    },
  });
  // The registered topics each meeting took up (the community's ledger), and the topics' escalations.
  const topicLinks = await db.topicMeeting.findMany({
    where: { meetingId: { in: records.map((r) => r.meetingId) }, topic: { status: 'accepted' } }, select: { topicId: true, meetingId: true },
  });
  const topicsOf = new Map<string, string[]>();
  for (const l of topicLinks) topicsOf.set(l.meetingId, [...(topicsOf.get(l.meetingId) ?? []), l.topicId]);
  const firstFollowUp = new Map<string, Date>();
  const followUpAt = [...followUps.map((f) => ({ key: `${f.recordId}:${f.pollId}`, at: f.recordedAt })), ...tasks.flatMap((t) => t.updates.map((u) => ({ key: `${t.recordId}:${t.pollId}`, at: u.at })))];
  for (const f of followUpAt) if (!firstFollowUp.has(f.key) || firstFollowUp.get(f.key)! > f.at) firstFollowUp.set(f.key, f.at);
  const taskOf = new Map(tasks.map((t) => [`${t.recordId}:${t.pollId}`, t]));

  const facts = new Map<string, CommunityFacts>(communities.map((c) => [c.id, {
    communityId: c.id, communityName: c.name, streetId: c.streetId, records: [], topics: [], uploads: [],
  }]));
  for (const row of records) {
    const parsed = parseStoredRecord(row.body);
    const target = facts.get(row.communityId);
    if (!target || !row.filedAt) continue;
    if (!parsed) {
      // An unreadable body is a tampered record: it shows as unverified, never as evidence.
      target.records.push(unreadable(row.id, row.filedAt));
      continue;
    }
    target.records.push({
      ...recordFact(parsed, row.filedAt, publishedAt.get(row.id) ?? null, verification.get(row.id)?.valid ?? false, firstFollowUp, taskOf),
      topics: topicsOf.get(row.meetingId) ?? [],
    });
  }
  for (const t of topics) {
    const path = IntakePath.safeParse(t.intakePath);
    if (!path.success) continue;
    facts.get(t.communityId)?.topics.push({
      id: t.id, intakePath: path.data, createdAt: (t.reviewedAt ?? t.createdAt).toISOString(), escalatedAt: t.steps.map((s) => s.at.toISOString()),
    });
  }
  for (const u of uploads) {
    facts.get(u.communityId)?.uploads.push({
      id: u.id, indicatorId: u.indicatorId, year: u.year, status: u.status as 'pending' | 'accepted' | 'rejected',
      ...(u.credit !== null ? { credit: u.credit } : {}),
      submittedAt: u.createdAt.toISOString(), reviewedAt: u.reviewedAt?.toISOString() ?? null,
    });
  }
  // The engine trusts its input for speed; what the database gave is checked here, once.
  for (const [id, f] of facts) facts.set(id, CommunityFacts.parse(f));
  return facts;
}

function recordFact(
  r: MeetingRecord, filedAt: Date, publishedAt: Date | null, verified: boolean, followUps: Map<string, Date>,
  tasks: Map<string, { id: string; deadline: Date | null; status: string; ratings: { rating: string; createdAt: Date }[] }>,
): FiledRecordFact {
  return {
    recordId: r.recordId, meetingId: r.meetingId, form: r.meeting.form, type: r.meeting.type, level: r.meeting.level,
    title: r.meeting.title, scheduledAt: r.meeting.scheduledAt, startedAt: r.meeting.startedAt, closedAt: r.meeting.closedAt,
    filedAt: filedAt.toISOString(), announcedAt: r.meeting.announcedAt,
    // When its results went on the board (结果公示): filing publishes them, but the publication is its own fact.
    resultsPublishedAt: publishedAt?.toISOString() ?? null,
    members: r.roster.filter((m) => m.canVote).length,
    attended: r.attendance.length,
    remoteAttended: r.attendance.filter((a) => a.mode === 'remote').length,
    polls: r.polls.map((p) => ({ id: p.id, passed: p.outcome?.result === 'passed', decision: p.kind === 'motion' })),
    decisions: r.decisions.map((d) => {
      const task = tasks.get(`${r.recordId}:${d.pollId}`);
      return {
        pollId: d.pollId, text: decisionTitle(d), followUpRecordedAt: followUps.get(`${r.recordId}:${d.pollId}`)?.toISOString() ?? null,
        ...(task ? {
          id: task.id, deadline: task.deadline?.toISOString() ?? null, implementation: TaskStatus.parse(task.status),
          ratings: task.ratings.flatMap((x) => {
            const rating = Rating.safeParse(x.rating);
            return rating.success ? [{ rating: rating.data, at: x.createdAt.toISOString() }] : [];
          }),
        } : {}),
      };
    }),
    verified,
  };
}

function unreadable(recordId: string, filedAt: Date): FiledRecordFact {
  const at = filedAt.toISOString();
  return {
    recordId, meetingId: '', form: 'council', type: 'decision', level: 'community', title: '',
    scheduledAt: at, startedAt: null, closedAt: at, filedAt: at, announcedAt: null, resultsPublishedAt: null,
    members: 0, attended: 0, remoteAttended: 0, polls: [], decisions: [], verified: false,
  };
}
