import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import { plannableCommunity } from '../planning/access';
import { isUniqueViolation } from '../platform/db/errors';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { AttemptLimiter } from '../platform/rate-limit';
import { newId } from '../platform/tokens';
import { parseStoredRecord } from '../record/format';
import type { ResidentIdentity } from '../residents/phone-identity';
import { normalisePhoto } from './photos';
import { PlainText } from './model';

/**
 * Implementation (落实) and evaluation (评议) of decisions. Each decision of a filed record becomes a task
 * with an owner, a deadline and a status (未开始 / 进行中 / 已完成 / 无法落实 with its reason); staff post
 * progress updates with photos; a decision past its deadline and not finished is overdue (a shortfall
 * warning). Once done, residents with a confirmed phone rate it, once each (a unique key).
 */

export const TaskStatus = z.enum(['not_started', 'in_progress', 'done', 'impossible']);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const Rating = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
export type Rating = z.infer<typeof Rating>;

export const PlanTaskInput = z.strictObject({
  owner: PlainText(80, 1),
  deadline: z.iso.datetime({ offset: true }),
});
export const UpdateTaskInput = z.strictObject({
  status: TaskStatus.exclude(['not_started']),
  note: PlainText(1000, 2),
  /** required when the decision cannot be carried out: residents see why */
  reason: PlainText(500, 2).optional(),
}).refine((u) => u.status !== 'impossible' || !!u.reason, { path: ['reason'], message: 'Say why it cannot be carried out' });
export const RateInput = z.strictObject({ rating: Rating, comment: PlainText(500).default('') });

/** Past its deadline and neither done nor declared impossible. */
export function isOverdue(task: { deadline: Date | null; status: string }, now: Date): boolean {
  return task.deadline !== null && now > task.deadline && (task.status === 'not_started' || task.status === 'in_progress');
}

/** Residents rate what was done, not what is promised. */
export function ratingOpen(status: string): boolean {
  return status === 'done';
}

/** A decision as the signed record states it: its decision sentence, or the question with who or what won. */
export function decisionTitle(d: { decision?: string; question: string; winners: string[] }): string {
  return d.decision ?? `${d.question}：${d.winners.join('、')}`;
}

/** The distribution of ratings, in the order the board shows them. */
export function ratingCounts(ratings: { rating: string }[]): Record<Rating, number> {
  const out: Record<Rating, number> = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  for (const r of ratings) if (r.rating in out) out[r.rating as Rating] += 1;
  return out;
}

/**
 * One task per decision of a filed record (a retry, or a record filed before tasks existed, adds the missing).
 * `at`: when tracking starts — the publication (the demo history files on its own dates).
 */
export async function ensureTasks(db: Db, recordId: string, at = new Date()): Promise<void> {
  const row = await db.meetingRecord.findUnique({ where: { id: recordId }, select: { communityId: true, body: true, status: true } });
  if (!row || row.status !== 'filed') return;
  const decisions = parseStoredRecord(row.body)?.decisions ?? [];
  const have = new Set((await db.decisionTask.findMany({ where: { recordId }, select: { pollId: true } })).map((t) => t.pollId));
  for (const d of decisions) {
    if (have.has(d.pollId)) continue;
    try {
      await db.decisionTask.create({ data: { id: newId(), recordId, pollId: d.pollId, communityId: row.communityId, title: decisionTitle(d), createdAt: at } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
}

async function taskFor(db: Db, staff: StaffIdentity, taskId: string) {
  const task = await db.decisionTask.findUnique({ where: { id: taskId } });
  if (!task) throw new AppError('NOT_FOUND', 'No such decision');
  await plannableCommunity(db, staff, task.communityId);
  return task;
}

/** `now`: the clock (the demo history carries decisions out on its own past dates). */
export function createImplementation(db: Db, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  const ratings = new AttemptLimiter(30, 3600);
  return {
    /** Staff name the owner and the deadline (and may change them; each change is an update in the history). */
    async plan(staff: StaffIdentity, taskId: string, raw: unknown) {
      const input = parseOrThrow(PlanTaskInput, raw);
      const task = await taskFor(db, staff, taskId);
      const deadline = new Date(input.deadline);
      await db.$transaction([
        db.decisionTask.update({ where: { id: task.id }, data: { owner: input.owner, deadline } }),
        db.decisionUpdate.create({ data: { id: newId(), taskId: task.id, at: now(), by: staff.displayName, status: 'planned', note: '', owner: input.owner, deadline } }),
      ]);
      return { ok: true };
    },

    /** A progress update; it may move the status (done stamps doneAt, impossible needs the reason). */
    async update(staff: StaffIdentity, taskId: string, raw: unknown) {
      const input = parseOrThrow(UpdateTaskInput, raw);
      const task = await taskFor(db, staff, taskId);
      if (task.status === 'done' || task.status === 'impossible') throw new AppError('INVALID_STATE', 'This decision is closed', { reason: 'closed' });
      if (!task.owner || !task.deadline) throw new AppError('INVALID_STATE', 'Name the owner and the deadline first', { reason: 'unplanned' });
      const id = newId();
      await db.$transaction([
        db.decisionTask.update({
          where: { id: task.id },
          data: { status: input.status, reason: input.status === 'impossible' ? input.reason : null, doneAt: input.status === 'done' ? now() : null },
        }),
        db.decisionUpdate.create({ data: { id, taskId: task.id, at: now(), by: staff.displayName, status: input.status, note: input.note } }),
      ]);
      return { updateId: id };
    },

    /** A photo of an update (one per update; more photos, more updates). */
    async addPhoto(staff: StaffIdentity, updateId: string, bytes: Uint8Array) {
      const update = await db.decisionUpdate.findUnique({ where: { id: updateId }, select: { taskId: true, photo: true } });
      if (!update) throw new AppError('NOT_FOUND', 'No such update');
      await taskFor(db, staff, update.taskId);
      if (update.photo) throw new AppError('CONFLICT', 'This update already has its photo', { field: 'photo' });
      const photo = await normalisePhoto(bytes);
      await db.decisionUpdate.update({ where: { id: updateId }, data: { photo: new Uint8Array(photo.data) } });
      return { ok: true };
    },

    /** A resident's rating of a decision that was carried out; the database refuses a second one per phone. */
    async rate(resident: ResidentIdentity, taskId: string, raw: unknown) {
      const input = parseOrThrow(RateInput, raw);
      const task = await db.decisionTask.findUnique({ where: { id: taskId }, select: { status: true } });
      if (!task) throw new AppError('NOT_FOUND', 'No such decision');
      if (!ratingOpen(task.status)) throw new AppError('INVALID_STATE', 'Only a decision that was carried out is rated', { reason: 'not_done' });
      await ratings.take(resident.phoneHash);
      try {
        await db.decisionRating.create({ data: { id: newId(), taskId, phoneHash: resident.phoneHash, rating: input.rating, comment: input.comment, createdAt: now() } });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'This phone has already rated this decision', { reason: 'already_rated' });
        throw err;
      }
      return { ok: true };
    },
  };
}

const taskSelect = {
  id: true, recordId: true, pollId: true, title: true, owner: true, deadline: true, status: true, reason: true, doneAt: true, createdAt: true,
  updates: { orderBy: { at: 'asc' as const }, select: { id: true, at: true, by: true, status: true, note: true, owner: true, deadline: true, photo: true } },
  ratings: { orderBy: { createdAt: 'asc' as const }, select: { rating: true, comment: true, createdAt: true } },
};
type UpdateRow = { id: string; at: Date; by: string; status: string; note: string; owner: string | null; deadline: Date | null; photo: Uint8Array | null };
type TaskRow = { updates: UpdateRow[]; ratings: { rating: string; comment: string; createdAt: Date }[]; status: string; deadline: Date | null } & Record<string, unknown>;

function view<T extends TaskRow>(t: T, now: Date) {
  const { updates, ratings, status, ...rest } = t;
  return {
    ...(rest as Omit<T, 'updates' | 'ratings' | 'status'>),
    status: TaskStatus.parse(status),
    overdue: isOverdue(t, now),
    updates: updates.map(({ photo, ...u }) => ({ ...u, hasPhoto: photo !== null })),
    ratings: ratingCounts(ratings),
    comments: ratings.filter((r) => r.comment).map((r) => ({ rating: r.rating, comment: r.comment, createdAt: r.createdAt })),
  };
}

/** Every decision of the community's filed records, newest first, for the console. */
export async function communityTasks(db: Db, staff: StaffIdentity, communityId: string, now = new Date()) {
  await plannableCommunity(db, staff, communityId);
  // Records filed before tasks existed get theirs here, once.
  const filed = await db.meetingRecord.findMany({ where: { communityId, status: 'filed' }, select: { id: true } });
  const withTasks = new Set((await db.decisionTask.findMany({ where: { communityId }, select: { recordId: true }, distinct: ['recordId'] })).map((t) => t.recordId));
  for (const r of filed) if (!withTasks.has(r.id)) await ensureTasks(db, r.id);
  const rows = await db.decisionTask.findMany({ where: { communityId }, orderBy: { createdAt: 'desc' }, take: 200, select: taskSelect });
  // The meeting each decision came from, so a long list can be read by meeting.
  const records = await db.meetingRecord.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.recordId))] } }, select: { id: true, meetingId: true } });
  const meetings = await db.meeting.findMany({ where: { id: { in: records.map((r) => r.meetingId) } }, select: { id: true, title: true, scheduledAt: true } });
  const meetingOf = new Map(records.map((r) => [r.id, meetings.find((m) => m.id === r.meetingId) ?? null]));
  return rows.map((t) => ({ ...view(t, now), meeting: meetingOf.get(t.recordId) ?? null }));
}
export type CommunityTask = Awaited<ReturnType<typeof communityTasks>>[number];

/** A decision's public page: its status, history and ratings (never a phone). */
export async function publicDecision(db: Db, taskId: string, resident: ResidentIdentity | null, now = new Date()) {
  const row = await db.decisionTask.findUnique({ where: { id: taskId }, select: { ...taskSelect, communityId: true } });
  if (!row) throw new AppError('NOT_FOUND', 'No such decision');
  const rated = resident ? (await db.decisionRating.count({ where: { taskId, phoneHash: resident.phoneHash } })) > 0 : false;
  return { ...view(row, now), mine: resident ? { rated } : null };
}
export type PublicDecision = Awaited<ReturnType<typeof publicDecision>>;

/** A progress photo (public, like the decision's page). */
export async function updatePhoto(db: Db, updateId: string) {
  const u = await db.decisionUpdate.findUnique({ where: { id: updateId }, select: { photo: true } });
  if (!u?.photo) throw new AppError('NOT_FOUND', 'No such photo');
  return u.photo;
}

/** Each task's status for the board's publications, by record and poll. */
export async function taskStatusByDecision(db: Db, recordIds: string[], now = new Date()) {
  const rows = await db.decisionTask.findMany({ where: { recordId: { in: recordIds } }, select: { id: true, recordId: true, pollId: true, status: true, deadline: true } });
  return new Map(rows.map((t) => [`${t.recordId}:${t.pollId}`, { taskId: t.id, status: TaskStatus.parse(t.status), overdue: isOverdue(t, now) }]));
}
