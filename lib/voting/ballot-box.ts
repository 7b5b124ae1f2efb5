import { z } from 'zod';
import type { Tally } from './outcome';

/**
 * A secret poll's ballot box: the multiset of ballots cast, and nothing else. Each ballot is its set of
 * choices in the poll's option order; equal ballots are counted together and the box is kept sorted, so
 * neither its contents nor their order say who voted what or in which order the ballots arrived.
 * Stored as one row per poll (SecretBallotBox) that each ballot's transaction rewrites.
 */
export type BallotBox = { ballots: number; contents: ReadonlyMap<string, number> };

export const emptyBox: BallotBox = { ballots: 0, contents: new Map() };

/** The key of one ballot: its choices as JSON, in the poll's option order. */
function ballotKey(options: readonly string[], choices: readonly string[]): string {
  const rank = (c: string) => {
    const i = options.indexOf(c);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return JSON.stringify([...choices].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
}

export function addBallot(box: BallotBox, options: readonly string[], choices: readonly string[]): BallotBox {
  const key = ballotKey(options, choices);
  const contents = new Map(box.contents);
  contents.set(key, (contents.get(key) ?? 0) + 1);
  return { ballots: box.ballots + 1, contents };
}

/** Votes per option (a multiple-choice ballot adds one to each option it names). */
export function boxTally(box: BallotBox, options: readonly string[]): Tally {
  const tally: Tally = Object.fromEntries(options.map((o) => [o, 0]));
  for (const [key, count] of box.contents) {
    for (const choice of JSON.parse(key) as string[]) tally[choice] = (tally[choice] ?? 0) + count;
  }
  return tally;
}

const StoredContents = z.array(z.tuple([z.array(z.string()), z.number().int().positive()]));

export function serialiseBox(box: BallotBox): { ballots: number; contents: string } {
  const entries = [...box.contents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ballots: box.ballots, contents: JSON.stringify(entries.map(([key, n]) => [JSON.parse(key) as string[], n])) };
}

/** Reads a stored box; equal ballots written in another choice order (older data) are merged. */
export function parseBox(row: { ballots: number; contents: string }, options: readonly string[]): BallotBox {
  const contents = new Map<string, number>();
  for (const [choices, n] of StoredContents.parse(JSON.parse(row.contents))) {
    const key = ballotKey(options, choices);
    contents.set(key, (contents.get(key) ?? 0) + n);
  }
  return { ballots: row.ballots, contents };
}
