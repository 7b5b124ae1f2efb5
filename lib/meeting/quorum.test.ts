import { describe, expect, it } from 'vitest';
import { QuorumRule, quorumPresets, quorumStatus, requiredForQuorum } from './quorum';

const half = quorumPresets.more_than_half;
const twoThirds = quorumPresets.two_thirds;

describe('quorum: more than half (过半数)', () => {
  it.each([
    // members, required
    [25, 13],
    [24, 13],
    [3, 2],
    [2, 2],
    [1, 1],
  ])('%i members need %i present', (members, required) => {
    expect(requiredForQuorum(half, members)).toBe(required);
    expect(quorumStatus(half, required, members).met).toBe(true);
    expect(quorumStatus(half, required - 1, members).met).toBe(false);
  });

  it('25 members: 12 present is not quorum, 13 is', () => {
    expect(quorumStatus(half, 12, 25)).toEqual({ present: 12, members: 25, required: 13, met: false });
    expect(quorumStatus(half, 13, 25)).toEqual({ present: 13, members: 25, required: 13, met: true });
  });

  it('exactly half of an even roster is not more than half', () => {
    expect(quorumStatus(half, 12, 24).met).toBe(false);
    expect(quorumStatus(half, 13, 24).met).toBe(true);
  });
});

describe('quorum: two thirds (三分之二以上, at least)', () => {
  it('two thirds of 25 needs 17', () => {
    expect(requiredForQuorum(twoThirds, 25)).toBe(17);
    expect(quorumStatus(twoThirds, 16, 25).met).toBe(false);
    expect(quorumStatus(twoThirds, 17, 25).met).toBe(true);
  });

  it('exactly two thirds is enough', () => {
    expect(requiredForQuorum(twoThirds, 3)).toBe(2);
    expect(quorumStatus(twoThirds, 2, 3).met).toBe(true);
    expect(quorumStatus(twoThirds, 1, 3).met).toBe(false);
    expect(requiredForQuorum(twoThirds, 30)).toBe(20);
    expect(quorumStatus(twoThirds, 20, 30).met).toBe(true);
    expect(quorumStatus(twoThirds, 19, 30).met).toBe(false);
  });

  it('everyone present meets it', () => {
    expect(quorumStatus(twoThirds, 3, 3).met).toBe(true);
  });
});

describe('quorum: empty roster', () => {
  it.each([half, twoThirds, { numerator: 0, denominator: 1, comparison: 'at_least' } as const])('0 members never has quorum (%o)', (rule) => {
    const st = quorumStatus(rule, 0, 0);
    expect(st.met).toBe(false);
    expect(st.required).toBe(0);
  });
});

describe('quorum: custom fractions', () => {
  it('at least 3/5 of 10 is 6; more than 3/5 of 10 is 7', () => {
    expect(requiredForQuorum({ numerator: 3, denominator: 5, comparison: 'at_least' }, 10)).toBe(6);
    expect(requiredForQuorum({ numerator: 3, denominator: 5, comparison: 'more_than' }, 10)).toBe(7);
  });

  it('at least 3/4 of 7 rounds up to 6', () => {
    const rule = { numerator: 3, denominator: 4, comparison: 'at_least' } as const;
    expect(quorumStatus(rule, 5, 7).met).toBe(false);
    expect(quorumStatus(rule, 6, 7).met).toBe(true);
  });

  it('all members (1/1 at least) needs everyone; required never exceeds the roster', () => {
    const rule = { numerator: 1, denominator: 1, comparison: 'at_least' } as const;
    expect(quorumStatus(rule, 9, 10).met).toBe(false);
    expect(quorumStatus(rule, 10, 10).met).toBe(true);
    // "more than all" is impossible; it is capped at the whole roster.
    expect(quorumStatus({ numerator: 1, denominator: 1, comparison: 'more_than' }, 10, 10)).toMatchObject({ required: 10, met: true });
  });

  it('the schema refuses a fraction above one and a zero denominator', () => {
    expect(QuorumRule.safeParse({ numerator: 3, denominator: 2, comparison: 'at_least' }).success).toBe(false);
    expect(QuorumRule.safeParse({ numerator: 0, denominator: 0, comparison: 'at_least' }).success).toBe(false);
    expect(QuorumRule.safeParse({ numerator: 2, denominator: 3, comparison: 'at_least' }).success).toBe(true);
  });
});
