import type { StaffIdentity } from '../auth/staff-session';
import { csvDocument } from '../platform/csv';
import type { Db } from '../platform/db/client';
import { t, type Locale } from '../i18n/locale';
import { AppError } from '../platform/errors';
import { isUniqueViolation } from '../platform/db/errors';
import { newId } from '../platform/tokens';
import { parseStoredRecord } from '../record/format';
import { verifyFiledRecords } from '../record/verify-stored';
import { loadDefaultCatalogue, validateCatalogue, type Catalogue } from '../scoring/catalogue';
import { scoreCommunity, type ScoreCard } from '../scoring/engine';
import { indicatorsSupportedByRecord } from '../scoring/evidence-map';
import { contains, periodInterval } from '../scoring/period';
import { communityFacts } from './facts';
import { canAssess } from './permissions';
import { communitiesInScope, requireCommunity } from './scope';

/**
 * Scores as the pages and the CLI ask for them: the district's catalogue edition for the year (or the
 * shipped default), facts from the database, the pure engine. Every year is scored as of now: a past
 * year's score still moves while its late materials are reviewed and its last records filed (the
 * assessment of a year runs into the next spring).
 */

export type CatalogueEdition = { catalogue: Catalogue; edition: { id: string; version: string; createdAt: Date } | null };

/** The district's latest edition of the catalogue for the year, or the default catalogue. */
export async function catalogueFor(db: Db, districtId: string, year: number): Promise<CatalogueEdition> {
  const row = await db.indexCatalogue.findFirst({ where: { districtId, year }, orderBy: { createdAt: 'desc' } });
  if (row) {
    const result = validateCatalogue(JSON.parse(row.data));
    if (result.ok) return { catalogue: result.catalogue, edition: { id: row.id, version: row.version, createdAt: row.createdAt } };
    console.error('[scores] stored catalogue edition is invalid, using the default', row.id, result.errors);
  }
  return { catalogue: { ...loadDefaultCatalogue(), year }, edition: null };
}

/** A district admin saves an edited copy as a new edition of the year; an invalid one is refused with every reason. */
export async function saveCatalogueEdition(db: Db, staff: StaffIdentity, year: number, raw: unknown) {
  if (!canAssess(staff.role, 'catalogue.edit')) throw new AppError('FORBIDDEN', 'Only the district administrator edits the index');
  const result = validateCatalogue(raw);
  if (!result.ok) throw new AppError('BAD_REQUEST', 'The catalogue is not valid', { errors: result.errors });
  const districtId = staff.scope.districtId;
  // Two admins saving at once would take the same number: the loser of the unique key takes the next.
  for (let attempt = 0; attempt < 5; attempt++) {
    const count = await db.indexCatalogue.count({ where: { districtId, year } });
    const version = `${year}-d${count + 1}`; // district editions, distinct from the shipped default's version
    try {
      const row = await db.indexCatalogue.create({
        data: { id: newId(), districtId, year, version, data: JSON.stringify({ ...result.catalogue, version, year }), createdById: staff.id },
      });
      const communities = await db.community.findMany({ where: { street: { districtId } }, select: { id: true } });
      return { id: row.id, version, communityIds: communities.map((c) => c.id) };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', 'Another edition was saved at the same time; save again');
}

/** Scores of the communities for each year, from one read of their facts. */
async function scoreYears(db: Db, districtId: string, communityIds: string[], years: number[], now: Date) {
  const facts = await communityFacts(db, communityIds);
  return Promise.all(years.map(async (year) => {
    const { catalogue, edition } = await catalogueFor(db, districtId, year);
    const cards = new Map<string, ScoreCard>();
    for (const [id, f] of facts) cards.set(id, scoreCommunity(catalogue, f, { period: { year }, asOf: now }));
    return { year, catalogue, edition, cards };
  }));
}

export async function communityScore(db: Db, staff: StaffIdentity, communityId: string, year: number, now = new Date()) {
  await requireCommunity(db, staff, communityId, 'scores.view');
  return scoreOfCommunity(db, communityId, year, now);
}

/** The score without an acting staff member: for the operator's CLI (`npm run score`), which has the database. */
export async function scoreOfCommunity(db: Db, communityId: string, year: number, now = new Date()) {
  const community = await db.community.findUnique({ where: { id: communityId }, include: { street: true } });
  if (!community) throw new AppError('NOT_FOUND', 'No such community');
  const [{ catalogue, edition, cards }] = await scoreYears(db, community.street.districtId, [communityId], [year], now);
  return {
    community: { id: community.id, name: community.name, street: community.street.name },
    catalogue, edition, card: cards.get(communityId)!,
  };
}

/** Ranking, grade distribution and a three-year trend for every community the staff member oversees. */
export async function districtOverview(db: Db, staff: StaffIdentity, year: number, streetId?: string, now = new Date()) {
  if (!canAssess(staff.role, 'overview.view')) throw new AppError('FORBIDDEN', 'Only district staff see the overview');
  const communities = await communitiesInScope(db, staff, streetId);
  const ids = communities.map((c) => c.id);
  const years = [year - 2, year - 1, year];
  const scored = await scoreYears(db, staff.scope.districtId, ids, years, now);
  const byYear = new Map(scored.map((r) => [r.year, r.cards]));
  const current = scored.at(-1)!;
  const rows = communities
    .map((c) => {
      const card = current.cards.get(c.id)!;
      return {
        communityId: c.id, name: c.name, street: c.street.name, streetId: c.streetId,
        total: card.total, grade: card.grade, categories: card.categories, tiers: card.tiers,
        warnings: card.warnings.filter((w) => w.severity === 'high').length,
        trend: years.map((y) => ({ year: y, total: byYear.get(y)!.get(c.id)!.total, grade: byYear.get(y)!.get(c.id)!.grade })),
      };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
  const grades = [...Object.keys(current.catalogue.grades).sort().reverse(), 'none'];
  const distribution = Object.fromEntries(grades.map((g) => [g, rows.filter((r) => (r.grade ?? 'none') === g).length]));
  // The filter offers every street of the staff member's area, not only the one chosen.
  const all = streetId ? await communitiesInScope(db, staff) : communities;
  const streets = [...new Map(all.map((c) => [c.streetId, { id: c.streetId, name: c.street.name }])).values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { year, catalogue: current.catalogue, rows, distribution, streets };
}

/** The overview as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese names). */
export function overviewCsv(overview: Awaited<ReturnType<typeof districtOverview>>, locale: Locale): string {
  const cats = overview.catalogue.categories;
  const head = (['scoring.district.rank', 'scoring.district.street', 'scoring.district.community', 'scoring.district.total', 'scoring.district.grade'] as const).map((k) => t(locale, k));
  const lines = [[...head, ...cats.map((c) => c.name[locale])]];
  overview.rows.forEach((r, i) => {
    lines.push([String(i + 1), r.street, r.name, String(r.total), r.grade ?? t(locale, 'scoring.grade.none'), ...cats.map((c) => String(r.categories[c.id]?.earned ?? 0))]);
  });
  return csvDocument(lines);
}

/** A community's evidence: its filed records (with verification and the indicators they support) and uploads. */
export async function communityEvidence(db: Db, staff: StaffIdentity, communityId: string, year: number) {
  const community = await requireCommunity(db, staff, communityId, 'scores.view');
  const { catalogue } = await catalogueFor(db, community.street.districtId, year);
  const [rows, verification, uploads] = await Promise.all([
    db.meetingRecord.findMany({ where: { communityId }, orderBy: { chainSeq: 'desc' }, select: { id: true, body: true, status: true, chainSeq: true, filedAt: true } }),
    verifyFiledRecords(db, [communityId]),
    db.evidenceUpload.findMany({
      where: { communityId, year },
      select: { id: true, indicatorId: true, title: true, fileName: true, mimeType: true, size: true, status: true, credit: true, reviewReason: true, reviewedAt: true, createdAt: true },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  const records = rows.flatMap((r) => {
    const m = parseStoredRecord(r.body)?.meeting ?? null;
    // Records of the year asked for; one whose body cannot be read is listed in every year, as a warning.
    if (m && !contains(periodInterval({ year }), Date.parse(m.closedAt))) return [];
    const check = verification.get(r.id);
    return [{
      recordId: r.id, chainSeq: r.chainSeq, status: r.status, filedAt: r.filedAt,
      title: m?.title ?? '', form: m?.form ?? null, type: m?.type ?? null, level: m?.level ?? null, closedAt: m?.closedAt ?? null,
      verified: r.status === 'filed' ? (check?.valid ?? false) : null,
      failedCheck: check?.checks.find((c) => c.status === 'fail')?.id ?? null,
      indicators: m ? indicatorsSupportedByRecord(catalogue, m) : [],
    }];
  });
  return { catalogue, records, uploads };
}
