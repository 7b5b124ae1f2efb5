import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import { plannableCommunity } from '../planning/access';
import { currentTemplates } from '../planning/template-editions';
import { templateFor } from '../planning/templates';
import type { MeetingForm } from '../meeting/model';
import { isUniqueViolation } from '../platform/db/errors';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { AttemptLimiter } from '../platform/rate-limit';
import { newId } from '../platform/tokens';
import { parseStoredRecord, RECORD_FORMAT } from '../record/format';
import type { ResidentIdentity } from '../residents/phone-identity';
import { ensureTasks, taskStatusByDecision } from './implementation';
import { PlainText } from './model';

/**
 * Results publicity (结果公示): a filed record's decisions go on the community board at once, for the
 * form's publicity period (template `publicityDays`, 5 by default). Meanwhile a resident with a confirmed
 * phone may object (异议); staff answer each objection, and both stay on the public trail (never the phone).
 * The publication time — not the filing time — is what the index reads as "results published".
 */

const DAY_MS = 86_400_000;
const DEFAULT_PUBLICITY_DAYS = 5;

/** Whether objections are open at `at`: from publication to the end of the period. */
export function publicityOpen(p: { publishedAt: Date; endsAt: Date }, at: Date): boolean {
  return at >= p.publishedAt && at <= p.endsAt;
}

/**
 * Puts a filed record's results on the board; a second call (a retry after a crash) keeps the first
 * publication. `at`: the filing's clock (the demo history files on its own dates).
 */
export async function publishResults(db: Db, recordId: string, at: Date) {
  // Each decision's implementation starts being tracked with its publication.
  await ensureTasks(db, recordId, at);
  const existing = await db.resultPublication.findUnique({ where: { recordId } });
  if (existing) return existing;
  const record = await db.meetingRecord.findUnique({ where: { id: recordId }, select: { communityId: true, meetingId: true, status: true } });
  if (!record || record.status !== 'filed') throw new AppError('INVALID_STATE', 'Only a filed record’s results are published');
  const meeting = await db.meeting.findUnique({ where: { id: record.meetingId }, select: { form: true, community: { select: { street: { select: { districtId: true } } } } } });
  // A record imported without its meeting (an older format's fixture) gets the standard's default period.
  const days = meeting
    ? templateFor((await currentTemplates(db, meeting.community.street.districtId)).templates, meeting.form as MeetingForm).publicityDays
    : DEFAULT_PUBLICITY_DAYS;
  try {
    return await db.resultPublication.create({
      data: { recordId, communityId: record.communityId, meetingId: record.meetingId, publishedAt: at, endsAt: new Date(at.getTime() + days * DAY_MS) },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.resultPublication.findUniqueOrThrow({ where: { recordId } });
  }
}

const ObjectionText = PlainText(1000, 5, 'Say what you object to in at least 5 characters');
export const ObjectionInput = z.strictObject({ text: ObjectionText });
export const AnswerInput = z.strictObject({ answer: ObjectionText });

export function createPublicity(db: Db) {
  // per confirmed phone: a resident objects a few times a day, not hundreds
  const objections = new AttemptLimiter(5, 86_400);

  return {
    async object(resident: ResidentIdentity, recordId: string, raw: unknown, now = new Date()) {
      const { text } = parseOrThrow(ObjectionInput, raw);
      const p = await db.resultPublication.findUnique({ where: { recordId } });
      if (!p) throw new AppError('NOT_FOUND', 'These results are not published');
      if (!publicityOpen(p, now)) throw new AppError('INVALID_STATE', 'The publicity period has ended; objections are closed', { reason: 'publicity_closed' });
      await objections.take(resident.phoneHash);
      const id = newId();
      await db.resultObjection.create({ data: { id, recordId, phoneHash: resident.phoneHash, text, createdAt: now } });
      return { objectionId: id };
    },

    /** Staff who plan the community's meetings answer an objection, once; the answer is public. */
    async answer(staff: StaffIdentity, objectionId: string, raw: unknown, now = new Date()) {
      const { answer } = parseOrThrow(AnswerInput, raw);
      const o = await db.resultObjection.findUnique({ where: { id: objectionId }, select: { publication: { select: { communityId: true } } } });
      if (!o) throw new AppError('NOT_FOUND', 'No such objection');
      await plannableCommunity(db, staff, o.publication.communityId);
      const done = await db.resultObjection.updateMany({ where: { id: objectionId, answeredAt: null }, data: { answer, answeredAt: now, answeredBy: staff.displayName } });
      if (done.count === 0) throw new AppError('INVALID_STATE', 'This objection has already been answered');
      return { ok: true };
    },
  };
}

/**
 * The publications a board shows (newest first): the meeting, its decisions as the signed record states
 * them, the period, and the objections with their answers — no phone, no name.
 */
export async function boardPublications(db: Db, communityId: string, now = new Date()) {
  return publications(db, { communityId }, now);
}

/** A meeting's publication as its staff see it in the console (the same as on the board), or null. */
export async function publicationOfMeeting(db: Db, meetingId: string, now = new Date()) {
  return (await publications(db, { meetingId }, now))[0] ?? null;
}

async function publications(db: Db, where: { communityId: string } | { meetingId: string }, now: Date) {
  const rows = await db.resultPublication.findMany({
    where, orderBy: { publishedAt: 'desc' }, take: 20,
    include: { objections: { orderBy: { createdAt: 'asc' }, select: { id: true, text: true, createdAt: true, answer: true, answeredAt: true, answeredBy: true } } },
  });
  const records = await db.meetingRecord.findMany({ where: { id: { in: rows.map((r) => r.recordId) } }, select: { id: true, body: true } });
  const bodyOf = new Map(records.map((r) => [r.id, r.body]));
  const tasks = await taskStatusByDecision(db, rows.map((r) => r.recordId), now);
  return rows.map((p) => {
    const record = parseStoredRecord(bodyOf.get(p.recordId) ?? '');
    return {
      recordId: p.recordId, meetingId: p.meetingId, publishedAt: p.publishedAt, endsAt: p.endsAt, open: publicityOpen(p, now),
      meetingTitle: record?.meeting.title ?? '',
      decisions: (record?.decisions ?? []).map((d) => ({
        pollId: d.pollId, question: d.question, decision: d.decision ?? null, winners: d.winners,
        /** its implementation: null for a record whose tasks the console has not opened yet */
        task: tasks.get(`${p.recordId}:${d.pollId}`) ?? null,
      })),
      // What a meeting decided without a poll: a hearing's result with its reasons, an open space's agreements.
      hearingResult: record?.format === RECORD_FORMAT && record.hearing?.result ? { decision: record.hearing.result.decision, reasons: record.hearing.result.reasons } : null,
      agreements: record?.format === RECORD_FORMAT ? (record.openSpace?.consensus ?? []).map((c) => c.text) : [],
      // A questionnaire's published result (公示结果): the summary, the number of responses and the results
      // per question as the signed record holds them (text answers only as their commitment).
      questionnaireResult: record?.format === RECORD_FORMAT && record.questionnaire
        ? { summary: record.questionnaire.summary.text, responses: record.questionnaire.responses, results: record.questionnaire.results }
        : null,
      // A 民主评议's result table (结果公示) as the signed record holds it: counts and sorted texts, no evaluator.
      evaluationResult: record?.format === RECORD_FORMAT && record.evaluation
        ? { evaluators: record.evaluation.evaluators, note: record.evaluation.note, units: record.evaluation.units }
        : null,
      objections: p.objections,
    };
  });
}
export type BoardPublication = Awaited<ReturnType<typeof boardPublications>>[number];
