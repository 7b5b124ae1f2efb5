import type { MeetingRole } from '../permissions';
import type { MeetingEvent, MeetingState } from '../state';

/**
 * What a part of the live meeting hides from a role: in the state it sends (`state`: the parts of the
 * state it replaces) and in each of its events (`event`: the event as that role may see it). Parts
 * without secrets have none; lib/meeting/projection.ts composes them.
 */
export type Projection = {
  /** `seatId`: the seat of the connection the state is for (null for staff and the projector) */
  state?(s: MeetingState, role: MeetingRole, seatId: string | null): Partial<MeetingState>;
  /**
   * What one seat's own connections are told of their own doings that no role may see (the questions it
   * asked, anonymously too, and those it upvoted), in `meeting:me` on connect.
   */
  seat?(s: MeetingState, seatId: string): Record<string, unknown>;
  /** The seat whose own view (`seat`) an event changes, if any: its other devices are told at once. */
  owner?(e: MeetingEvent): string | null;
  /** `state` is the server's full state, to look up what the event refers to */
  event?(e: MeetingEvent, state: MeetingState, role: MeetingRole): MeetingEvent;
};
