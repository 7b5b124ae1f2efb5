import { z } from 'zod';
import { AppError, parseOrThrow } from '../platform/errors';
import { canonicalJson } from '../record/canonical';
import { CONCLUSION_MAX, QUESTION_MAX } from '../meeting/procedure/visits/model';
import { agreements, ENTRY_LIMITS, type PlannedHousehold, type TeamMember, type VisitEntry } from './model';

/** A client-chosen id: a UUID, or the phone's fallback (time and random digits), never anything else. */
export const EntryId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an entry id');

const line = (max: number) => z.string().trim().max(max);

/** A visit as the phone sends it (lib/visits/model.ts `VisitEntry`). */
export const EntryInput = z.strictObject({
  id: EntryId,
  householdId: z.string().max(100).nullable().default(null),
  household: line(ENTRY_LIMITS.name).min(1),
  address: line(ENTRY_LIMITS.address).default(''),
  metWith: line(ENTRY_LIMITS.metWith).default(''),
  place: line(ENTRY_LIMITS.place).default(''),
  visitedAt: z.iso.datetime({ offset: true }),
  opinion: line(ENTRY_LIMITS.opinion).default(''),
  agreement: z.enum(agreements),
});

/** How far ahead of the server's clock a phone's clock may be (a visit is never logged in the future). */
export const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * A visit checked and normalised (trimmed, the time in UTC): its canonical JSON is what is stored and
 * what a replay is compared with, so the same visit sent twice is byte-for-byte the same content.
 */
export function parseEntry(raw: unknown, now: Date): VisitEntry {
  const e = parseOrThrow(EntryInput, raw);
  const at = new Date(e.visitedAt);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('BAD_REQUEST', 'A visit cannot be in the future', { issues: [{ path: 'visitedAt', message: 'In the future' }] });
  }
  return { ...e, visitedAt: at.toISOString() };
}

export const entryContent = (e: VisitEntry) => canonicalJson(e);

/**
 * The replay rule: an id not yet stored is a new visit; an id stored with the same content is the same
 * visit sent again (answered with the stored one, stored once); the same id with other content is a
 * conflict — never silently overwritten nor silently dropped.
 */
export function replayOutcome(stored: string | null, incoming: string): 'new' | 'same' | 'conflict' {
  if (stored === null) return 'new';
  return stored === incoming ? 'same' : 'conflict';
}

/** The plan staff edit: each part optional (only what is sent changes). */
export const PlanInput = z.strictObject({
  question: z.string().trim().max(QUESTION_MAX).optional(),
  households: z.array(z.strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    name: line(ENTRY_LIMITS.name).default(''),
    address: line(ENTRY_LIMITS.address).default(''),
    rosterMemberId: z.string().max(100).nullable().default(null),
  })).max(1000).optional(),
  team: z.array(z.strictObject({
    role: z.enum(['host', 'recorder']),
    name: line(ENTRY_LIMITS.name).default(''),
    staffId: z.string().max(100).nullable().default(null),
    rosterMemberId: z.string().max(100).nullable().default(null),
  })).max(50).optional(),
}).refine((p) => p.question !== undefined || p.households !== undefined || p.team !== undefined, 'Nothing to save');

export const StartInput = z.strictObject({ overrideReason: z.string().trim().min(2).max(500).optional() });
export const ConclusionInput = z.strictObject({ text: z.string().trim().max(CONCLUSION_MAX) });
export const ConcludeInput = z.strictObject({ conclusion: z.string().trim().min(1).max(CONCLUSION_MAX).optional() });

export const Households = z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), rosterMemberId: z.string().nullable() })) satisfies z.ZodType<PlannedHousehold[]>;
export const Team = z.array(z.object({ role: z.enum(['host', 'recorder']), name: z.string(), staffId: z.string().nullable(), rosterMemberId: z.string().nullable() })) satisfies z.ZodType<TeamMember[]>;
export const StoredEntry = z.object({
  id: z.string(), householdId: z.string().nullable(), household: z.string(), address: z.string(), metWith: z.string(), place: z.string(),
  visitedAt: z.string(), opinion: z.string(), agreement: z.enum(agreements),
}) satisfies z.ZodType<VisitEntry>;
