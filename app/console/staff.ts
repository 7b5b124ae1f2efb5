import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { STAFF_COOKIE, staffFromSession, type StaffIdentity } from '@/lib/auth/staff-session';
import { sharedDb } from '@/lib/platform/db/shared';

/** The logged-in staff member, or null. Cached per request so the layout and the page share one lookup. */
export const currentStaff = cache(async (): Promise<StaffIdentity | null> => {
  const token = (await cookies()).get(STAFF_COOKIE)?.value;
  return staffFromSession(sharedDb(), token);
});

/** Every console page starts here: without a valid session the reader goes to the login page. */
export async function requireStaff(): Promise<StaffIdentity> {
  const staff = await currentStaff();
  if (!staff) redirect('/login');
  return staff;
}
