/**
 * Open space (开放空间): participants propose sessions in a marketplace, the facilitator places them in
 * a grid of rooms × time slots, everyone walks between sessions as they please (the law of two feet),
 * and at the end spends a few dots on the proposals; the facilitator confirms the consensus statements.
 * Pure types and rules: the browser runs them too.
 */
export const openSpacePhases = ['marketplace', 'sessions', 'prioritising', 'converged'] as const;
export type OpenSpacePhase = (typeof openSpacePhases)[number];

export type OsRoom = { id: string; name: string };
export type OsSlot = { id: string; label: string };

export type OsSession = {
  id: string;
  title: string;
  summary: string;
  /** the proposer, who hosts it (null: proposed by the facilitator for someone without a phone) */
  hostSeatId: string | null;
  hostName: string;
  proposedAt: string;
  /** merged into another proposal as a duplicate */
  mergedInto: string | null;
  roomId: string | null;
  slotId: string | null;
};

export type OsConsensus = { id: string; sessionId: string | null; text: string; confirmedAt: string };

export type OpenSpace = {
  theme: string;
  rooms: OsRoom[];
  slots: OsSlot[];
  dotsPerPerson: number;
  phase: OpenSpacePhase;
  sessions: OsSession[];
  /** seat → slot → the session it is in now (the law of two feet: changed at any time) */
  presence: Record<string, Record<string, string>>;
  /** session → every seat that was in it at some time (for the record: how many took part in each) */
  attended: Record<string, string[]>;
  /** seat → session → dots: the server's own state only (no role receives who gave dots where) */
  dots: Record<string, Record<string, number>>;
  /** session → dots, the public result */
  dotTotals: Record<string, number>;
  consensus: OsConsensus[];
};

export const OPEN_SPACE_LIMITS = { proposalsPerSeat: 3, rooms: 20, slots: 8, maxDots: 10, titleMax: 80, summaryMax: 200 } as const;

/** Proposals still standing (not merged into another). */
export const liveSessions = (os: OpenSpace) => os.sessions.filter((x) => x.mergedInto === null);

export type GridConflict =
  | { kind: 'room'; roomId: string; slotId: string; sessionIds: string[] }
  | { kind: 'host'; hostName: string; slotId: string; sessionIds: string[] };

/**
 * What is wrong with the grid: two sessions in the same room at the same time, or one host holding two
 * sessions at the same time. The facilitator may leave a conflict (a big room can hold two circles); the
 * console and the projector flag it.
 */
export function gridConflicts(os: OpenSpace): GridConflict[] {
  const placed = liveSessions(os).filter((x) => x.roomId && x.slotId);
  const out: GridConflict[] = [];
  const group = <K extends string>(key: (x: OsSession) => K | null) => {
    const m = new Map<K, OsSession[]>();
    for (const x of placed) {
      const k = key(x);
      if (k !== null) m.set(k, [...(m.get(k) ?? []), x]);
    }
    return [...m.values()].filter((g) => g.length > 1);
  };
  for (const g of group((x) => `${x.roomId}|${x.slotId}`)) out.push({ kind: 'room', roomId: g[0]!.roomId!, slotId: g[0]!.slotId!, sessionIds: g.map((x) => x.id) });
  for (const g of group((x) => (x.hostSeatId ? `${x.hostSeatId}|${x.slotId}` : null))) {
    out.push({ kind: 'host', hostName: g[0]!.hostName, slotId: g[0]!.slotId!, sessionIds: g.map((x) => x.id) });
  }
  return out;
}

/** Who is in a session now (seat ids), for the slot it is placed in. */
export function peopleIn(os: OpenSpace, session: OsSession): string[] {
  if (!session.slotId) return [];
  return Object.entries(os.presence).filter(([, bySlot]) => bySlot[session.slotId!] === session.id).map(([seatId]) => seatId);
}

/** The standing proposals by dots, most first (ties: first proposed first). */
export function rankByDots(os: OpenSpace): OsSession[] {
  return liveSessions(os)
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (os.dotTotals[b.x.id] ?? 0) - (os.dotTotals[a.x.id] ?? 0) || a.i - b.i)
    .map(({ x }) => x);
}

/** The standing proposals in the order of the grid: by slot, then room; unplaced ones last, as proposed. */
export function inGridOrder(os: OpenSpace): OsSession[] {
  const slotAt = new Map(os.slots.map((x, i) => [x.id, i]));
  const roomAt = new Map(os.rooms.map((x, i) => [x.id, i]));
  const at = (x: OsSession) => [slotAt.get(x.slotId ?? '') ?? Infinity, roomAt.get(x.roomId ?? '') ?? Infinity] as const;
  return liveSessions(os)
    .map((x, i) => ({ x, i }))
    .sort((a, b) => at(a.x)[0] - at(b.x)[0] || at(a.x)[1] - at(b.x)[1] || a.i - b.i)
    .map(({ x }) => x);
}

/** Dots per session summed over everyone's allocation. */
export function totalDots(dots: OpenSpace['dots']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const alloc of Object.values(dots)) for (const [id, n] of Object.entries(alloc)) if (n > 0) out[id] = (out[id] ?? 0) + n;
  return out;
}

/** What a seat's own connections are told: its dots, and the sessions it hosts. */
export type SeatOpenSpace = { dots: Record<string, number> };
