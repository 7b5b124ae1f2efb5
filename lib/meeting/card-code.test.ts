import { describe, expect, it } from 'vitest';
import { newShortCodes } from './card-code';
import { ShortCodeInput } from './join';
import { formatShortCode, isShortCode, normalizeShortCode, SHORT_CODE_LENGTH } from './short-code';

describe('card short codes', () => {
  it('are 6 characters without 0, O, 1, I or L, and all different', () => {
    const codes = newShortCodes(2000);
    expect(new Set(codes).size).toBe(2000);
    for (const c of codes) {
      expect(c).toHaveLength(SHORT_CODE_LENGTH);
      expect(c).not.toMatch(/[01OIL]/);
      expect(isShortCode(c)).toBe(true);
    }
  });

  it('avoid the codes already taken in the meeting', () => {
    const taken = newShortCodes(50);
    const more = newShortCodes(50, taken);
    expect(more.filter((c) => taken.includes(c))).toEqual([]);
  });

  it('read back what a person types: lower case, spaces and dashes as printed', () => {
    expect(normalizeShortCode(' k7m 4px ')).toBe('K7M4PX');
    expect(normalizeShortCode('K7M-4PX')).toBe('K7M4PX');
    expect(ShortCodeInput.parse('k7m·4px')).toBe('K7M4PX');
    expect(isShortCode(normalizeShortCode(formatShortCode('K7M4PX')))).toBe(true);
  });

  it('refuse look-alike characters and wrong lengths rather than guess', () => {
    expect(isShortCode('K7M4P0')).toBe(false); // zero
    expect(isShortCode('K7M4PO')).toBe(false); // letter O
    expect(isShortCode('K7M4P1')).toBe(false);
    expect(isShortCode('K7M4PI')).toBe(false);
    expect(isShortCode('K7M4P')).toBe(false);
    expect(isShortCode('K7M4PXX')).toBe(false);
  });

  it('print in two groups of three', () => {
    expect(formatShortCode('K7M4PX')).toBe('K7M 4PX');
  });
});
