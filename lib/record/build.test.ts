import { describe, expect, it } from 'vitest';
import { loadDefaultTemplates } from '../planning/templates';
import { buildRecord } from './build';
import { majorityPresets } from '../voting/outcome';
import { itemIdOf, MeetingSession, member } from '../../tests/factories/meeting';
import { recordSources } from '../../tests/factories/record';

/** A meeting closed with item 2 deferred, item 3 dropped, a passed motion (its decision derived) and a dropped poll. */
function closedWithDecisions() {
  const m = new MeetingSession({ seats: 5, checkedIn: 5, currentItem: 1, agenda: ['加装电梯', '停车管理', '楼道堆物'] });
  const motion = m.createPoll({ question: '是否同意3号楼加装电梯费用按楼层分摊方案？', kind: 'motion', rule: majorityPresets.simple_majority });
  m.run('poll.open', { pollId: motion });
  for (const n of [1, 2, 3]) m.run('poll.vote', { pollId: motion, choices: ['yes'], idempotencyKey: `key-motion-${n}` }, member(n));
  m.run('poll.close', { pollId: motion });
  const worded = m.createPoll({ question: '电梯维保单位选择', kind: 'motion', rule: majorityPresets.simple_majority, decision: '委托物业公开比选电梯维保单位' });
  m.run('poll.open', { pollId: worded });
  m.run('poll.vote', { pollId: worded, choices: ['yes'], idempotencyKey: 'key-worded-1' }, member(1));
  m.run('poll.close', { pollId: worded });
  const dropped = m.createPoll({ question: '是否同意停车收费标准？', kind: 'motion', rule: majorityPresets.simple_majority });
  m.run('poll.open', { pollId: dropped });
  m.run('meeting.close', {
    decisions: [
      { kind: 'item', id: itemIdOf(1), action: 'finish' },
      { kind: 'item', id: itemIdOf(2), action: 'defer' },
      { kind: 'item', id: itemIdOf(3), action: 'drop', reason: '已由物业处理' },
      { kind: 'poll', id: dropped, action: 'drop', reason: '收费标准待测算' },
    ],
  });
  return { state: m.state, motion, worded, dropped };
}

describe('buildRecord of a meeting closed with decisions', () => {
  it('shows each item as done, deferred or dropped with its reason — never in progress', () => {
    const { state } = closedWithDecisions();
    const { record } = buildRecord({ ...recordSources(), state, frozenAt: state.closedAt! });
    expect(record.agenda.map((a) => [a.title, a.status, a.closeReason])).toEqual([
      ['加装电梯', 'done', undefined],
      ['停车管理', 'deferred', undefined],
      ['楼道堆物', 'dropped', '已由物业处理'],
    ]);
  });

  it('records a passed motion as a decision sentence, entered or derived, and a dropped poll as uncounted', () => {
    const { state, motion, worded, dropped } = closedWithDecisions();
    const { record } = buildRecord({ ...recordSources(), state, frozenAt: state.closedAt! });
    expect(record.decisions.map((d) => [d.pollId, d.decision])).toEqual([
      [motion, '同意3号楼加装电梯费用按楼层分摊方案'],
      [worded, '委托物业公开比选电梯维保单位'],
    ]);
    expect(record.polls.find((p) => p.id === dropped)).toMatchObject({ outcome: null, dropReason: '收费标准待测算' });
  });
});

describe('buildRecord of a planned meeting', () => {
  it('carries the notices, the reason for an early start and the procedure checklist; an unplanned meeting carries none', () => {
    const m = new MeetingSession({ status: 'draft', checkedIn: 0, noticeLeadDays: 7, agenda: ['加装电梯'] });
    m.run('meeting.announce', { text: '定于3月8日举行听证会' });
    m.now = new Date('2025-03-02T02:00:00Z');
    m.run('meeting.start', { overrideReason: '汛期抢修，须立即决定' });
    m.run('meeting.close', { decisions: [{ kind: 'item', id: itemIdOf(1), action: 'defer' }] });
    const { record } = buildRecord({ ...recordSources(), state: m.state, frozenAt: m.state.closedAt! });
    expect(record.meeting.notices).toEqual([expect.objectContaining({ kind: 'notice', text: '定于3月8日举行听证会', by: '主持人' })]);
    expect(record.meeting.startedEarlyBecause).toBe('汛期抢修，须立即决定');
    // The factory's meeting is a council: 确定议题 (ticked by hand) → 发布公告 → 召开会议 …
    const done = Object.fromEntries(record.meeting.procedure!.map((p) => [p.step, p.doneAt !== null]));
    expect(done).toMatchObject({ set_topics: false, publish_notice: true, hold: true });
    expect(record.meeting.procedureEdition).toBe(loadDefaultTemplates().version); // planned before editions: the default's

    const { record: plain } = buildRecord({ ...recordSources(), state: closedWithDecisions().state, frozenAt: m.state.closedAt! });
    expect(Object.keys(plain.meeting)).not.toEqual(expect.arrayContaining(['notices']));
    expect(plain.meeting).not.toHaveProperty('procedure');
    expect(plain.meeting).not.toHaveProperty('procedureEdition');
  });

  it('carries the procedure the meeting was planned with, not the default of today', () => {
    const m = new MeetingSession({ status: 'draft', checkedIn: 0, agenda: ['加装电梯'] });
    // As if planned with an edition whose council procedure had two steps.
    m.state = { ...m.state, procedure: { version: 'd2', requiredCategories: [], steps: [
      { id: 'announce', name: { 'zh-CN': '张贴公告', en: 'Post the notice' }, doneWhen: 'announced' },
      { id: 'sit', name: { 'zh-CN': '开会', en: 'Sit' }, doneWhen: 'closed' },
    ] } };
    m.run('meeting.announce', { text: '公告' });
    m.now = new Date('2025-03-02T02:00:00Z');
    m.run('meeting.start', {});
    m.run('meeting.close', { decisions: [{ kind: 'item', id: itemIdOf(1), action: 'defer' }] });
    const { record } = buildRecord({ ...recordSources(), state: m.state, frozenAt: m.state.closedAt! });
    expect(record.meeting.procedure).toEqual([
      { step: 'announce', name: '张贴公告', doneAt: expect.any(String) },
      { step: 'sit', name: '开会', doneAt: expect.any(String) },
    ]);
    expect(record.meeting.procedureEdition).toBe('d2');
  });
});
