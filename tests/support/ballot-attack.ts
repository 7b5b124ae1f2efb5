// An attacker's tools against ballot secrecy, used by the secrecy tests: given what some role received
// or what the database holds, guess who chose what. Each returns its guesses (pollId → seatId → choices);
// the tests compare them with the truth. They are written the way the outside client that first broke
// secrecy worked, and the named-poll tests use them as a control: where voters are meant to be seen
// (the facilitator, a named poll) they must link every ballot, or the attack itself is broken.
import type { MeetingState } from '../../lib/meeting/state';

export type Guesses = Map<string, Map<string, string[]>>;
type LooseEvent = { seq?: number; type: string; data: unknown; actor?: string };

function guess(out: Guesses, pollId: string, seatId: string, choices: string[]) {
  const poll = out.get(pollId) ?? new Map<string, string[]>();
  poll.set(seatId, choices);
  out.set(pollId, poll);
}

/**
 * Consecutive running tallies differ by exactly one ballot; the event's seat, or its actor's name looked
 * up in the roster, says whose. `seatByName` comes from any snapshot (every role sees the roster).
 */
export function linkByTallyDifferences(events: readonly LooseEvent[], seatByName: ReadonlyMap<string, string>): Guesses {
  const out: Guesses = new Map();
  const last = new Map<string, Record<string, number>>();
  const ordered = [...events].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  for (const e of ordered) {
    const d = e.data as { pollId?: string; tally?: Record<string, number> | null; seatId?: string };
    if (e.type === 'poll.opened' && d.pollId) last.set(d.pollId, {});
    if (e.type !== 'poll.ballot' || !d.pollId || !d.tally) continue;
    const before = last.get(d.pollId) ?? {};
    const diff = Object.keys(d.tally).filter((o) => (d.tally![o] ?? 0) > (before[o] ?? 0));
    last.set(d.pollId, d.tally);
    const seatId = d.seatId ?? (e.actor ? seatByName.get(e.actor) : undefined);
    if (seatId && diff.length) guess(out, d.pollId, seatId, diff);
  }
  return out;
}

/** Two snapshots taken one ballot apart: the seat that appeared among the voters made the tally move. */
export function linkBySnapshotDifferences(states: readonly MeetingState[]): Guesses {
  const out: Guesses = new Map();
  const ordered = [...states].sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < ordered.length; i++) {
    for (const poll of ordered[i]!.polls) {
      const before = ordered[i - 1]!.polls.find((p) => p.id === poll.id);
      if (!before || !poll.tally || !before.tally || poll.voted !== before.voted + 1) continue;
      const seats = poll.votedSeatIds.filter((s) => !before.votedSeatIds.includes(s));
      const diff = Object.keys(poll.tally).filter((o) => (poll.tally![o] ?? 0) > (before.tally![o] ?? 0));
      if (seats.length === 1 && diff.length) guess(out, poll.id, seats[0]!, diff);
    }
  }
  return out;
}

/**
 * Rows written one per ballot, in storage order, set against the participation rows in storage order:
 * if both follow the voting order, the n-th choice is the n-th voter's.
 */
export function linkByStorageOrder(
  ballots: readonly { pollId: string; choices: string }[],
  participations: readonly { pollId: string; seatId: string }[],
): Guesses {
  const out: Guesses = new Map();
  for (const pollId of new Set(participations.map((p) => p.pollId))) {
    const b = ballots.filter((x) => x.pollId === pollId);
    const p = participations.filter((x) => x.pollId === pollId);
    if (b.length !== p.length) continue;
    p.forEach((part, i) => guess(out, pollId, part.seatId, JSON.parse(b[i]!.choices) as string[]));
  }
  return out;
}

/** How many of the guesses name a voter's actual choices. */
export function correctLinks(guesses: Guesses, truth: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>): number {
  let n = 0;
  for (const [pollId, seats] of guesses) {
    for (const [seatId, choices] of seats) {
      const actual = truth.get(pollId)?.get(seatId);
      if (actual && [...actual].sort().join('|') === [...choices].sort().join('|')) n++;
    }
  }
  return n;
}

export function mergeGuesses(...all: Guesses[]): Guesses {
  const out: Guesses = new Map();
  for (const g of all) for (const [pollId, seats] of g) for (const [seatId, c] of seats) guess(out, pollId, seatId, c);
  return out;
}
