import { commandSchemas, decide, liveTally, type Actor, type CommandName, type Decision } from '../../lib/meeting/commands';
import type { MeetingForm, MeetingStatus } from '../../lib/meeting/model';
import type { MeetingRole } from '../../lib/meeting/permissions';
import { quorumPresets, type QuorumRule } from '../../lib/meeting/quorum';
import { walkInPolicyOf } from '../../lib/planning/templates';
import { addBallot, emptyBox, type BallotBox } from '../../lib/voting/ballot-box';
import { applyEvent, foldEvents, loggedActor, type MeetingEvent, type MeetingState, type NewEvent } from '../../lib/meeting/state';
import { z } from 'zod';

/**
 * Small factory for meeting rule tests: a MeetingState built the way the server builds it, by folding
 * an event log. Defaults: 5 voting seats, the first 3 checked in (hall), two agenda items, status live.
 */
export type MeetingOptions = {
  /** voting seats: seat-1 … seat-N */
  seats?: number;
  /** extra seats without a vote: guest-1 … guest-M */
  nonVotingSeats?: number;
  /** the first K voting seats are checked in */
  checkedIn?: number;
  /** agenda titles: item-1 … item-N */
  agenda?: string[];
  status?: MeetingStatus;
  quorumRule?: QuorumRule;
  /** start this agenda item (1-based) after the meeting goes live */
  currentItem?: number;
  /** the notice lead time of a planned meeting (days) */
  noticeLeadDays?: number;
  /** the meeting's form (default council) */
  form?: MeetingForm;
};

export const MEETING_ID = 'meeting-1';
/** 2025-03-01 09:00 in Asia/Shanghai; each event is one minute after the one before. */
const T0 = Date.parse('2025-03-01T01:00:00.000Z');
export const timeOf = (seq: number) => new Date(T0 + seq * 60_000).toISOString();

export const seatIdOf = (n: number) => `seat-${n}`;
export const guestIdOf = (n: number) => `guest-${n}`;
export const itemIdOf = (n: number) => `item-${n}`;

/** Give new events their seq, time and actor, as the hub does. */
export function stamp(events: readonly NewEvent[], afterSeq: number, actor = '主持人'): MeetingEvent[] {
  return events.map((e, i) => ({ ...e, seq: afterSeq + i + 1, at: timeOf(afterSeq + i + 1), actor: loggedActor(e, actor) }) as MeetingEvent);
}

export function meetingEvents(opts: MeetingOptions = {}): MeetingEvent[] {
  const { seats = 5, nonVotingSeats = 0, checkedIn = 3, agenda = ['议题一：加装电梯', '议题二：停车管理'], status = 'live', quorumRule = quorumPresets.more_than_half, currentItem, noticeLeadDays, form = 'council' } = opts;
  const roster = [
    ...Array.from({ length: seats }, (_, i) => ({ id: seatIdOf(i + 1), name: `居民${i + 1}`, kind: 'council', canVote: true })),
    ...Array.from({ length: nonVotingSeats }, (_, i) => ({ id: guestIdOf(i + 1), name: `列席${i + 1}`, kind: 'guest', canVote: false })),
  ];
  const raw: NewEvent[] = [
    {
      type: 'meeting.created',
      data: {
        title: '第一次居民议事会', level: 'community', type: 'decision', form, venue: '社区活动室',
        scheduledAt: timeOf(0), convenerName: '张主任', communityName: '新都社区', joinCode: 'ABC234',
        livestreamUrl: null, quorumRule, seats: roster, status: 'draft', walkIns: walkInPolicyOf(form), ...(noticeLeadDays === undefined ? {} : { noticeLeadDays }),
      },
    },
    ...agenda.map((title, i): NewEvent => ({ type: 'agenda.added', data: { id: itemIdOf(i + 1), title, notes: '', speakLimitSec: 180 } })),
    ...(status === 'draft' ? [] : [{ type: 'meeting.statusChanged', data: { status: status === 'closed' ? 'live' : status } } as NewEvent]),
    ...Array.from({ length: Math.min(checkedIn, seats) }, (_, i): NewEvent => ({ type: 'attendance.checkedIn', data: { seatId: seatIdOf(i + 1), mode: 'hall' } })),
    ...(currentItem ? [{ type: 'agenda.started', data: { itemId: itemIdOf(currentItem) } } as NewEvent] : []),
    ...(status === 'closed' ? [{ type: 'meeting.statusChanged', data: { status: 'closed' } } as NewEvent] : []),
  ];
  return stamp(raw, 0);
}

export function buildMeeting(opts: MeetingOptions = {}): MeetingState {
  return foldEvents(MEETING_ID, meetingEvents(opts));
}

export const facilitator: Actor = { role: 'facilitator', label: '主持人', seatId: null, mode: null };
export function member(n: number, mode: 'hall' | 'remote' = 'hall'): Actor {
  return { role: mode === 'remote' ? 'remote_member' : 'member', label: `居民${n}`, seatId: seatIdOf(n), mode };
}
export function staff(role: MeetingRole): Actor {
  return { role, label: role, seatId: null, mode: null };
}

/**
 * A meeting driven through `decide` and `applyEvent` the way the hub drives it: the context remembers
 * who voted and reads live totals from the (unprojected) state.
 */
export class MeetingSession {
  state: MeetingState;
  readonly log: MeetingEvent[];
  readonly voted = new Set<string>();
  /** secret polls' ballot boxes, kept as the hub keeps them */
  readonly boxes = new Map<string, BallotBox>();

  constructor(opts: MeetingOptions = {}) {
    this.log = meetingEvents(opts);
    this.state = foldEvents(MEETING_ID, this.log);
  }

  /** the server's clock for decisions (the notice lead time); undefined: the machine's */
  now: Date | undefined = undefined;

  readonly ctx = {
    hasVoted: (pollId: string, seatId: string) => this.voted.has(`${pollId}:${seatId}`),
    tallyOf: (pollId: string) => liveTally(this.state, pollId, this.boxes),
  };

  /** Decide without applying (for refusals and for inspecting events). Input is parsed as the socket does. */
  decide<C extends CommandName>(name: C, input: z.input<(typeof commandSchemas)[C]>, actor: Actor = facilitator): Decision {
    return decide(this.state, name, commandSchemas[name].parse(input) as never, actor, { ...this.ctx, now: this.now });
  }

  /** Decide and apply; returns the stamped events. */
  run<C extends CommandName>(name: C, input: z.input<(typeof commandSchemas)[C]>, actor: Actor = facilitator): MeetingEvent[] {
    const decision = this.decide(name, input, actor);
    const events = stamp(decision.events, this.state.seq, actor.label);
    for (const e of events) this.state = applyEvent(this.state, e);
    this.log.push(...events);
    for (const eff of decision.effects) {
      if (eff.kind !== 'ballot') continue;
      this.voted.add(`${eff.pollId}:${eff.seatId}`);
      if (eff.secret) this.boxes.set(eff.pollId, addBallot(this.boxes.get(eff.pollId) ?? emptyBox, this.poll(eff.pollId).options, eff.choices));
    }
    return events;
  }

  /** Create a poll and return its id. */
  createPoll(input: z.input<(typeof commandSchemas)['poll.create']>): string {
    const [e] = this.run('poll.create', input);
    if (e.type !== 'poll.created') throw new Error('expected poll.created');
    return e.data.id;
  }

  poll(id: string) {
    const p = this.state.polls.find((x) => x.id === id);
    if (!p) throw new Error(`no poll ${id}`);
    return p;
  }
}
