import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { hashToken, newToken } from '../platform/tokens';
import type { StaffRole, StaffScope } from '../meeting/permissions';
import { dummyPasswordHash, verifyPassword } from './password';

export const STAFF_COOKIE = 'yishi_session';
const SESSION_DAYS = 14;

export type StaffIdentity = { id: string; username: string; displayName: string; role: StaffRole; scope: StaffScope };

function toIdentity(u: { id: string; username: string; displayName: string; role: string; districtId: string; streetId: string | null; communityId: string | null }): StaffIdentity {
  return {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role as StaffRole,
    scope: { districtId: u.districtId, streetId: u.streetId, communityId: u.communityId },
  };
}

/** Checks the password and opens a session. The same error for an unknown user and a wrong password. */
export async function logIn(db: Db, username: string, password: string): Promise<{ token: string; expiresAt: Date; user: StaffIdentity }> {
  const user = await db.staffUser.findUnique({ where: { username } });
  // An unknown username costs the same scrypt work as a known one (see dummyPasswordHash).
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86400_000);
  await db.staffSession.create({ data: { id: hashToken(token), userId: user.id, expiresAt } });
  return { token, expiresAt, user: toIdentity(user) };
}

export async function staffFromSession(db: Db, token: string | undefined | null): Promise<StaffIdentity | null> {
  if (!token) return null;
  const session = await db.staffSession.findUnique({ where: { id: hashToken(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now()) return null;
  return toIdentity(session.user);
}

export async function logOut(db: Db, token: string | undefined | null): Promise<void> {
  if (token) await db.staffSession.deleteMany({ where: { id: hashToken(token) } });
}

/** Reads one cookie out of a raw Cookie header (the socket handshake has no parsed cookies). */
export function cookieFrom(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}
