import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import { AttendanceMode } from '../../model';
import type { MeetingState } from '../../state';
import { WALK_IN_KIND } from '../../walk-ins';
import { command, one, requireNotClosed, type Decision } from '../command';

/** What the facilitator enters for a walk-in: the phone is optional, mainland mobile, and staff-only (never in an event). */
export const WalkInInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  building: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits').optional(),
});
export type WalkInInput = z.infer<typeof WalkInInput>;

/** Checking in twice is a no-op, not an error. `by`: who vouched for a member's presence (代签到). */
function checkIn(s: MeetingState, seatId: string | null, mode: 'hall' | 'remote' | null, by: string | null): Decision {
  requireNotClosed(s);
  if (!seatId || !mode || !s.seats.some((seat) => seat.id === seatId)) throw new AppError('NOT_FOUND', 'No such member in this meeting');
  if (s.attendance[seatId]) return { events: [], effects: [] };
  // 代签到 names who vouched for the member's presence, for the console, the projector and the record.
  const data = by !== null ? { seatId, mode, by } : { seatId, mode };
  return one({ type: 'attendance.checkedIn', data }, { kind: 'attendance', seatId, mode });
}

/** Who is present: members checking in (or checked in by staff), walk-ins admitted, a 代签到 undone. */
export const attendanceCommands = {
  'attendance.checkIn': command({
    schema: z.strictObject({ seatId: z.string(), mode: AttendanceMode.default('hall') }),
    action: 'meeting.manage',
    decide: (s, i, actor) => checkIn(s, i.seatId, i.mode, actor.label),
  }),
  'attendance.checkInSelf': command({
    schema: z.strictObject({}),
    action: 'attendance.checkInSelf',
    decide: (s, _i, actor) => checkIn(s, actor.seatId, actor.mode, null),
  }),
  /** a walk-in stakeholder (not on the roster) admitted and checked in by the facilitator; see walk-ins.ts */
  'attendance.admitWalkIn': command({
    schema: WalkInInput,
    action: 'meeting.manage',
    decide(s, i, actor) {
      requireNotClosed(s);
      if (!s.walkIns.allowed) throw new AppError('WALK_INS_NOT_ALLOWED', 'This form of meeting is for its roster only', { form: s.form });
      const seatId = newId();
      // The event carries what every screen shows of a seat (its name); building and phone stay in the
      // seat's row. Admitted in the hall, so checked in at once, vouched for by the facilitator.
      return {
        events: [
          { type: 'seat.added', data: { id: seatId, name: i.name, kind: WALK_IN_KIND, canVote: false } },
          { type: 'attendance.checkedIn', data: { seatId, mode: 'hall', by: actor.label } },
        ],
        effects: [
          { kind: 'walkInSeat', seatId, name: i.name, building: i.building, phone: i.phone ?? null },
          { kind: 'attendance', seatId, mode: 'hall' },
        ],
        seatId,
      };
    },
  }),
  /** withdraw a 代签到 (staff check-in on a member's behalf) before the first poll opens; the reason is logged */
  'attendance.undoCheckIn': command({
    schema: z.strictObject({ seatId: z.string(), reason: z.string().trim().min(2).max(500) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const presence = s.attendance[i.seatId];
      if (!presence) throw new AppError('NOT_FOUND', 'This member is not checked in', { seatId: i.seatId });
      // A member's own check-in is theirs; staff may only withdraw what staff vouched for.
      if (!presence.by) throw new AppError('INVALID_STATE', 'Only a check-in made on the member\'s behalf can be undone');
      // Once a poll has opened, presence has counted towards quorum and ballots: it stays as it was.
      if (s.polls.some((p) => p.status !== 'draft')) throw new AppError('INVALID_STATE', 'A poll has already been opened');
      return one({ type: 'attendance.checkInUndone', data: { seatId: i.seatId, reason: i.reason } }, { kind: 'attendanceUndone', seatId: i.seatId });
    },
  }),
};
