import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { httpOnlyCommands } from '../../commands';
import { member, MeetingSession } from '../../../../tests/factories/meeting';
import { evaluationRecord, evaluationRecordShape } from './record';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const HASH = 'b'.repeat(64);
const evaluation = () => new MeetingSession({ form: 'evaluation', status: 'announced', agenda: [], seats: 0, checkedIn: 0 });
const open = { planSha256: HASH, units: 2, evaluators: 5 };

describe('democratic evaluation procedure', () => {
  it('opens without agenda or check-in: the plan hash and counts in the log, live in the same commit', () => {
    const m = evaluation();
    const d = m.decide('evaluation.open', open);
    expect(d.events.map((e) => e.type)).toEqual(['evaluation.opened', 'meeting.statusChanged']);
    expect(d.effects).toEqual([{ kind: 'evaluationStatus', status: 'open' }, { kind: 'status', status: 'live' }]);
    m.run('evaluation.open', open);
    expect(m.state).toMatchObject({ status: 'live', evaluation: { phase: 'open', planSha256: HASH, units: 2, evaluators: 5, closedAt: null, published: null } });
    expect(codeOf(() => m.decide('evaluation.open', open))).toBe('INVALID_STATE');
  });

  it('closes, then publishes the result table, which closes the meeting; never by meeting.close once opened', () => {
    const m = evaluation();
    m.run('evaluation.open', open);
    expect(codeOf(() => m.decide('meeting.close', {}))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('evaluation.publish', { note: '' }))).toBe('INVALID_STATE');
    m.run('evaluation.close', {});
    expect(codeOf(() => m.decide('evaluation.close', {}))).toBe('INVALID_STATE');
    m.run('evaluation.publish', { note: '限期整改' });
    expect(m.state).toMatchObject({ status: 'closed', evaluation: { phase: 'closed', published: { note: '限期整改' } } });
    expect(codeOf(() => m.decide('evaluation.publish', { note: '' }))).toBe('INVALID_STATE');
  });

  it('is the meeting staff’s, of an evaluation meeting only, and never sent over a socket', () => {
    expect(codeOf(() => evaluation().decide('evaluation.open', open, member(1)))).toBe('FORBIDDEN');
    expect(codeOf(() => new MeetingSession({ status: 'announced' }).decide('evaluation.open', open))).toBe('INVALID_STATE');
    expect([...httpOnlyCommands].filter((c) => c.startsWith('evaluation.')).sort()).toEqual(['evaluation.close', 'evaluation.open', 'evaluation.publish']);
  });

  it('puts the units’ aggregates in the record, with no evaluator, and only once opened', () => {
    const m = evaluation();
    const source = {
      periodFrom: '2026-06-01', periodTo: '2026-11-30', evaluators: { invited: 5, answered: 4 },
      units: [{ name: '物业', commitments: [{ text: '充电桩', decision: null, status: null }], answers: 4,
        completion: { satisfied: 3, basically_satisfied: 1, dissatisfied: 0 }, performance: { satisfied: 2, basically_satisfied: 1, dissatisfied: 1 }, problems: ['车位'], reasons: [] }],
    };
    const ctx = { commit: () => { throw new Error('no commitments'); }, sessionNotes: {}, evaluation: source };
    expect(evaluationRecord.section(m.state, ctx as never)).toEqual({});
    m.run('evaluation.open', open);
    m.run('evaluation.close', {});
    m.run('evaluation.publish', { note: '整改' });
    const section = evaluationRecord.section(m.state, ctx as never);
    expect(evaluationRecordShape.evaluation.parse(section.evaluation)).toMatchObject({ planSha256: HASH, note: '整改', evaluators: { invited: 5, answered: 4 }, units: [{ name: '物业', answers: 4 }] });
    expect(Object.keys(section.evaluation!).sort()).toEqual(['closedAt', 'evaluators', 'note', 'openedAt', 'periodFrom', 'periodTo', 'planSha256', 'publishedAt', 'units']);
  });
});
