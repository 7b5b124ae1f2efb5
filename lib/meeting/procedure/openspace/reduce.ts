import type { MeetingState } from '../../state';
import type { Reducers } from '../reduce';
import type { OpenSpace } from './model';

export const EMPTY_OPEN_SPACE: OpenSpace = {
  theme: '', rooms: [], slots: [], dotsPerPerson: 3, phase: 'marketplace', sessions: [], presence: {}, attended: {}, dots: {}, dotTotals: {}, consensus: [],
};

/** Folds an open-space event into the open space (created by its first event). */
function change(s: MeetingState, f: (os: OpenSpace) => OpenSpace): Partial<MeetingState> {
  return { openSpace: f(s.openSpace ?? EMPTY_OPEN_SPACE) };
}

/** Drops presence in slots that no longer exist or pointing at sessions no longer there. */
function prunePresence(os: OpenSpace): OpenSpace['presence'] {
  const slots = new Set(os.slots.map((x) => x.id));
  const placed = new Map(os.sessions.filter((x) => x.mergedInto === null && x.slotId).map((x) => [x.id, x.slotId]));
  const out: OpenSpace['presence'] = {};
  for (const [seatId, bySlot] of Object.entries(os.presence)) {
    const kept = Object.fromEntries(Object.entries(bySlot).filter(([slot, session]) => slots.has(slot) && placed.get(session) === slot));
    if (Object.keys(kept).length) out[seatId] = kept;
  }
  return out;
}

export const openSpaceReducers: Reducers = {
  'openSpace.configured': (s, e) => change(s, (os) => {
    const rooms = new Set(e.data.rooms.map((r) => r.id));
    const slots = new Set(e.data.slots.map((x) => x.id));
    // A room or slot taken out of the grid takes its placements with it.
    const sessions = os.sessions.map((x) => (x.roomId && x.slotId && (!rooms.has(x.roomId) || !slots.has(x.slotId)) ? { ...x, roomId: null, slotId: null } : x));
    const next = { ...os, theme: e.data.theme, rooms: e.data.rooms, slots: e.data.slots, dotsPerPerson: e.data.dotsPerPerson, sessions };
    return { ...next, presence: prunePresence(next) };
  }),
  'openSpace.proposed': (s, e) => change(s, (os) => ({
    ...os, sessions: [...os.sessions, { ...e.data, proposedAt: e.at, mergedInto: null, roomId: null, slotId: null }],
  })),
  'openSpace.merged': (s, e) => change(s, (os) => {
    const next = { ...os, sessions: os.sessions.map((x) => (x.id === e.data.id ? { ...x, mergedInto: e.data.intoId, roomId: null, slotId: null } : x)) };
    return { ...next, presence: prunePresence(next) };
  }),
  'openSpace.unmerged': (s, e) => change(s, (os) => ({ ...os, sessions: os.sessions.map((x) => (x.id === e.data.id ? { ...x, mergedInto: null } : x)) })),
  'openSpace.placed': (s, e) => change(s, (os) => {
    const next = { ...os, sessions: os.sessions.map((x) => (x.id === e.data.id ? { ...x, roomId: e.data.roomId, slotId: e.data.slotId } : x)) };
    return { ...next, presence: prunePresence(next) };
  }),
  'openSpace.phaseChanged': (s, e) => change(s, (os) => ({ ...os, phase: e.data.phase })),
  'openSpace.joined': (s, e) => change(s, (os) => {
    const { [e.data.slotId]: _left, ...others } = os.presence[e.data.seatId] ?? {};
    const to = e.data.sessionId;
    const bySlot = to ? { ...others, [e.data.slotId]: to } : others;
    const were = to ? os.attended[to] ?? [] : [];
    const attended = to && !were.includes(e.data.seatId) ? { ...os.attended, [to]: [...were, e.data.seatId] } : os.attended;
    return { ...os, presence: { ...os.presence, [e.data.seatId]: bySlot }, attended };
  }),
  'openSpace.dotsPlaced': (s, e) => change(s, (os) => ({
    ...os,
    dots: e.data.seatId && e.data.allocation ? { ...os.dots, [e.data.seatId]: e.data.allocation } : os.dots,
    dotTotals: e.data.totals,
  })),
  'openSpace.confirmed': (s, e) => change(s, (os) => ({ ...os, consensus: [...os.consensus, { ...e.data, confirmedAt: e.at }] })),
  'openSpace.unconfirmed': (s, e) => change(s, (os) => ({ ...os, consensus: os.consensus.filter((c) => c.id !== e.data.id) })),
};
