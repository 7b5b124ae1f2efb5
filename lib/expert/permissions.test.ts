import { describe, expect, it } from 'vitest';
import { meetingRoles } from '../meeting/permissions';
import { expertActions, mayExpert, type ExpertActor } from './permissions';
import { expertLinkPhase } from './links';

describe('who may do what with an expert consultation', () => {
  const expected: Record<ExpertActor, readonly string[]> = {
    facilitator: ['expert.manage', 'expert.read'],
    recorder: ['expert.read'],
    viewer: ['expert.read'],
    member: [], remote_member: [], observer: [], projector: [],
    expert: ['expert.opine'],
    public: [],
  };
  it('is the matrix, every actor by every action', () => {
    expect(Object.keys(expected).sort()).toEqual([...meetingRoles, 'expert', 'public'].sort());
    for (const [actor, allowed] of Object.entries(expected) as [ExpertActor, readonly string[]][]) {
      for (const action of expertActions) expect(mayExpert(actor, action), `${actor} ${action}`).toBe(allowed.includes(action));
    }
  });
});

describe('an expert’s personal link', () => {
  const now = new Date('2026-12-03T08:00:00Z');
  it('takes an opinion from acceptance until the conclusion, then reads, then expires 30 days after the close', () => {
    expect(expertLinkPhase(now, { accepted: false, concluded: false, status: 'announced', closedAt: null })).toBe('expired');
    expect(expertLinkPhase(now, { accepted: true, concluded: false, status: 'announced', closedAt: null })).toBe('opining');
    expect(expertLinkPhase(now, { accepted: true, concluded: false, status: 'live', closedAt: null })).toBe('opining');
    expect(expertLinkPhase(now, { accepted: true, concluded: true, status: 'live', closedAt: null })).toBe('readonly');
    expect(expertLinkPhase(now, { accepted: true, concluded: true, status: 'closed', closedAt: '2026-11-04T08:00:01Z' })).toBe('readonly');
    expect(expertLinkPhase(now, { accepted: true, concluded: true, status: 'closed', closedAt: '2026-11-03T08:00:00Z' })).toBe('expired');
    expect(expertLinkPhase(now, { accepted: true, concluded: false, status: 'cancelled', closedAt: null })).toBe('expired');
  });
});
