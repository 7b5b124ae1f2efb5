import type { Actor, CommandName } from './commands';
import type { MeetingEvent } from './state';
import type { ErrorPayload } from '../platform/errors';

/**
 * What the hub needs from the other nodes when several run (REDIS_URL; docs/scaling.md). The hub keeps
 * the rules — decide against the state, commit, then tell; this link only carries and coordinates, and
 * is implemented over PostgreSQL and Redis in server/cluster/. One node at a time is a live meeting's
 * authority: it decides the meeting's commands; every other node keeps a copy of the state, fed by the
 * authority's committed batches, for its own connections, and forwards commands to it.
 */
export type ForwardedCommand = { meetingId: string; name: CommandName; input: unknown; actor: Actor };

/** What came back: the command's own result or refusal, or why it could not be decided there. */
export type ForwardAnswer =
  | { kind: 'result'; result: { seq: number; receipt?: string; duplicate?: boolean; seatId?: string; id?: string } }
  | { kind: 'refused'; error: ErrorPayload }
  /** that node is not (or no longer) the meeting's authority */
  | { kind: 'notAuthority' }
  /** no node of that id is listening (it died, or never was) */
  | { kind: 'absent' }
  | { kind: 'timeout' };

/** A ballot's participation as the authority stored it, so every node can answer "my receipts". */
export type ParticipationNote = { pollId: string; seatId: string; idempotencyKey: string; receipt: string };

/** One commit of the authority, as the other nodes hear it. */
export type CommittedBatch = { meetingId: string; nodeId: string; epoch: number; events: MeetingEvent[]; participations: ParticipationNote[] };

export type ClusterLink = {
  readonly nodeId: string;
  /**
   * Becomes the meeting's authority if no living node is: the new epoch to fence this node's commits
   * with, or null while another node holds the meeting.
   */
  acquire(meetingId: string): Promise<number | null>;
  /** Gives a meeting up (its fence failed: another node took it over). */
  release(meetingId: string): Promise<void>;
  /** The node named in the meeting's authority row, if any (it may have died since). */
  authorityOf(meetingId: string): Promise<string | null>;
  forward(nodeId: string, command: ForwardedCommand, timeoutMs: number): Promise<ForwardAnswer>;
  /** Tells the other nodes of a commit. Called after the commit, before its commands are answered. */
  publish(batch: CommittedBatch): void;
  /** Hear the meeting's commits from now on (resolves once subscribed). */
  follow(meetingId: string, onBatch: (batch: CommittedBatch) => void): Promise<void>;
  /** Answer commands other nodes forward here. */
  serve(handler: (command: ForwardedCommand) => Promise<ForwardAnswer>): void;
  /** This node lost every meeting it held (its lock connection broke). */
  onLostAll(listener: () => void): void;
};
