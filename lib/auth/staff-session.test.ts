import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../platform/db/client';

// The password check is watched, not timed: a test must not depend on wall-clock time.
const verified = vi.hoisted(() => [] as string[]);
vi.mock('./password', async (importOriginal) => {
  const real = await importOriginal<typeof import('./password')>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string) => {
      verified.push(stored);
      return real.verifyPassword(password, stored);
    },
  };
});
const { hashPassword } = await import('./password');
const { logIn } = await import('./staff-session');

function dbWith(user: { username: string; passwordHash: string } | null): Db {
  const row = user && { id: 'u1', displayName: 'x', role: 'facilitator', districtId: 'd', streetId: null, communityId: null, ...user };
  return {
    staffUser: { findUnique: async ({ where }: { where: { username: string } }) => (row && row.username === where.username ? row : null) },
    staffSession: { create: async () => ({}) },
  } as unknown as Db;
}

describe('logIn', () => {
  beforeEach(() => void verified.splice(0));

  it('runs the same scrypt check for an unknown username as for a known one', async () => {
    const known = await hashPassword('right');
    const db = dbWith({ username: 'known', passwordHash: known });
    await expect(logIn(db, 'known', 'wrong')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(logIn(db, 'nobody', 'wrong')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(verified).toHaveLength(2);
    // Same scheme and cost parameters (scrypt$N$r$p), so the same work.
    const params = (h: string) => h.split('$').slice(0, 4).join('$');
    expect(verified[0]).toBe(known);
    expect(params(verified[1]!)).toBe(params(known));
  });

  it('opens a session for the right password', async () => {
    const db = dbWith({ username: 'known', passwordHash: await hashPassword('right') });
    await expect(logIn(db, 'known', 'right')).resolves.toMatchObject({ user: { username: 'known' } });
  });
});
