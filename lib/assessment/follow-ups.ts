import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { parseStoredRecord } from '../record/format';
import { decisionTitle } from '../topics/implementation';
import { requireCommunity } from './scope';

/**
 * Decisions of the community's filed records that nobody has followed up yet, oldest meeting first:
 * what the dashboard asks community staff to take up in 决议落实 (each decision's implementation task).
 * Follow-up notes of the time before implementation tasks (DecisionFollowUp) still count as followed up.
 */
export async function decisionsAwaitingFollowUp(db: Db, staff: StaffIdentity, communityId: string) {
  await requireCommunity(db, staff, communityId, 'followUp.record');
  const rows = await db.meetingRecord.findMany({ where: { communityId, status: 'filed' }, select: { id: true, body: true } });
  const followUps = await db.decisionFollowUp.findMany({ where: { recordId: { in: rows.map((r) => r.id) } }, select: { recordId: true, pollId: true } });
  // A decision whose implementation has any update (决议落实) is followed up as much as one with a note.
  const tasks = await db.decisionTask.findMany({ where: { recordId: { in: rows.map((r) => r.id) } }, select: { id: true, recordId: true, pollId: true, _count: { select: { updates: true } } } });
  const done = new Set([...followUps, ...tasks.filter((x) => x._count.updates > 0)].map((f) => `${f.recordId}:${f.pollId}`));
  const taskOf = new Map(tasks.map((x) => [`${x.recordId}:${x.pollId}`, x.id]));
  return rows
    .flatMap((row) => {
      const parsed = parseStoredRecord(row.body);
      if (!parsed) return [];
      const { meeting, decisions } = parsed;
      return decisions
        .filter((d) => !done.has(`${row.id}:${d.pollId}`))
        .map((d) => ({
          recordId: row.id, pollId: d.pollId, taskId: taskOf.get(`${row.id}:${d.pollId}`) ?? null,
          question: decisionTitle(d), meetingTitle: meeting.title, closedAt: meeting.closedAt,
        }));
    })
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt));
}
