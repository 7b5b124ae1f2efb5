import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { readDefinition } from '../../../questionnaire/definition';
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

const v1 = { title: '停车调查', sections: [{ id: 's', questions: [{ id: 'q1', kind: 'rating' as const, title: '停车秩序' }] }] };
const v2 = { ...v1, sections: [{ id: 's', questions: [...v1.sections[0]!.questions, { id: 'q2', kind: 'text' as const, title: '建议', required: false }] }] };

const questionnaire = () => new MeetingSession({ form: 'questionnaire', status: 'announced', agenda: [], seats: 0, checkedIn: 0 });

describe('questionnaire procedure', () => {
  it('opens without agenda or check-in: version 1, opened, live — with the version row and the status in the same commit', () => {
    const m = questionnaire();
    const d = m.decide('questionnaire.open', { definition: v1 });
    expect(d.events.map((e) => e.type)).toEqual(['questionnaire.versionPublished', 'questionnaire.opened', 'meeting.statusChanged']);
    const version = d.effects.find((e) => e.kind === 'questionnaireVersion');
    expect(version).toMatchObject({ version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readDefinition((version as { definition: string }).definition).sections[0]!.questions[0]!.id).toBe('q1');
    expect(d.effects.filter((e) => e.kind !== 'questionnaireVersion')).toEqual([{ kind: 'questionnaireStatus', status: 'open' }, { kind: 'status', status: 'live' }]);
    m.run('questionnaire.open', { definition: v1 });
    expect(m.state).toMatchObject({ status: 'live', questionnaire: { phase: 'open', versions: [{ version: 1 }] } });
    expect(codeOf(() => m.decide('questionnaire.open', { definition: v1 }))).toBe('INVALID_STATE');
  });

  it('an edit while open is the next version; an unchanged definition is none; no edits once closed', () => {
    const m = questionnaire();
    m.run('questionnaire.open', { definition: v1 });
    expect(codeOf(() => m.decide('questionnaire.revise', { definition: v1 }))).toBe('INVALID_STATE');
    const [e] = m.run('questionnaire.revise', { definition: v2 });
    expect(e).toMatchObject({ type: 'questionnaire.versionPublished', data: { version: 2 } });
    expect(m.state.questionnaire!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(m.state.questionnaire!.versions[0]!.sha256).not.toBe(m.state.questionnaire!.versions[1]!.sha256);
    m.run('questionnaire.close', {});
    expect(codeOf(() => m.decide('questionnaire.revise', { definition: v1 }))).toBe('INVALID_STATE');
  });

  it('closes by publishing the summary after the answers closed; never by meeting.close once opened', () => {
    const m = questionnaire();
    m.run('questionnaire.open', { definition: v1 });
    expect(codeOf(() => m.decide('meeting.close', {}))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('questionnaire.publish', { summary: '多数居民满意' }))).toBe('INVALID_STATE');
    m.run('questionnaire.close', {});
    expect(codeOf(() => m.decide('questionnaire.close', {}))).toBe('INVALID_STATE');
    expect(() => m.decide('questionnaire.publish', { summary: '   ' })).toThrow(/too_small|at least/);
    m.run('questionnaire.publish', { summary: '多数居民对停车秩序不满意，建议划线。' });
    expect(m.state).toMatchObject({ status: 'closed', questionnaire: { phase: 'closed', summary: { text: '多数居民对停车秩序不满意，建议划线。' } } });
  });

  it('is the meeting staff’s, of a questionnaire meeting only, and never sent over a socket', () => {
    const m = questionnaire();
    expect(codeOf(() => m.decide('questionnaire.open', { definition: v1 }, member(1)))).toBe('FORBIDDEN');
    const council = new MeetingSession({ status: 'announced' });
    expect(codeOf(() => council.decide('questionnaire.open', { definition: v1 }))).toBe('INVALID_STATE');
    expect([...httpOnlyCommands].filter((c) => c.startsWith('questionnaire.')).sort()).toEqual(['questionnaire.close', 'questionnaire.open', 'questionnaire.publish', 'questionnaire.revise']);
  });
});
