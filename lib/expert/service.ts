import type { StaffIdentity } from '../auth/staff-session';
import type { MeetingHub } from '../meeting/hub';
import type { Actor } from '../meeting/commands';
import { staffRoleIn } from '../meeting/queries';
import type { MeetingState } from '../meeting/state';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { hashToken, newId, newToken } from '../platform/tokens';
import { addStep } from '../topics/intake';
import { AcceptInput, AskInput, ConcludeInput, FeedbackInput, OpinionInput, StaffOpinionInput } from './inputs';
import { expertLinkPhase, TOKEN_SHAPE } from './links';
import { mayExpert, type ExpertAction } from './permissions';

/**
 * An expert consultation (专家咨询) against the database and its meeting's hub. Its stages are commands of
 * the meeting (lib/meeting/procedure/expert), sent from here over HTTP only; around them this writes the
 * invited experts' personal links (the token returned once, stored hashed) and, when the conclusion goes
 * back to a topic, the step on that topic's public journey — the channel the topic cycle already answers
 * its proposer on. The sitting itself is the meeting's live console, unchanged.
 */

/** A link to hand out: the path only (the console and the demo put their own origin before it). */
export const expertLinkPath = (token: string) => `/x/${token}`;

/** The same answer for a token that never existed, was replaced, or has expired. */
const noSuchLink = () => new AppError('NOT_FOUND', 'No such link');

/** The stage the consultation is at, for the console's stepper (提出咨询 → … → 结果反馈). */
export type ExpertStage = 'ask' | 'accept' | 'notice' | 'meeting' | 'feedback' | 'done' | 'declined';
export function expertStage(s: MeetingState): ExpertStage {
  const e = s.expert;
  if (!e) return 'ask';
  if (!e.acceptance) return 'accept';
  if (!e.acceptance.accepted) return 'declined';
  if (e.feedback) return s.status === 'closed' ? 'done' : 'feedback';
  if (e.conclusion) return 'feedback';
  if (s.status === 'draft') return 'notice';
  return 'meeting';
}

export function createExpertConsultations(db: Db, hub: MeetingHub, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());

  async function expertMeeting(meetingId: string) {
    const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, form: true, title: true, communityId: true } });
    if (!meeting || meeting.form !== 'expert') throw new AppError('NOT_FOUND', 'No such expert consultation');
    return meeting;
  }

  async function authorise(staff: StaffIdentity, meetingId: string, action: ExpertAction): Promise<Actor> {
    await expertMeeting(meetingId);
    const role = await staffRoleIn(db, staff, meetingId);
    if (!mayExpert(role, action)) throw new AppError('FORBIDDEN', 'Not allowed for this expert consultation', { action });
    return { role, label: staff.displayName, seatId: null, mode: null };
  }

  /** The meeting's invited experts: its seats of kind 专家 (planned from the pool, lib/planning/experts). */
  const expertSeats = (s: MeetingState) => s.seats.filter((seat) => seat.kind === 'expert');

  async function linkByToken(token: string) {
    if (!TOKEN_SHAPE.test(token)) throw noSuchLink();
    const link = await db.expertLink.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!link) throw noSuchLink();
    const state = await hub.state(link.meetingId);
    const seat = expertSeats(state).find((x) => x.id === link.seatId);
    const e = state.expert;
    if (!seat || !e) throw noSuchLink();
    const phase = expertLinkPhase(now(), { accepted: !!e.acceptance?.accepted, concluded: !!e.conclusion, status: state.status, closedAt: state.closedAt });
    if (phase === 'expired') throw noSuchLink();
    return { link, seat, state, expert: e, phase };
  }

  return {
    /** Everything staff see: the stage, the question, acceptance, the notice, each expert with link and opinion, conclusion, feedback. */
    async get(staff: StaffIdentity, meetingId: string) {
      const actor = await authorise(staff, meetingId, 'expert.read');
      const meeting = await expertMeeting(meetingId);
      const state = await hub.state(meetingId);
      const links = await db.expertLink.findMany({ where: { meetingId }, select: { seatId: true, createdAt: true } });
      const e = state.expert;
      return {
        meetingId, meetingTitle: meeting.title, meetingStatus: state.status, canManage: mayExpert(actor.role, 'expert.manage'),
        stage: expertStage(state),
        question: e?.question ?? null, asker: e?.asker ?? null, askedAt: e?.askedAt ?? null,
        acceptance: e?.acceptance ?? null,
        notices: state.notices.map((n) => ({ kind: n.kind, publishedAt: n.publishedAt })),
        sat: state.startedAt !== null,
        experts: expertSeats(state).map((seat) => {
          const o = e?.opinions.find((x) => x.seatId === seat.id) ?? null;
          return { seatId: seat.id, name: seat.name, linkIssuedAt: links.find((l) => l.seatId === seat.id)?.createdAt.toISOString() ?? null, opinion: o };
        }),
        conclusion: e?.conclusion ?? null, feedback: e?.feedback ?? null,
      };
    },

    /** 提出咨询: a topic asks by its id (the community's own topics only); others by name. */
    async ask(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'expert.manage');
      const input = parseOrThrow(AskInput, raw);
      const { communityId } = await expertMeeting(meetingId);
      let asker: { kind: 'topic' | 'unit' | 'resident' | 'staff'; name: string; topicId: string | null };
      if (input.asker.kind === 'topic') {
        const topic = await db.topic.findFirst({ where: { id: input.asker.topicId, communityId }, select: { id: true, title: true, submitter: true } });
        if (!topic) throw new AppError('BAD_REQUEST', 'No such topic in this community', { issues: [{ path: 'asker.topicId', message: 'Not a topic of this community' }] });
        asker = { kind: 'topic', name: (topic.submitter || topic.title).slice(0, 100), topicId: topic.id };
      } else {
        asker = { kind: input.asker.kind, name: input.asker.name, topicId: null };
      }
      return hub.execute(meetingId, 'expert.ask', { question: input.question, asker }, actor);
    },

    /** 咨询受理: accept, or decline with a reason (the meeting is cancelled with it). */
    async accept(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'expert.manage');
      return hub.execute(meetingId, 'expert.accept', parseOrThrow(AcceptInput, raw), actor);
    },

    /**
     * Personal links for the invited experts (all of them, or the one seat named): a fresh token each,
     * returned here once and stored only hashed; an earlier link of the same expert stops working.
     */
    async issueLinks(staff: StaffIdentity, meetingId: string, seatId?: string) {
      await authorise(staff, meetingId, 'expert.manage');
      const state = await hub.state(meetingId);
      if (!state.expert?.acceptance?.accepted || state.expert.conclusion || state.status === 'closed' || state.status === 'cancelled') {
        throw new AppError('INVALID_STATE', 'Links are issued once the consultation is accepted and until its conclusion', { reason: 'not_open' });
      }
      const seats = expertSeats(state).filter((x) => !seatId || x.id === seatId);
      if (seatId && seats.length === 0) throw new AppError('NOT_FOUND', 'No such invited expert');
      if (seats.length === 0) throw new AppError('INVALID_STATE', 'No expert is invited to this meeting', { reason: 'no_experts' });
      const at = now();
      const links = seats.map((seat) => ({ seatId: seat.id, name: seat.name, token: newToken() }));
      await db.$transaction(links.map((l) => db.expertLink.upsert({
        where: { seatId: l.seatId },
        create: { id: newId(), meetingId, seatId: l.seatId, tokenHash: hashToken(l.token), createdAt: at },
        update: { tokenHash: hashToken(l.token), createdAt: at },
      })));
      return { links: links.map((l) => ({ seatId: l.seatId, name: l.name, path: expertLinkPath(l.token) })) };
    },

    /** An opinion an expert handed in on paper or by mail, entered by staff in the expert's name. */
    async enterOpinion(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'expert.manage');
      return hub.execute(meetingId, 'expert.opinion', parseOrThrow(StaffOpinionInput, raw), actor);
    },

    async conclude(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'expert.manage');
      return hub.execute(meetingId, 'expert.conclude', parseOrThrow(ConcludeInput, raw), actor);
    },

    /**
     * 结果反馈: the conclusion goes back to whoever asked. A topic hears it on its public journey (a step with
     * the conclusion, as the topic cycle tells its proposer everything); a unit, a resident or staff are
     * answered directly (the note says how), and the record keeps when. Without a sitting this closes the
     * meeting (and freezes its record); after one, the sitting is closed from the console as any.
     */
    async feedback(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'expert.manage');
      const input = parseOrThrow(FeedbackInput, raw);
      const meeting = await expertMeeting(meetingId);
      const result = await hub.execute(meetingId, 'expert.feedback', input, actor);
      const e = (await hub.state(meetingId)).expert!;
      if (input.channel === 'topic' && e.asker.topicId) {
        // After the event (the log says it was sent): a step that failed here is retried by nothing, so
        // the error reaches staff, who see the feedback recorded and the topic without it.
        await addStep(db, e.asker.topicId, 'expert_feedback', staff.displayName, { meetingId, meetingTitle: meeting.title, conclusion: e.conclusion?.text ?? '' }, new Date(e.feedback!.at));
      }
      return result;
    },

    /** The expert's page: the question, who asked, whether they may still write, their own latest opinion. */
    async forExpert(token: string) {
      const { link, seat, state, expert: e, phase } = await linkByToken(token);
      const meeting = await db.meeting.findUniqueOrThrow({ where: { id: link.meetingId }, select: { title: true, scheduledAt: true, community: { select: { name: true } } } });
      const mine = e.opinions.find((o) => o.seatId === seat.id) ?? null;
      return {
        communityName: meeting.community.name, meetingTitle: meeting.title, scheduledAt: meeting.scheduledAt.toISOString(),
        expertName: seat.name, question: e.question, askerName: e.asker.name, opining: phase === 'opining', closed: state.status === 'closed',
        opinion: mine ? { title: mine.title, text: mine.text, at: mine.at, revisions: mine.revisions } : null,
      };
    },

    /** The expert's written opinion (a new one replaces theirs), signed with their seat: only while the link takes one. */
    async submitOpinion(token: string, raw: unknown) {
      const input = parseOrThrow(OpinionInput, raw);
      const { link, seat, phase } = await linkByToken(token);
      if (phase !== 'opining') throw new AppError('INVALID_STATE', 'The consultation has concluded', { reason: 'concluded' });
      const actor: Actor = { role: 'member', label: seat.name, seatId: seat.id, mode: null };
      const { seq } = await hub.execute(link.meetingId, 'expert.opinion', { seatId: seat.id, title: input.title, text: input.text }, actor);
      return { seq };
    },
  };
}

export type ExpertConsultations = ReturnType<typeof createExpertConsultations>;
