import type { Presence, RosterCounts, Seat } from '../../state';
import { isWalkIn } from '../../walk-ins';
import type { Reducers } from '../reduce';

/** The roster's numbers counted from the list (a meeting's creation; tests compare the kept counts with it). */
export function countRoster(seats: readonly Seat[], attendance: Readonly<Record<string, Presence>>): RosterCounts {
  const c: RosterCounts = { seats: seats.length, voting: 0, present: 0, remote: 0, presentVoting: 0, presentWalkIns: 0, proxied: 0 };
  for (const seat of seats) {
    const a = attendance[seat.id];
    if (seat.canVote) c.voting++;
    if (!a) continue;
    c.present++;
    if (a.mode === 'remote') c.remote++;
    if (seat.canVote) c.presentVoting++;
    if (isWalkIn(seat)) c.presentWalkIns++;
    if (a.by) c.proxied++;
  }
  return c;
}

/** The counts after one seat's presence comes (+1) or goes (-1). */
function withPresence(c: RosterCounts, seat: Seat | undefined, p: Pick<Presence, 'mode' | 'by'>, sign: 1 | -1): RosterCounts {
  return {
    ...c,
    present: c.present + sign,
    remote: c.remote + (p.mode === 'remote' ? sign : 0),
    presentVoting: c.presentVoting + (seat?.canVote ? sign : 0),
    presentWalkIns: c.presentWalkIns + (seat && isWalkIn(seat) ? sign : 0),
    proxied: c.proxied + (p.by ? sign : 0),
  };
}

/**
 * Who is present: seats added (walk-ins), check-ins, a 代签到 undone with its reason. Two kinds of client
 * fold these events. One holds the whole list (the server, the console): it keeps the list and counts.
 * A phone holds its own seat only, and its events carry `roster`, the counts as the server had them when
 * it sent them (lib/meeting/procedure/attendance/project.ts): it takes those, and keeps its own presence.
 */
export const attendanceReducers: Reducers = {
  'seat.added': (s, e) => {
    if (e.data.roster) return { roster: e.data.roster };
    const { roster: _, ...seat } = e.data;
    return { seats: [...s.seats, seat], roster: { ...s.roster, seats: s.roster.seats + 1, voting: s.roster.voting + (seat.canVote ? 1 : 0) } };
  },
  'attendance.checkedIn': (s, e) => {
    const { seatId, mode, by, roster } = e.data;
    const presence: Presence = { mode, at: e.at, by: by ?? null };
    if (roster) return { roster, ...(s.seats.some((x) => x.id === seatId) ? { attendance: { ...s.attendance, [seatId]: presence } } : {}) };
    const seat = s.seats.find((x) => x.id === seatId);
    // A second check-in of a present seat (the commands make none) replaces its presence, as it always did.
    const before = s.attendance[seatId];
    return {
      attendance: { ...s.attendance, [seatId]: presence },
      roster: withPresence(before ? withPresence(s.roster, seat, before, -1) : s.roster, seat, presence, 1),
    };
  },
  'attendance.checkInUndone': (s, e) => {
    const { [e.data.seatId]: undone, ...attendance } = s.attendance;
    if (e.data.roster) return { roster: e.data.roster, ...(undone ? { attendance } : {}) };
    if (!undone) return {};
    return {
      attendance,
      roster: withPresence(s.roster, s.seats.find((x) => x.id === e.data.seatId), undone, -1),
      undoneCheckIns: [...s.undoneCheckIns, { seatId: e.data.seatId, by: undone.by ?? e.actor, reason: e.data.reason, at: e.at }],
    };
  },
};
