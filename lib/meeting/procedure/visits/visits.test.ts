import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { httpOnlyCommands } from '../../commands';
import { member, MeetingSession } from '../../../../tests/factories/meeting';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const round = () => new MeetingSession({ form: 'visit', status: 'announced', agenda: [], seats: 0, checkedIn: 0 });

describe('visits procedure', () => {
  it('starts without agenda or check-in: started with the question, live — the status mirrored in the same commit', () => {
    const m = round();
    const d = m.decide('visits.start', { question: '是否同意加装电梯？' });
    expect(d.events.map((e) => e.type)).toEqual(['visits.started', 'meeting.statusChanged']);
    expect(d.effects).toEqual([{ kind: 'visitsStatus', status: 'open' }, { kind: 'status', status: 'live' }]);
    m.run('visits.start', { question: '是否同意加装电梯？' });
    expect(m.state).toMatchObject({ status: 'live', visits: { phase: 'open', question: '是否同意加装电梯？' } });
    expect(codeOf(() => m.decide('visits.start', { question: '再来' }))).toBe('INVALID_STATE');
  });

  it('closes by its conclusion after finishing; never by meeting.close once started', () => {
    const m = round();
    m.run('visits.start', { question: '是否同意加装电梯？' });
    expect(codeOf(() => m.decide('meeting.close', {}))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('visits.conclude', { conclusion: '多数同意' }))).toBe('INVALID_STATE');
    m.run('visits.finish', {});
    expect(codeOf(() => m.decide('visits.finish', {}))).toBe('INVALID_STATE');
    expect(() => m.decide('visits.conclude', { conclusion: '  ' })).toThrow(/too_small|at least/);
    m.run('visits.conclude', { conclusion: '多数住户同意，一楼住户有条件同意。' });
    expect(m.state).toMatchObject({ status: 'closed', visits: { phase: 'finished', conclusion: { text: '多数住户同意，一楼住户有条件同意。' } } });
  });

  it('is the meeting staff’s, of a visit meeting only, and never sent over a socket', () => {
    expect(codeOf(() => round().decide('visits.start', { question: '问' }, member(1)))).toBe('FORBIDDEN');
    expect(codeOf(() => new MeetingSession({ status: 'announced' }).decide('visits.start', { question: '问' }))).toBe('INVALID_STATE');
    expect([...httpOnlyCommands].filter((c) => c.startsWith('visits.')).sort()).toEqual(['visits.conclude', 'visits.finish', 'visits.start']);
  });
});
