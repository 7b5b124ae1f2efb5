import type { Reducers } from '../reduce';

/** Who is present: seats added (walk-ins), check-ins, a 代签到 undone with its reason. */
export const attendanceReducers: Reducers = {
  'seat.added': (s, e) => ({ seats: [...s.seats, e.data] }),
  'attendance.checkedIn': (s, e) => ({ attendance: { ...s.attendance, [e.data.seatId]: { mode: e.data.mode, at: e.at, by: e.data.by ?? null } } }),
  'attendance.checkInUndone': (s, e) => {
    const { [e.data.seatId]: undone, ...attendance } = s.attendance;
    if (!undone) return {};
    return { attendance, undoneCheckIns: [...s.undoneCheckIns, { seatId: e.data.seatId, by: undone.by ?? e.actor, reason: e.data.reason, at: e.at }] };
  },
};
