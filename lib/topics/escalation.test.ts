import { describe, expect, it } from 'vitest';
import { EscalateInput, escalationTarget } from './escalation';

describe('escalation (逐级上报)', () => {
  it('goes one level up from an accepted topic: compound → grid → community → street', () => {
    expect(escalationTarget('accepted', 'compound')).toBe('grid');
    expect(escalationTarget('accepted', 'grid')).toBe('community');
    expect(escalationTarget('accepted', 'community')).toBe('street');
  });

  it('is not open to a topic awaiting review, merged, referred or rejected, nor one without a level', () => {
    for (const status of ['submitted', 'merged', 'referred', 'rejected']) expect(escalationTarget(status, 'compound')).toBeNull();
    expect(escalationTarget('accepted', null)).toBeNull();
    expect(escalationTarget('accepted', 'street')).toBeNull();
  });

  it('needs a reason, stripped of markup', () => {
    expect(EscalateInput.safeParse({ reason: '<b> </b>' }).success).toBe(false);
    expect(EscalateInput.parse({ reason: '<i>需网格协调</i>' })).toEqual({ reason: '需网格协调' });
    expect(EscalateInput.safeParse({ reason: '需网格协调', extra: 1 }).success).toBe(false);
  });
});
