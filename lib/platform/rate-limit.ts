import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './errors';

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
    if (res && res.remainingPoints <= 0) {
      throw new AppError('RATE_LIMITED', 'Too many failed attempts; try again later', { retryAfterSec: Math.ceil(res.msBeforeNext / 1000) });
    }
  }

  async fail(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
    }
  }
}
