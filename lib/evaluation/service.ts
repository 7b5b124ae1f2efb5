import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { MeetingHub } from '../meeting/hub';
import type { Actor } from '../meeting/commands';
import { staffRoleIn } from '../meeting/queries';
import type { EvaluationRecordSource } from '../meeting/procedure/evaluation/record';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { hashToken, newId, newToken } from '../platform/tokens';
import { unitResult, type UnitResult } from './aggregate';
import { addToBox, readBox } from './box';
import { planHash } from './hash';
import { DecisionsQuery, EvaluatorsInput, MAX_EVALUATORS, NoteInput, OpenInput, Plan, PlanInput, PublishInput, RatingsInput } from './inputs';
import { linkPhase, TOKEN_SHAPE } from './links';
import { mayEvaluation, type EvaluationAction } from './permissions';

/**
 * A 民主评议 against the database and its meeting's hub. Staff plan it (the period; the units under
 * evaluation with their commitments — the period's decisions of filed records, or typed in; the
 * evaluators), then open it: every evaluator gets a personal link whose token is returned once and stored
 * only hashed, and the meeting goes live. Each evaluator rates every unit once; staff see how many have
 * answered (never who), close it, read the result table and publish it, which closes the meeting; the
 * record service then freezes its record with `evaluationRecordSource`.
 */

/** A link to hand out: the path only (the console and the demo put their own origin before it). */
export const linkPath = (token: string) => `/e/${token}`;

/** The same answer for a token that never existed, was replaced, or has expired. */
const noSuchLink = () => new AppError('NOT_FOUND', 'No such link');

const emptyPlan = (): Plan => ({ periodFrom: null, periodTo: null, units: [] });
const DAY_MS = 86_400_000;

function planOf(row: { plan: string } | null): Plan {
  return row ? Plan.parse(JSON.parse(row.plan)) : emptyPlan();
}

/** Each unit's result from its box (a unit nobody rated has an empty one). */
async function resultsOf(db: Db, meetingId: string, plan: Plan): Promise<Map<string, UnitResult>> {
  const boxes = await db.evaluationBox.findMany({ where: { meetingId } });
  const byUnit = new Map(boxes.map((b) => [b.unitId, readBox(b.contents)]));
  return new Map(plan.units.map((u) => [u.id, unitResult(byUnit.get(u.id) ?? [])]));
}

export function createEvaluation(db: Db, hub: MeetingHub, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  // One rating at a time per evaluation in this process: the row lock would queue them anyway, and this
  // keeps many simultaneous answers from each holding a pooled connection while they wait.
  const queues = new Map<string, Promise<unknown>>();

  async function evaluationMeeting(meetingId: string) {
    const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, form: true, title: true, communityId: true } });
    if (!meeting || meeting.form !== 'evaluation') throw new AppError('NOT_FOUND', 'No such evaluation');
    return meeting;
  }

  async function authorise(staff: StaffIdentity, meetingId: string, action: EvaluationAction): Promise<Actor> {
    await evaluationMeeting(meetingId);
    const role = await staffRoleIn(db, staff, meetingId);
    if (!mayEvaluation(role, action)) throw new AppError('FORBIDDEN', 'Not allowed for this evaluation', { action });
    return { role, label: staff.displayName, seatId: null, mode: null };
  }

  const row = (meetingId: string) => db.evaluation.findUnique({ where: { meetingId } });

  async function requireDraft(meetingId: string) {
    const r = await row(meetingId);
    if (r && r.status !== 'draft') throw new AppError('INVALID_STATE', 'The evaluation is open; its plan and evaluators are fixed', { reason: 'opened' });
    // An evaluation meeting held as a sitting (as before issue 14), or cancelled, cannot be opened as one.
    const { status } = await hub.state(meetingId);
    if (status !== 'draft' && status !== 'announced') throw new AppError('INVALID_STATE', 'This meeting can no longer be opened as an evaluation', { reason: 'not_openable', status });
    return r;
  }

  /** Roster categories and members resolved against the community's active roster, and the typed-in stakeholders. */
  async function resolveEvaluators(communityId: string, input: EvaluatorsInput) {
    const roster = await db.rosterMember.findMany({ where: { communityId, retiredAt: null }, select: { id: true, name: true, categories: true }, orderBy: { name: 'asc' } });
    if (input.memberIds.some((id) => !roster.some((m) => m.id === id))) {
      throw new AppError('BAD_REQUEST', 'A member named is not on this community’s roster', { issues: [{ path: 'evaluators.memberIds', message: 'Not an active member of this community' }] });
    }
    const chosen = input.categories as string[];
    const people = roster.flatMap((m) => {
      const cats = z.array(z.string()).parse(JSON.parse(m.categories));
      const by = cats.find((c) => chosen.includes(c));
      if (!by && !input.memberIds.includes(m.id)) return [];
      return [{ name: m.name, category: by ?? cats[0] ?? 'resident', rosterMemberId: m.id as string | null }];
    });
    const seen = new Set<string>();
    const others = input.others.filter((o) => !seen.has(o.name) && !!seen.add(o.name)).map((o) => ({ name: o.name, category: 'stakeholder', rosterMemberId: null }));
    const rows = [...people, ...others];
    if (rows.length > MAX_EVALUATORS) throw new AppError('BAD_REQUEST', `At most ${MAX_EVALUATORS} evaluators`, { issues: [{ path: 'evaluators', message: 'Too many evaluators' }] });
    return rows;
  }

  async function evaluatorByToken(token: string) {
    if (!TOKEN_SHAPE.test(token)) throw noSuchLink();
    const ev = await db.evaluationEvaluator.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!ev) throw noSuchLink();
    const r = await row(ev.meetingId);
    if (!r) throw noSuchLink();
    const state = await hub.state(ev.meetingId);
    const closedAt = state.evaluation?.closedAt ? new Date(state.evaluation.closedAt) : null;
    const phase = linkPhase(now(), { status: r.status, closedAt });
    if (phase === 'expired') throw noSuchLink();
    return { evaluator: ev, row: r, phase };
  }

  return {
    /**
     * Everything staff see: the plan, the evaluators (names and categories — never whether one of them has
     * answered), how many answered, and once closed the result table.
     */
    async get(staff: StaffIdentity, meetingId: string) {
      const actor = await authorise(staff, meetingId, 'evaluation.read');
      const meeting = await evaluationMeeting(meetingId);
      const r = await row(meetingId);
      const plan = planOf(r);
      const state = await hub.state(meetingId);
      const evaluators = await db.evaluationEvaluator.findMany({ where: { meetingId }, orderBy: { position: 'asc' }, select: { id: true, name: true, category: true, tokenHash: true } });
      const phase = state.evaluation?.phase ?? 'draft';
      const results = phase === 'closed' ? await resultsOf(db, meetingId, plan) : null;
      return {
        meetingId, meetingTitle: meeting.title, meetingStatus: state.status, canManage: mayEvaluation(actor.role, 'evaluation.manage'),
        phase, published: state.evaluation?.published ?? null, openedAt: state.evaluation?.openedAt ?? null, closedAt: state.evaluation?.closedAt ?? null,
        plan,
        evaluators: evaluators.map((e) => ({ id: e.id, name: e.name, category: e.category, hasLink: !!e.tokenHash })),
        progress: { invited: evaluators.length, answered: r?.answered ?? 0 },
        results: results ? plan.units.map((u) => ({ unitId: u.id, ...results.get(u.id)! })) : null,
        noteDraft: r?.noteDraft ?? '',
      };
    },

    /** Saves the plan (period, units, evaluators), as often as staff like until it opens. */
    async savePlan(staff: StaffIdentity, meetingId: string, raw: unknown) {
      await authorise(staff, meetingId, 'evaluation.manage');
      const input = parseOrThrow(PlanInput, raw);
      const r = await requireDraft(meetingId);
      const { communityId } = await evaluationMeeting(meetingId);
      const old = planOf(r);
      const plan: Plan = {
        periodFrom: input.periodFrom !== undefined ? input.periodFrom : old.periodFrom,
        periodTo: input.periodTo !== undefined ? input.periodTo : old.periodTo,
        units: input.units ? input.units.map((u) => ({ ...u, id: u.id ?? newId() })) : old.units,
      };
      if (new Set(plan.units.map((u) => u.id)).size !== plan.units.length) {
        throw new AppError('BAD_REQUEST', 'Two units with one id', { issues: [{ path: 'units', message: 'duplicate_unit_id' }] });
      }
      const rows = input.evaluators ? await resolveEvaluators(communityId, input.evaluators) : null;
      const json = JSON.stringify(Plan.parse(plan));
      await db.$transaction([
        db.evaluation.upsert({ where: { meetingId }, create: { meetingId, plan: json }, update: { plan: json } }),
        ...(rows ? [
          db.evaluationEvaluator.deleteMany({ where: { meetingId } }),
          db.evaluationEvaluator.createMany({ data: rows.map((e, i) => ({ id: newId(), meetingId, position: i + 1, ...e })) }),
        ] : []),
      ]);
      return { plan, evaluators: rows?.length ?? (await db.evaluationEvaluator.count({ where: { meetingId } })) };
    },

    /**
     * The period's decisions of the community's filed records (their implementation rows), grouped by the
     * unit responsible, as units to plan: staff take them into the plan or type units in.
     */
    async periodDecisions(staff: StaffIdentity, meetingId: string, rawQuery: unknown) {
      await authorise(staff, meetingId, 'evaluation.manage');
      const { from, to } = parseOrThrow(DecisionsQuery, rawQuery);
      const { communityId } = await evaluationMeeting(meetingId);
      const tasks = await db.decisionTask.findMany({
        where: { communityId, createdAt: { gte: new Date(`${from}T00:00:00+08:00`), lt: new Date(Date.parse(`${to}T00:00:00+08:00`) + DAY_MS) } },
        orderBy: { createdAt: 'asc' }, take: 200, select: { recordId: true, pollId: true, title: true, owner: true, status: true },
      });
      const units = new Map<string, { name: string; commitments: { text: string; decision: { recordId: string; pollId: string }; status: string }[] }>();
      for (const t of tasks) {
        const name = t.owner.trim();
        const u = units.get(name) ?? { name, commitments: [] };
        u.commitments.push({ text: t.title.slice(0, 500), decision: { recordId: t.recordId, pollId: t.pollId }, status: t.status });
        units.set(name, u);
      }
      return { units: [...units.values()] };
    },

    /**
     * Opens it: the plan is fixed (its hash goes into the log), every evaluator gets a fresh token —
     * returned here, once, stored only hashed — and the meeting goes live. Tokens are written before the
     * command: if the command is refused, the evaluation is still a draft and no link rates.
     */
    async open(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'evaluation.manage');
      const input = parseOrThrow(OpenInput, raw ?? {});
      const r = await requireDraft(meetingId);
      const plan = planOf(r);
      const evaluators = await db.evaluationEvaluator.findMany({ where: { meetingId }, orderBy: { position: 'asc' } });
      const problems: { path: string; message: string }[] = [];
      if (plan.units.length === 0) problems.push({ path: 'units', message: 'Plan at least one unit' });
      if (evaluators.length === 0) problems.push({ path: 'evaluators', message: 'Choose at least one evaluator' });
      if (problems.length) throw new AppError('BAD_REQUEST', 'The evaluation is not complete', { issues: problems });
      const links = evaluators.map((e) => ({ evaluatorId: e.id, name: e.name, category: e.category, token: newToken() }));
      await db.$transaction(links.map((l) => db.evaluationEvaluator.update({ where: { id: l.evaluatorId }, data: { tokenHash: hashToken(l.token) } })));
      const { seq } = await hub.execute(meetingId, 'evaluation.open', {
        planSha256: planHash(plan), units: plan.units.length, evaluators: evaluators.length,
        ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}),
      }, actor);
      return { seq, links: links.map(({ token, ...l }) => ({ ...l, path: linkPath(token) })) };
    },

    /** A new link for one evaluator (lost, or handed to the wrong person): the old one stops working. */
    async reissueLink(staff: StaffIdentity, meetingId: string, evaluatorId: string) {
      await authorise(staff, meetingId, 'evaluation.manage');
      if ((await row(meetingId))?.status !== 'open') throw new AppError('INVALID_STATE', 'Links are issued while the evaluation is open', { reason: 'not_open' });
      const token = newToken();
      const done = await db.evaluationEvaluator.updateMany({ where: { id: evaluatorId, meetingId }, data: { tokenHash: hashToken(token) } });
      if (done.count === 0) throw new AppError('NOT_FOUND', 'No such evaluator');
      return { evaluatorId, path: linkPath(token) };
    },

    /** No more ratings: the result table is final (and only now shown to staff). */
    async close(staff: StaffIdentity, meetingId: string) {
      const actor = await authorise(staff, meetingId, 'evaluation.manage');
      const { seq } = await hub.execute(meetingId, 'evaluation.close', {}, actor);
      return { seq };
    },

    /** The note staff are writing for the published table (kept until they publish). */
    async saveNote(staff: StaffIdentity, meetingId: string, raw: unknown) {
      await authorise(staff, meetingId, 'evaluation.manage');
      const { text } = parseOrThrow(NoteInput, raw);
      const done = await db.evaluation.updateMany({ where: { meetingId, status: { in: ['open', 'closed'] } }, data: { noteDraft: text } });
      if (done.count === 0) throw new AppError('INVALID_STATE', 'The evaluation is not open', { reason: 'not_open' });
      return { noteDraft: text };
    },

    /** Publishes the result table with the note (the body's, else the saved one): the meeting closes, its record is frozen. */
    async publish(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'evaluation.manage');
      const input = parseOrThrow(PublishInput, raw ?? {});
      const note = input.note ?? (await row(meetingId))?.noteDraft.trim() ?? '';
      const { seq } = await hub.execute(meetingId, 'evaluation.publish', { note }, actor);
      return { seq, note };
    },

    /** The evaluator's page: the units and their commitments, whether they may rate, whether they have. */
    async forEvaluator(token: string) {
      const { evaluator: ev, row: r, phase } = await evaluatorByToken(token);
      const meeting = await db.meeting.findUniqueOrThrow({ where: { id: ev.meetingId }, select: { title: true, community: { select: { name: true } } } });
      const plan = planOf(r);
      return {
        communityName: meeting.community.name, meetingTitle: meeting.title, evaluator: { name: ev.name },
        periodFrom: plan.periodFrom, periodTo: plan.periodTo, units: plan.units,
        rating: phase === 'rating', answered: ev.answered,
      };
    },

    /**
     * An evaluator's cards, one per unit, once. In one transaction, under the evaluation row's lock (the
     * conditional update takes it and re-checks that it is open): the participation is claimed (a
     * conditional update of the evaluator's `answered`, so concurrent submissions count once) and each
     * card goes into its unit's box, rewritten whole. Nothing written names the evaluator beside a card.
     */
    async rate(token: string, raw: unknown) {
      const input = parseOrThrow(RatingsInput, raw);
      const { evaluator: ev, row: r, phase } = await evaluatorByToken(token);
      if (phase !== 'rating') throw new AppError('INVALID_STATE', 'The evaluation is closed', { reason: 'closed' });
      if (ev.answered) throw new AppError('ALREADY_ANSWERED', 'You have already rated');
      const plan = planOf(r);
      const ids = input.cards.map((c) => c.unitId);
      const missing = plan.units.findIndex((u) => !ids.includes(u.id));
      if (missing >= 0 || new Set(ids).size !== ids.length || ids.some((id) => !plan.units.some((u) => u.id === id))) {
        throw new AppError('BAD_REQUEST', 'Rate every unit once', { issues: [{ path: 'cards', message: 'every_unit_once' }] });
      }
      const meetingId = ev.meetingId;
      const previous = queues.get(meetingId) ?? Promise.resolve();
      const mine = previous.catch(() => {}).then(() => db.$transaction(async (tx) => {
        const open = await tx.evaluation.updateMany({ where: { meetingId, status: 'open' }, data: { answered: { increment: 1 } } });
        if (open.count === 0) throw new AppError('INVALID_STATE', 'The evaluation is closed', { reason: 'closed' });
        const claimed = await tx.evaluationEvaluator.updateMany({ where: { id: ev.id, answered: false }, data: { answered: true } });
        if (claimed.count === 0) throw new AppError('ALREADY_ANSWERED', 'You have already rated');
        for (const card of input.cards) {
          const box = await tx.evaluationBox.findUnique({ where: { meetingId_unitId: { meetingId, unitId: card.unitId } } });
          const contents = addToBox(box?.contents ?? null, card);
          await tx.evaluationBox.upsert({
            where: { meetingId_unitId: { meetingId, unitId: card.unitId } },
            create: { meetingId, unitId: card.unitId, count: 1, contents },
            update: { count: { increment: 1 }, contents },
          });
        }
      }, { maxWait: 30_000, timeout: 30_000 }));
      queues.set(meetingId, mine);
      mine.finally(() => { if (queues.get(meetingId) === mine) queues.delete(meetingId); }).catch(() => {});
      await mine;
      return { ok: true };
    },
  };
}

export type Evaluation = ReturnType<typeof createEvaluation>;

/** What the record keeps of an evaluation (lib/record/service.ts): the plan, counts and each unit's aggregated box. */
export async function evaluationRecordSource(db: Db, meetingId: string): Promise<EvaluationRecordSource | null> {
  const r = await db.evaluation.findUnique({ where: { meetingId } });
  if (!r) return null;
  const plan = planOf(r);
  const results = await resultsOf(db, meetingId, plan);
  const invited = await db.evaluationEvaluator.count({ where: { meetingId } });
  return {
    periodFrom: plan.periodFrom, periodTo: plan.periodTo,
    evaluators: { invited, answered: r.answered },
    units: plan.units.map((u) => ({ name: u.name, commitments: u.commitments, ...results.get(u.id)! })),
  };
}
