import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { evidenceFile, listEvidence, reviewEvidence, reviewQueue, uploadEvidence } from '../lib/assessment/evidence';
import { catalogueFor, communityEvidence, communityScore, districtOverview, overviewCsv, saveCatalogueEdition } from '../lib/assessment/scores';
import { cookieFrom, STAFF_COOKIE, staffFromSession, type StaffIdentity } from '../lib/auth/staff-session';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow } from '../lib/platform/errors';
import { IdParam } from '../lib/platform/tokens';
import { AssessmentYear, yearOf } from '../lib/scoring/period';
import { RawBody, type Handler } from './http-types';

/**
 * The consultation index over HTTP: scores, evidence, review, the district overview and the catalogue.
 * Each handler parses, authorises through lib/assessment and calls it; `changed` tells open dashboards.
 */
const Year = AssessmentYear;
const Id = IdParam;
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
  const yearParam = (query: URLSearchParams) => parseOrThrow(YearQuery, Object.fromEntries(query)).year ?? currentYear();

  return {
    'GET /api/scores/:communityId': async (req, _b, _r, query, { communityId }) =>
      communityScore(db, await staffOf(req), parseOrThrow(Id, communityId), yearParam(query)),
    'GET /api/scores/:communityId/evidence': async (req, _b, _r, query, { communityId }) =>
      communityEvidence(db, await staffOf(req), parseOrThrow(Id, communityId), yearParam(query)),
    'GET /api/evidence': async (req, _b, _r, query) => {
      const communityId = parseOrThrow(Id, query.get('communityId'));
      return { uploads: await listEvidence(db, await staffOf(req), communityId, yearParam(query)) };
    },
    // The body is the file itself (Content-Type its type); what it is for travels in the query.
    'POST /api/evidence': async (req, body, _r, query) => {
      const meta = { year: currentYear(), ...Object.fromEntries(query), mimeType: (req.headers['content-type'] ?? '').split(';')[0]!.trim() };
      const result = await uploadEvidence(db, await staffOf(req), meta, body as Uint8Array);
      changed(result.communityId);
      return { id: result.id, status: result.status };
    },
    'GET /api/evidence/queue': async (req) => {
      return { uploads: await reviewQueue(db, await staffOf(req)) };
    },
    'POST /api/evidence/:id/review': async (req, body, _r, _q, { id }) => {
      const result = await reviewEvidence(db, await staffOf(req), parseOrThrow(Id, id), body);
      changed(result.communityId);
      return result;
    },
    'GET /api/evidence/:id/file': async (req, _b, _r, _q, { id }) => {
      const file = await evidenceFile(db, await staffOf(req), parseOrThrow(Id, id));
      return new RawBody(file.mimeType, file.data, file.fileName);
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
      return catalogueFor(db, staff.scope.districtId, yearParam(query));
    },
    'POST /api/catalogue': async (req, body) => {
      const staff = await staffOf(req);
      const { year, catalogue } = parseOrThrow(CatalogueBody, body);
      const { communityIds, ...saved } = await saveCatalogueEdition(db, staff, year, catalogue);
      for (const id of communityIds) changed(id);
      return saved;
    },
  };
}
