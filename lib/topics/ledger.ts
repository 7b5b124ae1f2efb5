import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import { formatDateTime, type Locale } from '../i18n/format';
import { t } from '../i18n/locale';
import { plannableCommunity } from '../planning/access';
import { csvDocument } from '../platform/csv';
import type { Db } from '../platform/db/client';
import { parseOrThrow } from '../platform/errors';
import { intakePaths } from '../scoring/facts';
import { ratingCounts } from './implementation';
import { TopicStatus } from './model';

/**
 * The community's ledger (备案登记台账): every topic with its path, level, escalations, the meetings that
 * took it up, their decisions, results publicity, implementation and ratings — the register the standard
 * asks the residents' committee to keep, with the matters resolved at 小区 and 网格 level among them.
 * Filterable; exported as CSV (formula-safe) and XLSX.
 */

export const LedgerFilter = z.strictObject({
  status: TopicStatus.optional(),
  intakePath: z.enum(intakePaths).optional(),
  level: z.enum(['compound', 'grid', 'community']).optional(),
});

export async function communityLedger(db: Db, staff: StaffIdentity, communityId: string, raw: unknown) {
  const filter = parseOrThrow(LedgerFilter, raw);
  await plannableCommunity(db, staff, communityId);
  const topics = await db.topic.findMany({
    where: { communityId, ...(filter.status ? { status: filter.status } : {}), ...(filter.intakePath ? { intakePath: filter.intakePath } : {}), ...(filter.level ? { level: filter.level } : {}) },
    orderBy: { createdAt: 'desc' }, take: 2000,
    select: {
      id: true, title: true, intakePath: true, status: true, level: true, submitter: true, createdAt: true, reviewedAt: true, referredTo: true,
      steps: { where: { kind: 'escalated' }, orderBy: { at: 'asc' }, select: { at: true, detail: true } },
      meetings: { select: { meeting: { select: { id: true, title: true, scheduledAt: true, status: true } } } },
    },
  });
  const meetingIds = topics.flatMap((x) => x.meetings.map((m) => m.meeting.id));
  const records = await db.meetingRecord.findMany({ where: { meetingId: { in: meetingIds }, status: 'filed' }, select: { id: true, meetingId: true } });
  const recordIds = records.map((r) => r.id);
  const [publications, tasks] = await Promise.all([
    db.resultPublication.findMany({ where: { recordId: { in: recordIds } }, select: { recordId: true, publishedAt: true } }),
    db.decisionTask.findMany({ where: { recordId: { in: recordIds } }, select: { recordId: true, title: true, status: true, ratings: { select: { rating: true } } } }),
  ]);
  const recordOf = new Map(records.map((r) => [r.meetingId, r.id]));
  const publishedAt = new Map(publications.map((p) => [p.recordId, p.publishedAt]));
  return topics.map((x) => {
    const meetings = x.meetings.map((m) => m.meeting).sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
    const ids = meetings.flatMap((m) => (recordOf.has(m.id) ? [recordOf.get(m.id)!] : []));
    const decisions = tasks.filter((d) => ids.includes(d.recordId));
    const ratings = ratingCounts(decisions.flatMap((d) => d.ratings));
    return {
      id: x.id, title: x.title, intakePath: x.intakePath, status: TopicStatus.parse(x.status), level: x.level, submitter: x.submitter,
      createdAt: x.createdAt, reviewedAt: x.reviewedAt, referredTo: x.referredTo,
      escalations: x.steps.map((s) => ({ at: s.at, ...(JSON.parse(s.detail) as { from: string; to: string; reason: string }) })),
      meetings: meetings.map((m) => ({ id: m.id, title: m.title, scheduledAt: m.scheduledAt, status: m.status })),
      publishedAt: ids.map((id) => publishedAt.get(id)).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
      decisions: decisions.map((d) => ({ title: d.title, status: d.status })),
      ratings,
    };
  });
}
export type LedgerRow = Awaited<ReturnType<typeof communityLedger>>[number];

const columns = ['title', 'path', 'submitter', 'status', 'level', 'created', 'reviewed', 'escalations', 'meetings', 'published', 'decisions', 'ratings'] as const;

/** The ledger as the lines of a sheet, headers first, in the reader's language. */
function ledgerLines(rows: LedgerRow[], locale: Locale): string[][] {
  const day = (d: Date | null) => (d ? formatDateTime(locale, d, { dateStyle: 'medium' }) : '');
  const level = (l: string | null) => (l ? t(locale, `topicReview.escalate.level.${l as 'grid'}`) : '');
  const head = columns.map((c) => t(locale, `topicReview.ledger.col.${c}`));
  return [head, ...rows.map((r) => [
    r.title,
    t(locale, `topic.path.${r.intakePath as 'grid_worker'}`),
    r.submitter,
    t(locale, `topic.status.${r.status}`) + (r.referredTo ? `（${r.referredTo}）` : ''),
    level(r.level),
    day(r.createdAt),
    day(r.reviewedAt),
    r.escalations.map((e) => `${day(e.at)} ${level(e.from)}→${level(e.to)}：${e.reason}`).join('\n'),
    r.meetings.map((m) => `${day(m.scheduledAt)} ${m.title}`).join('\n'),
    day(r.publishedAt),
    r.decisions.map((d) => `${d.title}（${t(locale, `topic.task.${d.status as 'done'}`)}）`).join('\n'),
    r.decisions.length ? (['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((k) => `${t(locale, `topic.rating.${k}`)} ${r.ratings[k]}`).join(' / ') : '',
  ])];
}

export function ledgerCsv(rows: LedgerRow[], locale: Locale): string {
  return csvDocument(ledgerLines(rows, locale));
}

export async function ledgerXlsx(rows: LedgerRow[], locale: Locale): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t(locale, 'topicReview.ledger.sheet'));
  // Every value is written as a string cell: nothing a resident typed can become a formula.
  for (const line of ledgerLines(rows, locale)) sheet.addRow(line);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => { c.width = i === 0 ? 30 : i >= 7 ? 40 : 14; c.alignment = { wrapText: true, vertical: 'top' }; });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await book.xlsx.writeBuffer());
}
