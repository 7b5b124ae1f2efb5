import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit';

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, () => now);
    expect([bucket.take(1), bucket.take(1), bucket.take(1), bucket.take(1)]).toEqual([true, true, true, false]);
    now = 500;
    expect([bucket.take(1), bucket.take(1)]).toEqual([true, false]);
    now = 60_000; // never more than the burst
    expect([bucket.take(3), bucket.take(1)]).toEqual([true, false]);
    expect(bucket.take(4)).toBe(false);
  });

  it('says how long until a token is back', () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 2, perSecond: 4 }, () => now);
    expect(bucket.msUntil()).toBe(0);
    bucket.take(2);
    expect(bucket.msUntil()).toBe(250);
    now = 100;
    expect(bucket.msUntil()).toBe(150);
  });
});
