import { can, type MeetingRole } from '../../permissions';
import { ANONYMOUS_ACTOR, type MeetingEvent, type MeetingState } from '../../state';
import type { Projection } from '../project';

/**
 * The roster is the console's and the projector's (`roster.view`). A phone needs its own seat, its own
 * presence and the numbers, not ten thousand names: with the whole list in every phone's snapshot, a
 * residents' assembly of 10,000 sent 1.8 MB to each phone that connected and the server ran out of
 * room before they were all in. So a phone's snapshot holds its own seat and presence and `roster` (the
 * counts); the events that change the roster reach it with `roster` added, the counts the server had when
 * it sent them, and without the seat list (`meeting.created`) or a walk-in's name (`seat.added`). A
 * check-in keeps its seatId (phones had it before, and know their own check-in by it) but a self check-in
 * loses its actor (the member's name). The list of undone check-ins, with who made them, is the console's.
 */
export const attendanceProjection: Projection = {
  state: (s, role, seatId) => {
    if (can(role, 'roster.view')) return {};
    const own = seatId ? s.attendance[seatId] : undefined;
    return {
      seats: seatId ? s.seats.filter((x) => x.id === seatId) : [],
      attendance: own && seatId ? { [seatId]: own } : {},
      undoneCheckIns: [],
    };
  },
  event: projectRosterEvent,
};

/** `state` is the server's state after the events being sent: its counts are the ones the phone ends with. */
function projectRosterEvent(e: MeetingEvent, state: MeetingState, role: MeetingRole): MeetingEvent {
  if (can(role, 'roster.view')) return e;
  const roster = state.roster;
  switch (e.type) {
    case 'meeting.created':
      return { ...e, data: { ...e.data, seats: [], roster } };
    case 'seat.added':
      // Kept in shape (a seat), without the name; the reducer takes only the counts from it.
      return { ...e, data: { id: e.data.id, name: '', kind: e.data.kind, canVote: e.data.canVote, roster } };
    case 'attendance.checkedIn':
      // A self check-in is logged with the member's name as its actor: that would be the list again, name by name.
      return { ...e, ...(e.data.by ? {} : { actor: ANONYMOUS_ACTOR }), data: { ...e.data, roster } };
    case 'attendance.checkInUndone':
      return { ...e, data: { ...e.data, roster } };
    default:
      return e;
  }
}
