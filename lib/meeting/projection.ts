import type { MeetingRole } from './permissions';
import type { Projection } from './procedure/project';
import { attendanceProjection } from './procedure/attendance/project';
import { hearingProjection } from './procedure/hearing/project';
import { pollProjection } from './procedure/polls/project';
import { openSpaceProjection } from './procedure/openspace/project';
import { qaProjection } from './procedure/qa/project';
import type { MeetingEvent, MeetingState } from './state';

/**
 * What each role may see of the state and of each event, part by part (lib/meeting/procedure/<part>/
 * project.ts; the polls: hidden tallies, who voted, paper counts; Q&A: unapproved questions, anonymous askers, upvoters; open space: who gave dots where; hearing: applications not admitted;
 * attendance: the seat list, which only staff and the projector get, phones the counts). Events keep
 * their seq when fields are removed, so every client's sequence stays gap-free.
 */
const projections: readonly Projection[] = [attendanceProjection, pollProjection, qaProjection, openSpaceProjection, hearingProjection];

/** `seatId`: whose connection the state is for (a phone gets its own seat and presence). */
export function projectState(s: MeetingState, role: MeetingRole, seatId: string | null = null): MeetingState {
  return projections.reduce<MeetingState>((acc, p) => (p.state ? { ...acc, ...p.state(acc, role, seatId) } : acc), s);
}

/** `state` is the server's full state, used to look up what an event refers to. */
export function projectEvent(e: MeetingEvent, state: MeetingState, role: MeetingRole): MeetingEvent {
  return projections.reduce((acc, p) => (p.event ? p.event(acc, state, role) : acc), e);
}

/** The seats whose own view an event changes (each part's `owner`). */
export function ownersOf(e: MeetingEvent): string[] {
  return projections.flatMap((p) => {
    const seat = p.owner?.(e);
    return seat ? [seat] : [];
  });
}

/** A seat's own view (`meeting:me`): each part's `seat` data, e.g. `questions` (lib/meeting/procedure/qa). */
export function projectSeat(s: MeetingState, seatId: string): Record<string, unknown> {
  return projections.reduce<Record<string, unknown>>((acc, p) => (p.seat ? { ...acc, ...p.seat(s, seatId) } : acc), {});
}
