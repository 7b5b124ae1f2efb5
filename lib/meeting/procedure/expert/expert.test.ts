import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { httpOnlyCommands } from '../../commands';
import { applyEvent } from '../../state';
import { member, MeetingSession, stamp } from '../../../../tests/factories/meeting';
import { expertRecord, expertRecordShape } from './record';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** An expert meeting (draft) with two invited experts (seats of kind 专家) and one resident seat. */
const expertMeeting = (status: 'draft' | 'announced' = 'draft') => {
  const m = new MeetingSession({ form: 'expert', status, agenda: ['咨询事项'], seats: 1, checkedIn: 0 });
  for (const e of stamp([
    { type: 'seat.added', data: { id: 'x-1', name: '王工', kind: 'expert', canVote: false } },
    { type: 'seat.added', data: { id: 'x-2', name: '李律师', kind: 'expert', canVote: false } },
  ], m.state.seq)) m.state = applyEvent(m.state, e);
  return m;
};
const expertActor = (seatId: string) => ({ role: 'member' as const, label: seatId, seatId, mode: null });
const ask = { question: '加装电梯的结构安全如何评估？', asker: { kind: 'unit' as const, name: '3号楼业主代表', topicId: null } };
const accepted = (status: 'draft' | 'announced' = 'announced') => {
  const m = expertMeeting(status);
  m.run('expert.ask', ask);
  m.run('expert.accept', { accept: true });
  return m;
};
const commit = () => 'c'.repeat(64);

describe('expert consultation procedure (专家咨询)', () => {
  it('asks once, before the meeting, with the asker; a topic asks with its id and nobody else has one', () => {
    const m = expertMeeting();
    expect(codeOf(() => m.decide('expert.ask', { ...ask, asker: { kind: 'topic', name: '议题', topicId: null } }))).toBe('BAD_REQUEST');
    expect(codeOf(() => m.decide('expert.ask', { ...ask, asker: { kind: 'unit', name: '物业', topicId: 't-1' } }))).toBe('BAD_REQUEST');
    m.run('expert.ask', ask);
    expect(m.state.expert).toMatchObject({ question: ask.question, asker: { kind: 'unit', name: '3号楼业主代表' }, acceptance: null });
    expect(codeOf(() => m.decide('expert.ask', ask))).toBe('INVALID_STATE');
    const council = new MeetingSession({ status: 'announced' });
    expect(codeOf(() => council.decide('expert.ask', ask))).toBe('INVALID_STATE');
  });

  it('accepts once; declining needs a reason and cancels the meeting', () => {
    const m = expertMeeting('announced');
    expect(codeOf(() => m.decide('expert.accept', { accept: true }))).toBe('INVALID_STATE'); // nothing asked
    m.run('expert.ask', ask);
    expect(codeOf(() => m.decide('expert.accept', { accept: false }))).toBe('BAD_REQUEST');
    m.run('expert.accept', { accept: false, reason: '不属于专家咨询范围，转交街道' });
    expect(m.state).toMatchObject({ status: 'cancelled', expert: { acceptance: { accepted: false, reason: '不属于专家咨询范围，转交街道' } } });
    expect(codeOf(() => m.decide('expert.accept', { accept: true }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('expert.opinion', { seatId: 'x-1', title: '意见', text: '可行' }, expertActor('x-1')))).toBe('INVALID_STATE');
  });

  it('takes an invited expert’s own opinion only after acceptance; the latest replaces theirs', () => {
    const m = expertMeeting();
    m.run('expert.ask', ask);
    expect(codeOf(() => m.decide('expert.opinion', { seatId: 'x-1', title: '意见', text: '可行' }, expertActor('x-1')))).toBe('INVALID_STATE');
    m.run('expert.accept', { accept: true });
    expect(codeOf(() => m.decide('expert.opinion', { seatId: 'x-2', title: '意见', text: '可行' }, expertActor('x-1')))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('expert.opinion', { seatId: 'seat-1', title: '意见', text: '可行' }))).toBe('NOT_FOUND'); // a resident's seat is no expert
    m.run('expert.opinion', { seatId: 'x-1', title: '结构意见', text: '需做结构检测' }, expertActor('x-1'));
    m.run('expert.opinion', { seatId: 'x-1', title: '结构意见（修订）', text: '需做结构检测并加固' }, expertActor('x-1'));
    m.run('expert.opinion', { seatId: 'x-2', title: '法律意见', text: '需三分之二业主同意' }); // staff enter one handed in on paper
    expect(m.state.expert?.opinions).toMatchObject([
      { seatId: 'x-1', expertName: '王工', title: '结构意见（修订）', revisions: 2 },
      { seatId: 'x-2', expertName: '李律师', revisions: 1 },
    ]);
  });

  it('concludes only after the notice, from opinions when there is no sitting; no opinion after the conclusion', () => {
    const d = accepted('draft');
    d.run('expert.opinion', { seatId: 'x-1', title: '意见', text: '可行' }, expertActor('x-1'));
    expect(codeOf(() => d.decide('expert.conclude', { conclusion: '可行' }))).toBe('INVALID_STATE'); // no notice yet
    const m = accepted('announced');
    expect(codeOf(() => m.decide('expert.conclude', { conclusion: '可行' }))).toBe('INVALID_STATE'); // no opinion, no sitting
    m.run('expert.opinion', { seatId: 'x-1', title: '意见', text: '可行' }, expertActor('x-1'));
    m.run('expert.conclude', { conclusion: '结构可行，需先检测' });
    expect(codeOf(() => m.decide('expert.conclude', { conclusion: '再来' }))).toBe('INVALID_STATE');
    // concluded without a sitting: it does not sit afterwards
    expect(codeOf(() => m.decide('meeting.start', { overrideReason: '补开会议' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('expert.opinion', { seatId: 'x-2', title: '迟到的意见', text: '…' }, expertActor('x-2')))).toBe('INVALID_STATE');
  });

  it('feeds back only a conclusion, once; without a sitting the feedback closes the meeting', () => {
    const m = accepted();
    expect(codeOf(() => m.decide('expert.feedback', { channel: 'direct' }))).toBe('INVALID_STATE'); // no conclusion
    m.run('expert.opinion', { seatId: 'x-1', title: '意见', text: '可行' }, expertActor('x-1'));
    m.run('expert.conclude', { conclusion: '可行' });
    expect(codeOf(() => m.decide('expert.feedback', { channel: 'topic' }))).toBe('BAD_REQUEST'); // a unit asked, not a topic
    const d = m.decide('expert.feedback', { channel: 'direct', note: '已书面函复' });
    expect(d.events.map((e) => e.type)).toEqual(['expert.fedBack', 'meeting.statusChanged']);
    m.run('expert.feedback', { channel: 'direct', note: '已书面函复' });
    expect(m.state).toMatchObject({ status: 'closed', startedAt: null, expert: { feedback: { channel: 'direct', note: '已书面函复' } } });
    expect(codeOf(() => m.decide('expert.feedback', { channel: 'direct' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('expert.opinion', { seatId: 'x-2', title: '意见', text: '…' }, expertActor('x-2')))).toBe('INVALID_STATE');
  });

  it('with a sitting: concludes live, the sitting closes by meeting.close only after the feedback', () => {
    const m = accepted();
    m.run('meeting.start', { overrideReason: '专家已到齐' });
    expect(m.state.status).toBe('live');
    m.run('expert.conclude', { conclusion: '会上一致认为可行' }); // no written opinion needed after a sitting
    expect(codeOf(() => m.decide('meeting.close', {}))).toBe('INVALID_STATE');
    const fed = m.run('expert.feedback', { channel: 'direct' });
    expect(fed.map((e) => e.type)).toEqual(['expert.fedBack']);
    expect(m.state.status).toBe('live');
    expect(codeOf(() => m.decide('meeting.close', { decisions: [{ kind: 'item', id: 'item-1', action: 'drop', reason: '已在咨询中讨论' }] }))).toBe('NO_ERROR');
  });

  it('is the meeting staff’s (an expert only gives their own opinion), never over a socket', () => {
    const m = expertMeeting();
    expect(codeOf(() => m.decide('expert.ask', ask, member(1)))).toBe('FORBIDDEN');
    m.run('expert.ask', ask);
    expect(codeOf(() => m.decide('expert.accept', { accept: true }, expertActor('x-1')))).toBe('FORBIDDEN');
    expect([...httpOnlyCommands].filter((c) => c.startsWith('expert.')).sort()).toEqual(['expert.accept', 'expert.ask', 'expert.conclude', 'expert.feedback', 'expert.opinion']);
  });

  it('its record section: the question, asker, each invited expert with their final opinion, no sitting, conclusion, feedback', () => {
    const m = accepted();
    m.run('expert.opinion', { seatId: 'x-1', title: '结构意见', text: '需检测' }, expertActor('x-1'));
    expect(expertRecord.section(m.state, { commit, sessionNotes: {} })).toEqual({});
    m.run('expert.conclude', { conclusion: '可行' });
    m.run('expert.feedback', { channel: 'direct', note: '函复' });
    const { expert } = expertRecord.section(m.state, { commit, sessionNotes: {} });
    expect(expert).toMatchObject({
      question: ask.question, asker: { kind: 'unit', name: '3号楼业主代表', topicId: null }, acceptance: { accepted: true }, sat: false,
      experts: [{ seatId: 'x-1', name: '王工', opinion: { title: '结构意见', text: '需检测', revisions: 1 } }, { seatId: 'x-2', name: '李律师', opinion: null }],
      conclusion: { text: '可行' }, feedback: { channel: 'direct', note: '函复' },
    });
    expect(expertRecordShape.expert.parse(expert)).toEqual(expert);
    expect(expertRecord.seatRefs({ expert })).toEqual(['x-1', 'x-2']);
  });
});

describe('expert opinions in the minutes', () => {
  it('are a fact at the top once accepted and an opinion came in, each signed, rendered in Chinese', async () => {
    const { expectedFacts } = await import('../../../minutes/expected-facts');
    const { factLines } = await import('../../../minutes/facts');
    const m = accepted();
    expect(expectedFacts(m.state, []).some((p) => p.fact.kind === 'expertOpinions')).toBe(false);
    m.run('expert.opinion', { seatId: 'x-1', title: '结构意见', text: '需检测' }, expertActor('x-1'));
    const placed = expectedFacts(m.state, []).find((p) => p.fact.kind === 'expertOpinions')!;
    expect(placed.section).toBe('top');
    expect(factLines(placed.fact)).toEqual({ title: '专家书面意见', lines: [`咨询事项：${ask.question}（提出方：3号楼业主代表）`, '1. 王工：《结构意见》需检测'] });
  });
});
