import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { newId } from '../platform/tokens';
import { parseStoredRecord } from '../record/format';
import { requireCommunity } from './scope';

export const FollowUpInput = z.object({ pollId: z.string().min(1).max(100), note: z.string().trim().min(2, 'say what was done').max(1000) });

/** What was done about a decision of a filed record (落实情况); the record itself never changes. */
export async function recordFollowUp(db: Db, staff: StaffIdentity, recordId: string, raw: unknown) {
  const input = parseOrThrow(FollowUpInput, raw);
  const row = await db.meetingRecord.findUnique({ where: { id: recordId }, select: { communityId: true, body: true, status: true } });
  if (!row) throw new AppError('NOT_FOUND', 'No such record');
  await requireCommunity(db, staff, row.communityId, 'followUp.record');
  if (row.status !== 'filed') throw new AppError('INVALID_STATE', 'Follow-ups are recorded on filed records');
  const record = parseStoredRecord(row.body);
  if (!record) throw new AppError('INVALID_STATE', 'The record cannot be read; it fails verification');
  if (!record.decisions.some((d) => d.pollId === input.pollId)) throw new AppError('BAD_REQUEST', 'No such decision in this record', { field: 'pollId' });
  await db.decisionFollowUp.create({ data: { id: newId(), recordId, pollId: input.pollId, note: input.note, recordedById: staff.id } });
  return { communityId: row.communityId };
}

/**
 * Decisions of the community's filed records that nobody has followed up yet, oldest meeting first:
 * what the dashboard asks community staff to report on.
 */
export async function decisionsAwaitingFollowUp(db: Db, staff: StaffIdentity, communityId: string) {
  await requireCommunity(db, staff, communityId, 'followUp.record');
  const rows = await db.meetingRecord.findMany({ where: { communityId, status: 'filed' }, select: { id: true, body: true } });
  const followUps = await db.decisionFollowUp.findMany({ where: { recordId: { in: rows.map((r) => r.id) } }, select: { recordId: true, pollId: true } });
  // A decision whose implementation has any update (决议落实) is followed up as much as one with a note.
  const tracked = await db.decisionTask.findMany({ where: { recordId: { in: rows.map((r) => r.id) }, updates: { some: {} } }, select: { recordId: true, pollId: true } });
  const done = new Set([...followUps, ...tracked].map((f) => `${f.recordId}:${f.pollId}`));
  return rows
    .flatMap((row) => {
      const parsed = parseStoredRecord(row.body);
      if (!parsed) return [];
      const { meeting, decisions } = parsed;
      return decisions
        .filter((d) => !done.has(`${row.id}:${d.pollId}`))
        .map((d) => ({ recordId: row.id, pollId: d.pollId, question: d.question, meetingTitle: meeting.title, closedAt: meeting.closedAt }));
    })
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt));
}
