import { describe, expect, it } from 'vitest';
import { maskPhone, PhoneNumber } from './phone-identity';

describe('PhoneNumber', () => {
  it('reads a mainland mobile number however it is written', () => {
    for (const written of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '8613812345678', '0086 13812345678', '(+86)13812345678']) {
      expect(PhoneNumber.parse(written)).toBe('13812345678');
    }
  });

  it('refuses what is not one: a landline, too short or long, letters, a number starting 12', () => {
    for (const bad of ['02812345678', '1381234567', '138123456789', '1381234567a', '12812345678', '+1 415 555 0100', '']) {
      expect(PhoneNumber.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('is masked as 138****5678 for staff', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
