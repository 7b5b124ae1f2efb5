import { z } from 'zod';
import { canonicalJson } from '../../../record/canonical';
import { agreements, countAgreements, maskPhones, type PlannedHousehold, type TeamMember, type VisitEntry } from '../../../visits/model';
import { Commitment, Iso, type RecordPart } from '../documents';

const Count = z.number().int().min(0);

/**
 * A round of household visits (走访约谈协商, since issue 14) in the record: the question, the team, how
 * many households were planned and visited, the counts by agreement, every visit's opinion and agreement,
 * and the conclusion. Visits are identified (a door-to-door interview, not a ballot), but who and where —
 * the household, its address, who was met, the place — are personal: each visit's are one commitment
 * (opened for staff of the area, like the roster's names), and so is each team member's name. Opinions
 * are in clear, with any mobile number masked: the record never holds a resident's phone.
 */
export const visitsRecordShape = {
  visits: z.object({
    question: z.string(),
    startedAt: Iso, finishedAt: Iso,
    team: z.array(z.object({ role: z.enum(['host', 'recorder']), nameCommitment: Commitment })),
    planned: Count,
    /** planned households with at least one visit */
    plannedVisited: Count,
    entries: z.array(z.object({
      id: z.string(), planned: z.boolean(), visitedAt: Iso,
      /** canonical JSON { household, address, metWith, place } */
      householdCommitment: Commitment,
      agreement: z.enum(agreements), opinion: z.string(),
      /** the visit's photos by their bytes' SHA-256 (the photos stay with staff); absent without photos */
      photos: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), mimeType: z.string(), size: z.number().int().min(1) })).optional(),
    })),
    agreement: z.object({ agree: Count, conditional: Count, disagree: Count, undecided: Count }),
    conclusion: z.object({ text: z.string(), concludedAt: Iso }),
  }).optional(),
};
type VisitsRecord = { [K in keyof typeof visitsRecordShape]: z.infer<(typeof visitsRecordShape)[K]> };

/** What the record needs of a round beyond the log: its plan and entries (lib/visits/service.ts `recordSource`). */
export type VisitsRecordSource = {
  households: PlannedHousehold[]; team: TeamMember[]; entries: VisitEntry[];
  /** photos by entry id, in the order they arrived */
  photos?: Record<string, { sha256: string; mimeType: string; size: number }[]>;
};

/** The personal part of an entry, as its commitment's value (and what a disclosure gives back). */
export const householdOf = (e: Pick<VisitEntry, 'household' | 'address' | 'metWith' | 'place'>) =>
  canonicalJson({ household: e.household, address: e.address, metWith: e.metWith, place: e.place });

export const visitsRecord: RecordPart<VisitsRecord> = {
  section(s, { commit, visits: src }) {
    const life = s.visits;
    if (!life || !src) return {};
    const planned = new Set(src.households.map((h) => h.id));
    const entries = [...src.entries].sort((a, b) => (a.visitedAt < b.visitedAt ? -1 : a.visitedAt > b.visitedAt ? 1 : a.id < b.id ? -1 : 1));
    return {
      visits: {
        question: life.question,
        startedAt: life.startedAt ?? s.startedAt ?? s.closedAt!, finishedAt: life.finishedAt ?? s.closedAt!,
        team: src.team.map((m) => ({ role: m.role, nameCommitment: commit(m.name) })),
        planned: src.households.length,
        plannedVisited: new Set(entries.flatMap((e) => (e.householdId && planned.has(e.householdId) ? [e.householdId] : []))).size,
        entries: entries.map((e) => ({
          id: e.id, planned: !!e.householdId && planned.has(e.householdId), visitedAt: e.visitedAt,
          householdCommitment: commit(householdOf(e)), agreement: e.agreement, opinion: maskPhones(e.opinion),
          ...(src.photos?.[e.id]?.length ? { photos: src.photos[e.id] } : {}),
        })),
        agreement: countAgreements(entries),
        conclusion: { text: life.conclusion?.text ?? '', concludedAt: life.conclusion?.at ?? s.closedAt! },
      },
    };
  },
  // Households are not seats.
  seatRefs: () => [],
};
