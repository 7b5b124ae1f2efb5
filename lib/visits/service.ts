import type { StaffIdentity } from '../auth/staff-session';
import type { Actor } from '../meeting/commands';
import type { MeetingHub } from '../meeting/hub';
import { staffMeetingRole } from '../meeting/permissions';
import { staffRoleIn } from '../meeting/queries';
import type { VisitsRecordSource } from '../meeting/procedure/visits/record';
import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import { AppError, parseOrThrow } from '../platform/errors';
import { MAX_UPLOAD_BYTES } from '../platform/file-type';
import { newId } from '../platform/tokens';
import { sha256Hex } from '../record/node-crypto';
import { canonicalJson } from '../record/canonical';
import { normalisePhoto } from '../topics/photos';
import { ConcludeInput, ConclusionInput, EntryId, entryContent, Households, parseEntry, PlanInput, replayOutcome, StartInput, StoredEntry, Team } from './entry';
import { countAgreements, type Agreement, type PlannedHousehold, type TeamMember, type VisitEntry } from './model';
import { mayVisits, type VisitsAction } from './permissions';

/**
 * A round of household visits (走访约谈协商) against the database and its meeting's hub. Staff plan it
 * (the question, the households, the team), start it (the meeting goes live: no agenda, no check-in),
 * finish it, write the conclusion and close it (the meeting closes; its record is frozen). Recorders log
 * visits from their phones; each visit is stored once under the id the phone chose.
 */
export function createVisits(db: Db, hub: MeetingHub, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());

  async function visitMeeting(meetingId: string) {
    const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, form: true, title: true, communityId: true, community: { select: { name: true, street: { select: { districtId: true } }, streetId: true } } } });
    if (!meeting || meeting.form !== 'visit') throw new AppError('NOT_FOUND', 'No such round of visits');
    return meeting;
  }

  /** The staff member's role in the round's meeting, if it allows `action`; else FORBIDDEN. */
  async function authorise(staff: StaffIdentity, meetingId: string, action: VisitsAction): Promise<Actor & { staffId: string }> {
    await visitMeeting(meetingId);
    const role = await staffRoleIn(db, staff, meetingId);
    if (!mayVisits(role, action)) throw new AppError('FORBIDDEN', 'Not allowed for this round of visits', { action });
    return { role, label: staff.displayName, seatId: null, mode: null, staffId: staff.id };
  }

  const row = (meetingId: string) => db.visitRound.findUnique({ where: { meetingId } });

  async function entriesOf(meetingId: string): Promise<(VisitEntry & { receivedAt: string; photos: { id: string; size: number; mimeType: string }[] })[]> {
    const rows = await db.visitEntry.findMany({ where: { meetingId }, orderBy: [{ visitedAt: 'asc' }, { id: 'asc' }] });
    const photos = await photosOf(db, meetingId);
    return rows.map((r) => ({ ...StoredEntry.parse(JSON.parse(r.content)), receivedAt: r.receivedAt.toISOString(), photos: photos[r.id] ?? [] }));
  }

  /** Households linked to the roster take its name and building where staff left them empty; each gets an id. */
  async function resolveHouseholds(communityId: string, input: NonNullable<ReturnType<typeof PlanInput.parse>['households']>): Promise<PlannedHousehold[]> {
    const ids = [...new Set(input.flatMap((h) => (h.rosterMemberId ? [h.rosterMemberId] : [])))];
    const members = new Map((await db.rosterMember.findMany({ where: { id: { in: ids }, communityId } })).map((m) => [m.id, m]));
    const seen = new Set<string>();
    return input.map((h, i) => {
      const m = h.rosterMemberId ? members.get(h.rosterMemberId) : null;
      if (h.rosterMemberId && !m) throw new AppError('BAD_REQUEST', 'Not a roster member of this community', { issues: [{ path: `households.${i}.rosterMemberId`, message: 'Not on this community’s roster' }] });
      const name = h.name || m?.name || '';
      if (!name) throw new AppError('BAD_REQUEST', 'Name the household', { issues: [{ path: `households.${i}.name`, message: 'Required' }] });
      const id = h.id ?? newId();
      if (seen.has(id)) throw new AppError('BAD_REQUEST', 'Two households with one id', { issues: [{ path: `households.${i}.id`, message: 'Duplicate' }] });
      seen.add(id);
      return { id, name, address: h.address || m?.building || '', rosterMemberId: m?.id ?? null };
    });
  }

  /** Team members linked to a staff account (of the round's area) or a roster member take their names. */
  async function resolveTeam(meeting: Awaited<ReturnType<typeof visitMeeting>>, input: NonNullable<ReturnType<typeof PlanInput.parse>['team']>): Promise<TeamMember[]> {
    const place = { districtId: meeting.community.street.districtId, streetId: meeting.community.streetId, communityId: meeting.communityId };
    const out: TeamMember[] = [];
    for (const [i, t] of input.entries()) {
      let name = t.name;
      if (t.staffId) {
        const u = await db.staffUser.findUnique({ where: { id: t.staffId } });
        if (!u || !staffMeetingRole(u.role as StaffIdentity['role'], { districtId: u.districtId, streetId: u.streetId, communityId: u.communityId }, place)) {
          throw new AppError('BAD_REQUEST', 'Not a staff member of this area', { issues: [{ path: `team.${i}.staffId`, message: 'Not staff of this area' }] });
        }
        name ||= u.displayName;
      } else if (t.rosterMemberId) {
        const m = await db.rosterMember.findFirst({ where: { id: t.rosterMemberId, communityId: meeting.communityId } });
        if (!m) throw new AppError('BAD_REQUEST', 'Not a roster member of this community', { issues: [{ path: `team.${i}.rosterMemberId`, message: 'Not on this community’s roster' }] });
        name ||= m.name;
      }
      if (!name) throw new AppError('BAD_REQUEST', 'Name the team member', { issues: [{ path: `team.${i}.name`, message: 'Required' }] });
      out.push({ role: t.role, name, staffId: t.staffId, rosterMemberId: t.staffId ? null : t.rosterMemberId });
    }
    return out;
  }

  function progressOf(households: PlannedHousehold[], entries: readonly VisitEntry[]) {
    const byHousehold = new Map<string, VisitEntry[]>();
    for (const e of entries) if (e.householdId) byHousehold.set(e.householdId, [...(byHousehold.get(e.householdId) ?? []), e]);
    return {
      planned: households.length,
      plannedVisited: households.filter((h) => byHousehold.has(h.id)).length,
      entries: entries.length,
      added: entries.filter((e) => !e.householdId || !households.some((h) => h.id === e.householdId)).length,
      agreement: countAgreements(entries),
      households: households.map((h) => {
        const visits = byHousehold.get(h.id) ?? [];
        return { ...h, visits: visits.length, agreement: (visits.at(-1)?.agreement ?? null) as Agreement | null };
      }),
    };
  }

  return {
    /** Everything staff and the team see: the plan, the phase, progress, every entry, the conclusion. */
    async get(staff: StaffIdentity, meetingId: string) {
      const actor = await authorise(staff, meetingId, 'visits.read');
      const meeting = await visitMeeting(meetingId);
      const r = await row(meetingId);
      const state = await hub.state(meetingId);
      const households = r ? Households.parse(JSON.parse(r.households)) : [];
      const entries = await entriesOf(meetingId);
      return {
        meetingId, title: meeting.title, communityId: meeting.communityId, communityName: meeting.community.name, meetingStatus: state.status,
        phase: state.visits?.phase ?? 'draft',
        question: state.visits?.question || r?.question || '',
        households, team: r ? Team.parse(JSON.parse(r.team)) : [],
        may: { manage: mayVisits(actor.role, 'visits.manage'), log: mayVisits(actor.role, 'visits.log') },
        progress: progressOf(households, entries),
        entries,
        conclusionDraft: r?.conclusionDraft ?? '',
        conclusion: state.visits?.conclusion ?? null,
      };
    },

    /**
     * The plan. Before starting: question, households and team, as often as staff like. Under way: the
     * question is fixed (the log names it), households and team may still change (a door found on the
     * way). Once finished, nothing changes.
     */
    async savePlan(staff: StaffIdentity, meetingId: string, raw: unknown) {
      await authorise(staff, meetingId, 'visits.manage');
      const meeting = await visitMeeting(meetingId);
      const input = parseOrThrow(PlanInput, raw);
      const phase = (await hub.state(meetingId)).visits?.phase ?? 'draft';
      if (phase === 'finished') throw new AppError('INVALID_STATE', 'The visits are finished', { reason: 'finished' });
      const current = await row(meetingId);
      if (phase === 'open' && input.question !== undefined && input.question !== current?.question) {
        throw new AppError('INVALID_STATE', 'The question is fixed once the visits have started', { reason: 'question_fixed', field: 'question' });
      }
      const households = input.households ? await resolveHouseholds(meeting.communityId, input.households) : undefined;
      const team = input.team ? await resolveTeam(meeting, input.team) : undefined;
      const data = {
        ...(input.question !== undefined ? { question: input.question } : {}),
        ...(households ? { households: canonicalJson(households) } : {}),
        ...(team ? { team: canonicalJson(team) } : {}),
      };
      const saved = await db.visitRound.upsert({ where: { meetingId }, create: { meetingId, ...data }, update: data });
      return { phase, question: saved.question, households: Households.parse(JSON.parse(saved.households)), team: Team.parse(JSON.parse(saved.team)) };
    },

    /** Starts the round: the meeting goes live with the question (no agenda, no check-in). */
    async start(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'visits.manage');
      const input = parseOrThrow(StartInput, raw ?? {});
      const r = await row(meetingId);
      if (!r?.question.trim()) throw new AppError('BAD_REQUEST', 'Write the question first', { issues: [{ path: 'question', message: 'Required' }] });
      const { seq } = await hub.execute(meetingId, 'visits.start', { question: r.question, ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}) }, actor);
      return { seq };
    },

    /**
     * Logs one visit, once. The id is the phone's: the same visit sent again (a retry, the offline queue
     * replayed) is answered with the stored one, `replayed: true`; the same id with other content is a
     * CONFLICT. A new visit is stored only while the round is under way, in one transaction under the
     * round's row lock (the conditional update takes it and re-checks the status); the (meetingId, id) key
     * is the guarantee across processes — a concurrent twin loses on it and is answered as a replay.
     */
    async logEntry(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'visits.log');
      const entry = parseEntry(raw, now());
      const content = entryContent(entry);
      const answer = async () => {
        const stored = await db.visitEntry.findUnique({ where: { meetingId_id: { meetingId, id: entry.id } } });
        if (!stored) return null;
        if (replayOutcome(stored.content, content) === 'conflict') {
          throw new AppError('CONFLICT', 'Another visit was already stored under this id', { reason: 'entry_conflict', id: entry.id, stored: StoredEntry.parse(JSON.parse(stored.content)) });
        }
        return { entry: StoredEntry.parse(JSON.parse(stored.content)), replayed: true };
      };
      const before = await answer();
      if (before) return before;
      const r = await row(meetingId);
      if (entry.householdId && !(r ? Households.parse(JSON.parse(r.households)) : []).some((h) => h.id === entry.householdId)) {
        throw new AppError('BAD_REQUEST', 'Not a planned household', { issues: [{ path: 'householdId', message: 'Not in the plan' }] });
      }
      try {
        await db.$transaction(async (tx) => {
          const claimed = await tx.visitRound.updateMany({ where: { meetingId, status: 'open' }, data: { entries: { increment: 1 } } });
          if (claimed.count === 0) {
            const status = (await tx.visitRound.findUnique({ where: { meetingId } }))?.status ?? 'draft';
            throw new AppError('INVALID_STATE', status === 'finished' ? 'The visits are finished' : 'The visits have not started', { reason: status === 'finished' ? 'finished' : 'not_started' });
          }
          await tx.visitEntry.create({ data: { meetingId, id: entry.id, householdId: entry.householdId, content, visitedAt: new Date(entry.visitedAt), staffId: actor.staffId, receivedAt: now() } });
        }, { maxWait: 30_000, timeout: 30_000 });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const twin = await answer();
        if (twin) return twin;
        throw err;
      }
      return { entry, replayed: false };
    },

    /**
     * A photo of a stored visit, sent after it (the phone's queue sends the visit first). Its id is the
     * phone's: the same photo sent again is answered as stored, other bytes under that id are a CONFLICT.
     * Taken until the meeting closes (the record, frozen then, names each photo by its SHA-256).
     */
    async addPhoto(staff: StaffIdentity, meetingId: string, entryId: string, photoId: string, bytes: Uint8Array) {
      const actor = await authorise(staff, meetingId, 'visits.log');
      const ids = { entryId: parseOrThrow(EntryId, entryId), photoId: parseOrThrow(EntryId, photoId) };
      if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('BAD_REQUEST', 'The photo is too large', { field: 'photo' });
      const uploadSha256 = sha256Hex(bytes);
      const answer = async () => {
        const stored = await db.visitPhoto.findUnique({ where: { meetingId_id: { meetingId, id: ids.photoId } }, select: { id: true, entryId: true, sha256: true, uploadSha256: true, size: true, mimeType: true } });
        if (!stored) return null;
        if (stored.uploadSha256 !== uploadSha256 || stored.entryId !== ids.entryId) throw new AppError('CONFLICT', 'Another photo was already stored under this id', { reason: 'photo_conflict', id: ids.photoId });
        return { photo: { id: stored.id, size: stored.size, mimeType: stored.mimeType, sha256: stored.sha256 }, replayed: true };
      };
      const before = await answer();
      if (before) return before;
      if (!(await db.visitEntry.findUnique({ where: { meetingId_id: { meetingId, id: ids.entryId } }, select: { id: true } }))) {
        throw new AppError('NOT_FOUND', 'No such visit: send the visit before its photos', { field: 'entryId' });
      }
      if ((await hub.state(meetingId)).status === 'closed') throw new AppError('INVALID_STATE', 'The round is closed', { reason: 'closed' });
      if ((await db.visitPhoto.count({ where: { meetingId, entryId: ids.entryId } })) >= MAX_PHOTOS_PER_VISIT) {
        throw new AppError('INVALID_STATE', 'A visit has at most 6 photos', { reason: 'too_many_photos', max: MAX_PHOTOS_PER_VISIT });
      }
      // Pixels only: a photo taken in someone's home carries the phone's GPS position in its EXIF.
      const { data, mimeType } = await normalisePhoto(bytes);
      const sha256 = sha256Hex(data);
      try {
        await db.visitPhoto.create({ data: { meetingId, id: ids.photoId, entryId: ids.entryId, mimeType, size: data.length, sha256, uploadSha256, data: new Uint8Array(data), staffId: actor.staffId, receivedAt: now() } });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const twin = await answer();
        if (twin) return twin;
        throw err;
      }
      return { photo: { id: ids.photoId, size: data.length, mimeType, sha256 }, replayed: false };
    },

    /** A photo's bytes, for the round's staff. */
    async photo(staff: StaffIdentity, meetingId: string, photoId: string) {
      await authorise(staff, meetingId, 'visits.read');
      const p = await db.visitPhoto.findUnique({ where: { meetingId_id: { meetingId, id: parseOrThrow(EntryId, photoId) } } });
      if (!p) throw new AppError('NOT_FOUND', 'No such photo');
      return { mimeType: p.mimeType, data: new Uint8Array(p.data), fileName: `visit-${p.id}.${p.mimeType.split('/')[1] === 'jpeg' ? 'jpg' : p.mimeType.split('/')[1]}` };
    },

    /** No more visits: the entries are final. */
    async finish(staff: StaffIdentity, meetingId: string) {
      const actor = await authorise(staff, meetingId, 'visits.manage');
      const { seq } = await hub.execute(meetingId, 'visits.finish', {}, actor);
      return { seq, entries: (await row(meetingId))?.entries ?? 0 };
    },

    /** The conclusion staff are writing (kept until the round closes). */
    async saveConclusion(staff: StaffIdentity, meetingId: string, raw: unknown) {
      await authorise(staff, meetingId, 'visits.manage');
      const { text } = parseOrThrow(ConclusionInput, raw);
      const done = await db.visitRound.updateMany({ where: { meetingId, status: { not: 'draft' } }, data: { conclusionDraft: text } });
      if (done.count === 0) throw new AppError('INVALID_STATE', 'The visits have not started', { reason: 'not_started' });
      return { conclusionDraft: text };
    },

    /** Records the conclusion (the body's, else the saved draft): the meeting closes and its record is frozen. */
    async conclude(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'visits.manage');
      const input = parseOrThrow(ConcludeInput, raw ?? {});
      const conclusion = input.conclusion ?? (await row(meetingId))?.conclusionDraft.trim() ?? '';
      if (!conclusion) throw new AppError('BAD_REQUEST', 'Write the conclusion first', { issues: [{ path: 'conclusion', message: 'Required' }] });
      const { seq } = await hub.execute(meetingId, 'visits.conclude', { conclusion }, actor);
      if (input.conclusion) await db.visitRound.update({ where: { meetingId }, data: { conclusionDraft: conclusion } });
      return { seq, conclusion };
    },
  };
}

export type Visits = ReturnType<typeof createVisits>;

/** Photos a visit may carry. */
export const MAX_PHOTOS_PER_VISIT = 6;

/** What the record keeps of a round (lib/record/build.ts): the plan's households and team, every entry. */
export async function visitsRecordSource(db: Db, meetingId: string): Promise<VisitsRecordSource | null> {
  const r = await db.visitRound.findUnique({ where: { meetingId } });
  if (!r) return null;
  const rows = await db.visitEntry.findMany({ where: { meetingId }, orderBy: [{ visitedAt: 'asc' }, { id: 'asc' }] });
  const photos = await photosOf(db, meetingId);
  return {
    households: Households.parse(JSON.parse(r.households)), team: Team.parse(JSON.parse(r.team)), entries: rows.map((e) => StoredEntry.parse(JSON.parse(e.content))),
    photos: Object.fromEntries(Object.entries(photos).map(([entryId, list]) => [entryId, list.map(({ sha256, mimeType, size }) => ({ sha256, mimeType, size }))])),
  };
}

/** Each visit's photos (without their bytes), in the order they arrived. */
async function photosOf(db: Db, meetingId: string) {
  const rows = await db.visitPhoto.findMany({ where: { meetingId }, select: { id: true, entryId: true, size: true, mimeType: true, sha256: true }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] });
  const out: Record<string, { id: string; size: number; mimeType: string; sha256: string }[]> = {};
  for (const { entryId, ...p } of rows) (out[entryId] ??= []).push(p);
  return out;
}
