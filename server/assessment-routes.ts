import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { evidenceFile, listEvidence, reviewEvidence, reviewQueue, uploadEvidence } from '../lib/assessment/evidence';
import { recordFollowUp } from '../lib/assessment/follow-ups';
import { catalogueFor, communityEvidence, communityScore, districtOverview, overviewCsv, saveCatalogueEdition } from '../lib/assessment/scores';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { yearOf } from '../lib/scoring/period';
import { RawBody, type Handler } from './http-types';

/**
 * The consultation index over HTTP: scores, evidence, review, the district overview and the catalogue.
 * Each handler parses, authorises through lib/assessment and calls it; `changed` tells open dashboards.
 */
const Year = z.coerce.number().int().min(2000).max(2100);
const Id = z.string().regex(/^[A-Za-z0-9-]{1,100}$/);
const YearQuery = z.object({ year: Year.optional() });
const OverviewQuery = z.object({ year: Year.optional(), streetId: Id.optional(), locale: z.enum(['zh-CN', 'en']).default('zh-CN') });
const CatalogueBody = z.object({ year: Year, catalogue: z.unknown() });

const currentYear = () => yearOf(new Date());

export function assessmentRoutes(db: Db, changed: (communityId: string) => void): Record<string, Handler> {
  async function staffOf(req: IncomingMessage): Promise<StaffIdentity> {
    const staff = await staffFromSession(db, cookieFrom(req.headers.cookie, STAFF_COOKIE));
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in first');
    return staff;
  }
  const yearOf = (query: URLSearchParams) => parseOrThrow(YearQuery, Object.fromEntries(query)).year ?? currentYear();

  return {
    'GET /api/scores/:communityId': async (req, _b, _r, query, { communityId }) =>
      communityScore(db, await staffOf(req), parseOrThrow(Id, communityId), yearOf(query)),
    'GET /api/scores/:communityId/evidence': async (req, _b, _r, query, { communityId }) =>
      communityEvidence(db, await staffOf(req), parseOrThrow(Id, communityId), yearOf(query)),
    'GET /api/evidence': async (req, _b, _r, query) => {
      const communityId = parseOrThrow(Id, query.get('communityId'));
      return { uploads: await listEvidence(db, await staffOf(req), communityId, yearOf(query)) };
    },
    // The body is the file itself (Content-Type its type); what it is for travels in the query.
    'POST /api/evidence': async (req, body, _r, query) => {
      const staff = await staffOf(req);
      const meta: Record<string, string> = { ...Object.fromEntries(query), mimeType: (req.headers['content-type'] ?? '').split(';')[0]!.trim() };
      const year = parseOrThrow(Year, meta.year ?? currentYear());
      const community = await db.community.findUnique({ where: { id: String(meta.communityId ?? '') }, include: { street: true } });
      const { catalogue } = await catalogueFor(db, community?.street.districtId ?? staff.scope.districtId, year);
      const assessed = new Set(catalogue.indicators.filter((i) => i.method.kind === 'assessed').map((i) => i.id));
      const result = await uploadEvidence(db, staff, { ...meta, year }, body as Uint8Array, assessed);
      changed(String(meta.communityId));
      return result;
    },
    'GET /api/evidence/queue': async (req) => {
      const uploads = await reviewQueue(db, await staffOf(req));
      const names = new Map((await db.community.findMany({ where: { id: { in: [...new Set(uploads.map((u) => u.communityId))] } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
      return { uploads: uploads.map((u) => ({ ...u, communityName: names.get(u.communityId) ?? '' })) };
    },
    'POST /api/evidence/:id/review': async (req, body, _r, _q, { id }) => {
      const result = await reviewEvidence(db, await staffOf(req), parseOrThrow(Id, id), body);
      changed(result.communityId);
      return result;
    },
    'GET /api/evidence/:id/file': async (req, _b, _r, _q, { id }) => {
      const file = await evidenceFile(db, await staffOf(req), parseOrThrow(Id, id));
      return new RawBody(file.mimeType, file.data, file.fileName.replace(/[^\w.\-\u4e00-\u9fff]/g, '_'));
    },
    'POST /api/records/:recordId/follow-ups': async (req, body, _r, _q, { recordId }) => {
      const result = await recordFollowUp(db, await staffOf(req), parseOrThrow(Id, recordId), body);
      changed(result.communityId);
      return { ok: true };
    },
    'GET /api/overview': async (req, _b, _r, query) => {
      const q = parseOrThrow(OverviewQuery, Object.fromEntries(query));
      const o = await districtOverview(db, await staffOf(req), q.year ?? currentYear(), q.streetId);
      const { catalogue, ...rest } = o;
      return { ...rest, categories: catalogue.categories, grades: catalogue.grades };
    },
    'GET /api/overview.csv': async (req, _b, _r, query) => {
      const q = parseOrThrow(OverviewQuery, Object.fromEntries(query));
      const year = q.year ?? currentYear();
      const o = await districtOverview(db, await staffOf(req), year, q.streetId);
      return new RawBody('text/csv; charset=utf-8', overviewCsv(o, q.locale), `consultation-index-${year}.csv`);
    },
    'GET /api/catalogue': async (req, _b, _r, query) => {
      const staff = await staffOf(req);
      return catalogueFor(db, staff.scope.districtId, yearOf(query));
    },
    'POST /api/catalogue': async (req, body) => {
      const staff = await staffOf(req);
      const { year, catalogue } = parseOrThrow(CatalogueBody, body);
      const saved = await saveCatalogueEdition(db, staff, year, catalogue);
      for (const c of await db.community.findMany({ where: { street: { districtId: staff.scope.districtId } }, select: { id: true } })) changed(c.id);
      return saved;
    },
  };
}
