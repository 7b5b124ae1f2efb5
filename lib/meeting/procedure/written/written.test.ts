import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { httpOnlyCommands } from '../../commands';
import { member, MeetingSession } from '../../../../tests/factories/meeting';
import { writtenRecord, writtenRecordShape } from './record';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const HASH = 'a'.repeat(64);
const written = () => {
  const m = new MeetingSession({ form: 'written', status: 'announced', agenda: [], seats: 0, checkedIn: 0 });
  m.now = new Date('2026-12-03T08:00:00Z');
  return m;
};
const send = { documentSha256: HASH, title: '征询函', deadline: '2026-12-06T08:00:00Z', addressees: 3 };

describe('written consultation procedure', () => {
  it('sends without agenda or check-in: the document hash, deadline and addressees in the log, live in the same commit', () => {
    const m = written();
    const d = m.decide('written.send', send);
    expect(d.events.map((e) => e.type)).toEqual(['written.sent', 'meeting.statusChanged']);
    expect(d.effects).toEqual([{ kind: 'writtenStatus', status: 'sent' }, { kind: 'status', status: 'live' }]);
    m.run('written.send', send);
    expect(m.state).toMatchObject({ status: 'live', written: { phase: 'sent', documentSha256: HASH, deadline: '2026-12-06T08:00:00.000Z', addressees: 3, conclusion: null } });
    expect(codeOf(() => m.decide('written.send', send))).toBe('INVALID_STATE');
  });

  it('refuses a deadline that is not in the future (by the server’s clock)', () => {
    const m = written();
    expect(codeOf(() => m.decide('written.send', { ...send, deadline: '2026-12-03T08:00:00Z' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('written.send', { ...send, deadline: '2026-12-03T08:00:01Z' }))).toBe('NO_ERROR');
  });

  it('closes with its conclusion only once sent; never by meeting.close once sent', () => {
    const m = written();
    expect(codeOf(() => m.decide('written.close', { conclusion: '同意' }))).toBe('INVALID_STATE');
    m.run('written.send', send);
    expect(codeOf(() => m.decide('meeting.close', {}))).toBe('INVALID_STATE');
    expect(() => m.decide('written.close', { conclusion: '  ' })).toThrow(/too_small|at least/);
    m.run('written.close', { conclusion: '多数同意，按修改意见调整后实施。' });
    expect(m.state).toMatchObject({ status: 'closed', written: { phase: 'closed', conclusion: '多数同意，按修改意见调整后实施。' } });
    expect(codeOf(() => m.decide('written.close', { conclusion: '再来' }))).toBe('INVALID_STATE');
  });

  it('is the meeting staff’s, of a written meeting only, and never sent over a socket', () => {
    expect(codeOf(() => written().decide('written.send', send, member(1)))).toBe('FORBIDDEN');
    const council = new MeetingSession({ status: 'announced' });
    expect(codeOf(() => council.decide('written.send', send))).toBe('INVALID_STATE');
    expect([...httpOnlyCommands].filter((c) => c.startsWith('written.')).sort()).toEqual(['written.close', 'written.send']);
  });

  it('its record section counts final answers; absent without a sent consultation', () => {
    const m = written();
    const commit = () => 'c'.repeat(64);
    const source = {
      document: { title: '征询函', text: '正文', attachment: null, sha256: HASH },
      addressees: [
        { name: '甲', unit: '', kind: 'person' as const, answer: 'agree' as const, text: '', attachment: null, answeredAt: '2026-12-04T00:00:00.000Z', revisions: 1 },
        { name: '物业', unit: '', kind: 'unit' as const, answer: 'amend' as const, text: '改', attachment: null, answeredAt: '2026-12-04T00:00:00.000Z', revisions: 2 },
        { name: '乙', unit: '供电所', kind: 'person' as const, answer: null, text: null, attachment: null, answeredAt: null, revisions: 0 },
      ],
    };
    expect(writtenRecord.section(m.state, { commit, sessionNotes: {}, written: source })).toEqual({});
    m.run('written.send', send);
    m.run('written.close', { conclusion: '结论' });
    const section = writtenRecord.section(m.state, { commit, sessionNotes: {}, written: source });
    expect(section.written).toMatchObject({ counts: { agree: 1, amend: 1, disagree: 0, none: 1 }, conclusion: '结论', deadline: '2026-12-06T08:00:00.000Z' });
    expect(writtenRecordShape.written.parse(section.written)).toEqual(section.written);
  });
});
