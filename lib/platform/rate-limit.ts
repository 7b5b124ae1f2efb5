import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './errors';

function rateLimited(res: RateLimiterRes): AppError {
  return new AppError('RATE_LIMITED', 'Too many failed attempts; try again later', { retryAfterSec: Math.ceil(res.msBeforeNext / 1000) });
}

/**
 * Failed attempts are what we count, not attempts: a whole hall of phones shares one Wi-Fi address,
 * and 25 residents joining at once must not lock each other out, while guessing codes must stop fast.
 */
export class FailureLimiter {
  private limiter: RateLimiterMemory;
  constructor(points: number, durationSec: number) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSec });
  }

  async check(key: string): Promise<void> {
    const res = await this.limiter.get(key);
    if (res && res.remainingPoints <= 0) throw rateLimited(res);
  }

  async fail(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
    }
  }
}

/**
 * Every attempt is counted before it is evaluated, and a success gives its point back. For checks
 * that are slow (a password's scrypt): counting failures afterwards lets any number of parallel
 * guesses in before the first failure is recorded. The in-memory store counts synchronously inside
 * `consume`, so of N parallel attempts exactly `points` get through.
 */
export class AttemptLimiter {
  private limiter: RateLimiterMemory;
  constructor(points: number, durationSec: number) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSec });
  }

  /** Spends one attempt; RATE_LIMITED when none is left. */
  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw rateLimited(e);
      throw e;
    }
  }

  /** Returns the point a successful attempt took. */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }

  /** Forgets every attempt of this key. */
  async clear(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

/**
 * A token bucket for one connection's messages: at most `burst` at once, refilled at `perSecond`.
 * Synchronous, so a connection's messages are still handled in the order they came and a refusal costs
 * no promise (rate-limiter-flexible answers with one: right for counting failures per address, too
 * slow for judging every message of a flood).
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limit: { burst: number; perSecond: number },
    private readonly now: () => number,
  ) {
    this.tokens = limit.burst;
    this.at = now();
  }

  private refill() {
    const t = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((t - this.at) / 1000) * this.limit.perSecond);
    this.at = t;
  }

  /** Takes `n` tokens if there are that many; false (and takes none) otherwise. */
  take(n: number): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** How long until `n` tokens are there again (0 if they are). */
  msUntil(n = 1): number {
    this.refill();
    return Math.max(0, Math.ceil(((n - this.tokens) / this.limit.perSecond) * 1000));
  }
}
