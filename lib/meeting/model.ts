import { z } from 'zod';

// The words themselves are in ./vocabulary (no zod: phone pages use them); here, their schemas.
import { attendanceModes, meetingForms, meetingLevels, meetingStatuses, meetingTypes, stances } from './vocabulary';

export { attendanceModes, meetingForms, meetingLevels, meetingStatuses, meetingTypes, stances } from './vocabulary';

export const MeetingLevel = z.enum(meetingLevels);
export const MeetingType = z.enum(meetingTypes);
export const MeetingForm = z.enum(meetingForms);
export const MeetingStatus = z.enum(meetingStatuses);
export type MeetingLevel = z.infer<typeof MeetingLevel>;
export type MeetingType = z.infer<typeof MeetingType>;
export type MeetingForm = z.infer<typeof MeetingForm>;
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const AttendanceMode = z.enum(attendanceModes);
export type AttendanceMode = z.infer<typeof AttendanceMode>;

export const Stance = z.enum(stances);
export type Stance = z.infer<typeof Stance>;

const allowedStatusMoves: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['announced', 'live', 'cancelled'],
  announced: ['live', 'draft', 'cancelled'],
  live: ['closed'],
  closed: [],
  cancelled: [],
};

export function canMoveStatus(from: MeetingStatus, to: MeetingStatus): boolean {
  return allowedStatusMoves[from].includes(to);
}
