import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { MeetingAction, MeetingRole } from '../permissions';
import type { ScheduleEffect } from '../schedule';
import type { MeetingState, NewEvent } from '../state';
import type { Tally } from '../../voting/outcome';

/**
 * What every part of the live meeting (agenda, attendance, speakers, polls, …) says about its commands:
 * the payload's zod schema (strict, so a missing, null or misspelt input is BAD_REQUEST rather than a
 * silently emptied command), the permission it needs, and a pure decision that turns it into events — or
 * refuses with an AppError. `lib/meeting/commands.ts` composes the parts into one registry.
 */
export type CommandDef<S extends z.ZodType = z.ZodType> = {
  schema: S;
  /** what the actor's role must be allowed (lib/meeting/permissions) */
  action: MeetingAction;
  decide(s: MeetingState, input: z.output<S>, actor: Actor, ctx: DecideContext): Decision;
};

/** Declares one command (keeps its input type tied to its schema). */
export const command = <S extends z.ZodType>(def: CommandDef<S>): CommandDef<S> => def;

export type Actor = { role: MeetingRole; label: string; seatId: string | null; mode: 'hall' | 'remote' | null };

/** Writes beside the events that the database must make in the same transaction. */
export type Effect =
  | { kind: 'attendance'; seatId: string; mode: 'hall' | 'remote' }
  | { kind: 'attendanceUndone'; seatId: string }
  // the walk-in's seat row; building and phone go only to the database (staff-only), never to an event
  | { kind: 'walkInSeat'; seatId: string; name: string; building: string; phone: string | null }
  | { kind: 'ballot'; pollId: string; seatId: string; choices: string[]; secret: boolean; idempotencyKey: string }
  // a questionnaire's published version (its immutable row) and its phase, mirrored for answers' transactions
  | { kind: 'questionnaireVersion'; version: number; sha256: string; definition: string }
  | { kind: 'questionnaireStatus'; status: 'open' | 'closed' }
  // a written consultation's phase, mirrored for replies' transactions
  | { kind: 'writtenStatus'; status: 'sent' | 'closed' }
  // a round of visits' phase, mirrored for the entries' transactions (lib/visits)
  | { kind: 'visitsStatus'; status: 'open' | 'finished' }
  // a 民主评议's phase, mirrored for ratings' transactions
  | { kind: 'evaluationStatus'; status: 'open' | 'closed' }
  | ScheduleEffect;

/**
 * `seatId`: the seat a command created (a walk-in's); `id`: what else it created (a question). Both are
 * returned to the caller with the acknowledgement.
 */
export type Decision = { events: NewEvent[]; effects: Effect[]; seatId?: string; id?: string };

export type DecideContext = {
  /** seats that already voted in each poll (kept by the server, also for secret polls) */
  hasVoted(pollId: string, seatId: string): boolean;
  /** live totals of open polls, including secret ones (from their ballot box: no event carries them) */
  tallyOf(pollId: string): Tally;
  /** the server's clock at decision time (the notice lead time is checked against it) */
  now?: Date;
};

/** A required line of text from a client: trimmed, not empty, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const one = (event: NewEvent, ...effects: Effect[]): Decision => ({ events: [event], effects });

export function findPoll(s: MeetingState, pollId: string) {
  const poll = s.polls.find((p) => p.id === pollId);
  if (!poll) throw new AppError('NOT_FOUND', 'No such poll', { pollId });
  return poll;
}
export function findItem(s: MeetingState, itemId: string) {
  const item = s.agenda.find((a) => a.id === itemId);
  if (!item) throw new AppError('NOT_FOUND', 'No such agenda item', { itemId });
  return item;
}
export function requireLive(s: MeetingState) {
  if (s.status !== 'live') throw new AppError('INVALID_STATE', 'The meeting is not in session', { status: s.status });
}
export function requireNotClosed(s: MeetingState) {
  if (s.status === 'closed' || s.status === 'cancelled') throw new AppError('INVALID_STATE', 'The meeting is closed', { status: s.status });
}
