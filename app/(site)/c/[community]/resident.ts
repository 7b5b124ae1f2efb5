import { cookies } from 'next/headers';
import { sharedDb } from '@/lib/platform/db/shared';
import { RESIDENT_COOKIE, residentFromSession } from '@/lib/residents/phone-identity';

/** The resident the request's cookie stands for (a confirmed phone), as pages read it; null if none. */
export async function residentOfRequest() {
  return residentFromSession(sharedDb(), (await cookies()).get(RESIDENT_COOKIE)?.value);
}

/** What a client component may know of the resident: the masked number and when the session ends. */
export function residentView(r: Awaited<ReturnType<typeof residentOfRequest>>) {
  return r ? { phoneMasked: r.phoneMasked, expiresAt: r.expiresAt.toISOString() } : null;
}
