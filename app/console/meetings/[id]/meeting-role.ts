import { notFound } from 'next/navigation';
import type { StaffIdentity } from '@/lib/auth/staff-session';
import type { MeetingRole } from '@/lib/meeting/permissions';
import { staffRoleIn } from '@/lib/meeting/queries';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';

/** The staff member's role in this meeting; a meeting they cannot see is simply not found. */
export async function roleInMeetingOr404(staff: StaffIdentity, meetingId: string): Promise<MeetingRole> {
  try {
    return await staffRoleIn(sharedDb(), staff, meetingId);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound();
    throw e;
  }
}
