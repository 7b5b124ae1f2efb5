import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { createLoginGuard, LOGIN_LIMITS } from './login-limits';

const wrongPassword = async () => {
  throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
};
const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' && r.reason instanceof AppError ? r.reason.code : r.status);

describe('login limits', () => {
  it('counts parallel guesses before evaluating them: only the first 5 are evaluated, the right password in guess 61 too is refused', async () => {
    const guard = createLoginGuard();
    let evaluated = 0;
    const guess = () => guard('10.0.0.1', 'facilitator', async () => {
      evaluated++;
      await new Promise((r) => setTimeout(r, 20)); // the slow password check
      throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
    });
    const results = await Promise.allSettled(Array.from({ length: 60 }, guess));
    expect(evaluated).toBe(LOGIN_LIMITS.perAccount.points);
    expect(results.filter((r) => codeOf(r) === 'RATE_LIMITED')).toHaveLength(60 - LOGIN_LIMITS.perAccount.points);
    await expect(guard('10.0.0.1', 'facilitator', async () => 'session')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('caps one address across usernames: 5 wrong passwords on each of 5 accounts do not all get through', async () => {
    const guard = createLoginGuard();
    const codes: string[] = [];
    for (let account = 0; account < 5; account++) {
      for (let i = 0; i < 5; i++) codes.push(codeOf((await Promise.allSettled([guard('10.0.0.2', `user-${account}`, wrongPassword)]))[0]!) as string);
    }
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(LOGIN_LIMITS.perAddress.points);
    expect(codes.slice(LOGIN_LIMITS.perAddress.points).every((c) => c === 'RATE_LIMITED')).toBe(true);
    // Another address is not affected.
    await expect(guard('10.0.0.3', 'user-0', async () => 'session')).resolves.toBe('session');
  });

  it('gives a success its points back, so staff who log in often are never limited', async () => {
    const guard = createLoginGuard();
    for (let i = 0; i < 4; i++) await expect(guard('10.0.0.4', 'recorder', wrongPassword)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await guard('10.0.0.4', 'recorder', async () => 'session');
    // The account's mistakes are forgiven after the right password; the address keeps only the failures.
    for (let i = 0; i < 4; i++) await expect(guard('10.0.0.4', 'recorder', wrongPassword)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    for (let i = 0; i < 50; i++) await guard('10.0.0.4', `staff-${i}`, async () => 'session');
  });
});
