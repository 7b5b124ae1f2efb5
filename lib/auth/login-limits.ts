import { AttemptLimiter } from '../platform/rate-limit';

/**
 * How many password guesses one address gets. Per account (address + username) it stops guessing one
 * password; the cap per address across usernames stops one machine from spraying guesses over many
 * accounts (5 per account alone would allow 5 × every staff account). 20 leaves room for a street
 * office behind one NAT address where several people mistype. Successful logins give their points back.
 */
export const LOGIN_LIMITS = {
  perAccount: { points: 5, windowSec: 15 * 60 },
  perAddress: { points: 20, windowSec: 15 * 60 },
} as const;

export type LoginGuard = <T>(address: string, username: string, attempt: () => Promise<T>) => Promise<T>;

/**
 * Runs a login attempt under the limits. The attempt is counted before it runs (the password check
 * is slow, and parallel guesses must not all be evaluated); an attempt that throws keeps its points.
 */
export function createLoginGuard(limits: typeof LOGIN_LIMITS = LOGIN_LIMITS): LoginGuard {
  const perAccount = new AttemptLimiter(limits.perAccount.points, limits.perAccount.windowSec);
  const perAddress = new AttemptLimiter(limits.perAddress.points, limits.perAddress.windowSec);
  return async (address, username, attempt) => {
    const accountKey = `${address}|${username}`;
    // The account first: a guess already refused for its account does not spend the address's budget.
    await perAccount.take(accountKey);
    await perAddress.take(address);
    const result = await attempt();
    await perAccount.clear(accountKey);
    await perAddress.giveBack(address);
    return result;
  };
}
