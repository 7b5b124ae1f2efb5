import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import type { MeetingState } from '../../state';
import { command, one, requireLive, requireNotClosed, text, type Actor } from '../command';
import { EMPTY_OPEN_SPACE } from './reduce';
import { OPEN_SPACE_LIMITS, openSpacePhases, totalDots, type OpenSpace, type OpenSpacePhase } from './model';

function openSpaceOf(s: MeetingState): OpenSpace {
  if (s.form !== 'open_space') throw new AppError('INVALID_STATE', 'This meeting is not an open space', { form: s.form });
  return s.openSpace ?? EMPTY_OPEN_SPACE;
}

function requirePhase(os: OpenSpace, ...phases: OpenSpacePhase[]) {
  if (!phases.includes(os.phase)) throw new AppError('INVALID_STATE', `The open space is in its ${os.phase} phase`, { phase: os.phase });
}

function findSession(os: OpenSpace, id: string) {
  const x = os.sessions.find((y) => y.id === id);
  if (!x) throw new AppError('NOT_FOUND', 'No such session', { id });
  if (x.mergedInto) throw new AppError('INVALID_STATE', 'This session was merged into another', { id, mergedInto: x.mergedInto });
  return x;
}

/** A participant taking part: a seat of this meeting that has checked in. */
function presentSeat(s: MeetingState, actor: Actor) {
  const seat = s.seats.find((x) => x.id === actor.seatId);
  if (!seat) throw new AppError('FORBIDDEN', 'Only participants take part');
  if (!s.attendance[seat.id]) throw new AppError('INVALID_STATE', 'Check in first');
  return seat;
}

const Title = text(OPEN_SPACE_LIMITS.titleMax);
const Summary = z.string().trim().max(OPEN_SPACE_LIMITS.summaryMax).default('');
/** Rooms and slots keep their ids across edits (placements follow them); new ones get an id. */
const GridEntry = (key: 'name' | 'label', max: number) => z.strictObject({ id: z.string().max(100).optional(), [key]: text(max) });

/** The phases go forward one at a time, and back one step (an undo). */
function phaseStep(from: OpenSpacePhase, to: OpenSpacePhase): boolean {
  return Math.abs(openSpacePhases.indexOf(to) - openSpacePhases.indexOf(from)) === 1;
}

export const openSpaceCommands = {
  'openSpace.configure': command({
    schema: z.strictObject({
      theme: text(200),
      rooms: z.array(GridEntry('name', 50)).min(1).max(OPEN_SPACE_LIMITS.rooms),
      slots: z.array(GridEntry('label', 50)).min(1).max(OPEN_SPACE_LIMITS.slots),
      dotsPerPerson: z.number().int().min(1).max(OPEN_SPACE_LIMITS.maxDots).default(3),
    }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'marketplace', 'sessions');
      const rooms = i.rooms.map((r) => ({ id: r.id ?? newId(), name: String(r.name) }));
      const slots = i.slots.map((x) => ({ id: x.id ?? newId(), label: String(x.label) }));
      if (new Set(rooms.map((r) => r.id)).size !== rooms.length || new Set(slots.map((x) => x.id)).size !== slots.length) {
        throw new AppError('BAD_REQUEST', 'Room and slot ids must be unique');
      }
      return one({ type: 'openSpace.configured', data: { theme: i.theme, rooms, slots, dotsPerPerson: i.dotsPerPerson } });
    },
  }),
  'openSpace.propose': command({
    schema: z.strictObject({ title: Title, summary: Summary }),
    action: 'openSpace.participate',
    decide(s, i, actor) {
      requireLive(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'marketplace', 'sessions');
      const seat = presentSeat(s, actor);
      if (os.sessions.filter((x) => x.hostSeatId === seat.id).length >= OPEN_SPACE_LIMITS.proposalsPerSeat) {
        throw new AppError('RATE_LIMITED', 'You have proposed the most sessions one person may host', { limit: OPEN_SPACE_LIMITS.proposalsPerSeat });
      }
      const id = newId();
      return { ...one({ type: 'openSpace.proposed', data: { id, title: i.title, summary: i.summary, hostSeatId: seat.id, hostName: seat.name } }), id };
    },
  }),
  /** For someone without a phone: the facilitator writes their proposal, with their name as host. */
  'openSpace.proposeFor': command({
    schema: z.strictObject({ title: Title, summary: Summary, hostName: text(50) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      requirePhase(openSpaceOf(s), 'marketplace', 'sessions');
      const id = newId();
      return { ...one({ type: 'openSpace.proposed', data: { id, title: i.title, summary: i.summary, hostSeatId: null, hostName: i.hostName } }), id };
    },
  }),
  'openSpace.merge': command({
    schema: z.strictObject({ id: z.string(), intoId: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'marketplace', 'sessions');
      if (i.id === i.intoId) throw new AppError('BAD_REQUEST', 'A session cannot be merged into itself');
      findSession(os, i.id);
      findSession(os, i.intoId);
      // (Back from prioritising: dots given to a proposal would vanish from the ranking with it.)
      if (os.dotTotals[i.id]) throw new AppError('INVALID_STATE', 'This proposal already has dots', { id: i.id });
      return one({ type: 'openSpace.merged', data: { id: i.id, intoId: i.intoId } });
    },
  }),
  /** Undoes a merge made by mistake. */
  'openSpace.unmerge': command({
    schema: z.strictObject({ id: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'marketplace', 'sessions');
      const x = os.sessions.find((y) => y.id === i.id);
      if (!x) throw new AppError('NOT_FOUND', 'No such session', { id: i.id });
      if (!x.mergedInto) throw new AppError('INVALID_STATE', 'This session was not merged', { id: i.id });
      return one({ type: 'openSpace.unmerged', data: { id: i.id } });
    },
  }),
  /** Into a room and a slot, or (both null) back to the marketplace. */
  'openSpace.place': command({
    schema: z.strictObject({ id: z.string(), roomId: z.string().nullable(), slotId: z.string().nullable() })
      .refine((x) => (x.roomId === null) === (x.slotId === null), 'a room and a slot, or neither'),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'marketplace', 'sessions');
      findSession(os, i.id);
      if (i.roomId !== null && !os.rooms.some((r) => r.id === i.roomId)) throw new AppError('NOT_FOUND', 'No such room', { roomId: i.roomId });
      if (i.slotId !== null && !os.slots.some((x) => x.id === i.slotId)) throw new AppError('NOT_FOUND', 'No such time slot', { slotId: i.slotId });
      return one({ type: 'openSpace.placed', data: { id: i.id, roomId: i.roomId, slotId: i.slotId } });
    },
  }),
  'openSpace.phase': command({
    schema: z.strictObject({ phase: z.enum(openSpacePhases) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const os = openSpaceOf(s);
      if (!os.rooms.length) throw new AppError('INVALID_STATE', 'Set up the rooms and time slots first');
      if (!phaseStep(os.phase, i.phase)) throw new AppError('INVALID_STATE', `From ${os.phase} the open space cannot go to ${i.phase}`, { phase: os.phase });
      return one({ type: 'openSpace.phaseChanged', data: { phase: i.phase } });
    },
  }),
  /** The law of two feet: go to a session of a slot (or leave, `sessionId: null`), any time during the sessions. */
  'openSpace.join': command({
    schema: z.strictObject({ slotId: z.string(), sessionId: z.string().nullable() }),
    action: 'openSpace.participate',
    decide(s, i, actor) {
      requireLive(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'sessions');
      const seat = presentSeat(s, actor);
      if (!os.slots.some((x) => x.id === i.slotId)) throw new AppError('NOT_FOUND', 'No such time slot', { slotId: i.slotId });
      if (i.sessionId !== null && findSession(os, i.sessionId).slotId !== i.slotId) {
        throw new AppError('INVALID_STATE', 'That session is not in this time slot', { sessionId: i.sessionId });
      }
      if ((os.presence[seat.id]?.[i.slotId] ?? null) === i.sessionId) return { events: [], effects: [] };
      return one({ type: 'openSpace.joined', data: { seatId: seat.id, slotId: i.slotId, sessionId: i.sessionId } });
    },
  }),
  /** A participant's dots, all at once (replacing any earlier allocation), within the budget. */
  'openSpace.dots': command({
    schema: z.strictObject({ allocation: z.record(z.string().max(100), z.number().int().min(0).max(OPEN_SPACE_LIMITS.maxDots)) }),
    action: 'openSpace.participate',
    decide(s, i, actor) {
      requireLive(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'prioritising');
      const seat = presentSeat(s, actor);
      const allocation = Object.fromEntries(Object.entries(i.allocation).filter(([, n]) => n > 0));
      for (const id of Object.keys(allocation)) findSession(os, id);
      const spent = Object.values(allocation).reduce((a, b) => a + b, 0);
      if (spent > os.dotsPerPerson) throw new AppError('BAD_REQUEST', `At most ${os.dotsPerPerson} dots each`, { dotsPerPerson: os.dotsPerPerson, spent });
      const totals = totalDots({ ...os.dots, [seat.id]: allocation });
      return one({ type: 'openSpace.dotsPlaced', data: { seatId: seat.id, allocation, totals } });
    },
  }),
  /** A consensus statement (达成共识), usually from one of the proposals the dots put on top. */
  'openSpace.confirm': command({
    schema: z.strictObject({ text: text(300), sessionId: z.string().nullable().default(null) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const os = openSpaceOf(s);
      requirePhase(os, 'prioritising', 'converged');
      if (i.sessionId !== null) findSession(os, i.sessionId);
      return one({ type: 'openSpace.confirmed', data: { id: newId(), sessionId: i.sessionId, text: i.text } });
    },
  }),
  'openSpace.unconfirm': command({
    schema: z.strictObject({ id: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const os = openSpaceOf(s);
      if (!os.consensus.some((c) => c.id === i.id)) throw new AppError('NOT_FOUND', 'No such statement', { id: i.id });
      return one({ type: 'openSpace.unconfirmed', data: { id: i.id } });
    },
  }),
};

