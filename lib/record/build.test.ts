import { describe, expect, it } from 'vitest';
import { loadDefaultTemplates } from '../planning/templates';
import { buildRecord } from './build';
import { majorityPresets } from '../voting/outcome';
import { itemIdOf, MeetingSession, member } from '../../tests/factories/meeting';
import { recordSources } from '../../tests/factories/record';
import { aggregate } from '../questionnaire/aggregate';
import type { Answers } from '../questionnaire/answers';
import { parseDefinition } from '../questionnaire/definition';
import { canonicalJson } from './canonical';
import { commitmentsOf } from './disclosure';
import { MeetingRecordV2 } from './format';

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

describe('buildRecord of the answered questions and an open space (issue 13)', () => {
  it('carries answered questions with the asker’s seat only when named, and nothing of a meeting without them', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 4, currentItem: 1 });
    const ask = (n: number, text: string, anonymous: boolean) => (m.run('question.ask', { text, anonymous }, member(n))[0]!.data as { id: string }).id;
    const named = ask(1, '电费怎么分摊？', false);
    const anon = ask(2, '谁来监督施工？', true);
    ask(3, '没人看到的问题', false);
    for (const id of [named, anon]) {
      m.run('question.approve', { id });
      m.run('question.answer', { id });
    }
    m.run('meeting.close', { decisions: [{ kind: 'item', id: itemIdOf(1), action: 'defer' }, { kind: 'item', id: itemIdOf(2), action: 'defer' }] });
    const { record } = buildRecord({ ...recordSources(), state: m.state, frozenAt: m.state.closedAt! });
    expect(record.questions).toEqual([
      expect.objectContaining({ id: named, text: '电费怎么分摊？', seatId: 'seat-1', itemId: itemIdOf(1) }),
      expect.objectContaining({ id: anon, text: '谁来监督施工？', itemId: itemIdOf(1) }),
    ]);
    expect(record.questions![1]).not.toHaveProperty('seatId');
    // (Every seat is in the roster and attendance: the anonymous asker must not be tied to the question.)
    expect(JSON.stringify(record.questions)).not.toContain('seat-2');
    expect(JSON.stringify(record)).not.toContain('没人看到的问题');
    expect(buildRecord({ ...recordSources(), state: closedWithDecisions().state, frozenAt: m.state.closedAt! }).record).not.toHaveProperty('questions');
  });

  it('carries an open space: grid, proposals with hosts as seats or committed names, counts and dots; not who went where or gave which dots', () => {
    const m = new MeetingSession({ form: 'open_space', seats: 5, checkedIn: 5, agenda: [] });
    m.run('openSpace.configure', { theme: '适老化改造', rooms: [{ id: 'r1', name: '活动室' }], slots: [{ id: 's1', label: '14:00' }] });
    const a = (m.run('openSpace.propose', { title: '扶手' }, member(1))[0]!.data as { id: string }).id;
    const b = (m.run('openSpace.proposeFor', { title: '路灯', hostName: '王阿姨' })[0]!.data as { id: string }).id;
    m.run('openSpace.place', { id: a, roomId: 'r1', slotId: 's1' });
    m.run('openSpace.phase', { phase: 'sessions' });
    m.run('openSpace.join', { slotId: 's1', sessionId: a }, member(4));
    m.run('openSpace.phase', { phase: 'prioritising' });
    m.run('openSpace.dots', { allocation: { [a]: 2, [b]: 1 } }, member(5));
    m.run('openSpace.confirm', { text: '先装扶手', sessionId: a });
    m.run('meeting.close', {});
    const notes = { [a]: '### 讨论要点\n\n3号楼王大爷说扶手太低' };
    const { record, disclosures } = buildRecord({ ...recordSources(), state: m.state, frozenAt: m.state.closedAt!, sessionNotes: notes });
    // The harvest is committed (it may name residents): its disclosure opens it, the record does not show it.
    expect(record.openSpace!.sessions[0]!.notesCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(record.openSpace!.sessions[1]).not.toHaveProperty('notesCommitment');
    expect(disclosures.some((d) => d[1] === notes[a])).toBe(true);
    expect(JSON.stringify(record)).not.toContain('王大爷');
    expect(record.openSpace).toMatchObject({
      theme: '适老化改造', dotsPerPerson: 3, rooms: [{ id: 'r1', name: '活动室' }],
      sessions: [
        { id: a, title: '扶手', hostSeatId: 'seat-1', roomId: 'r1', slotId: 's1', participants: 1, dots: 2 },
        { id: b, title: '路灯', roomId: null, participants: 0, dots: 1 },
      ],
      consensus: [{ text: '先装扶手', sessionId: a }],
    });
    const host = record.openSpace!.sessions[1]!.hostNameCommitment!;
    expect(disclosures.some((d) => d[1] === '王阿姨')).toBe(true);
    expect(host).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(record)).not.toContain('王阿姨');
    for (const seat of ['seat-4', 'seat-5']) expect(JSON.stringify(record.openSpace)).not.toContain(seat);
  });
});

describe('buildRecord of a hearing (issue 13)', () => {
  it('carries the admitted participants as seats or committed names, the transcript and the result; not the applications turned down', () => {
    const m = new MeetingSession({ form: 'hearing', seats: 5, checkedIn: 5 });
    m.run('hearing.configure', { proposer: '物业公司', turnSeconds: 180 });
    const apply = (n: number, stake: 'support' | 'oppose', summary: string) => (m.run('hearing.apply', { role: 'representative', stake, summary }, member(n))[0]!.data as { id: string }).id;
    const a = apply(1, 'support', '分档收费');
    const b = apply(2, 'oppose', '先公开账目');
    const c = apply(3, 'oppose', '不该进记录的意见');
    m.run('hearing.admit', { id: a });
    m.run('hearing.admit', { id: b });
    m.run('hearing.reject', { id: c, reason: '与本事项无关' });
    const staffRegistered = (m.run('hearing.register', { name: '王阿姨', role: 'statement', stake: 'other', summary: '' })[0]!.data as { id: string }).id;
    for (const stage of ['discipline', 'explanation', 'representatives'] as const) m.run('hearing.stage', { stage });
    m.run('hearing.turnStart', { registrationId: a, stage: 'representatives' });
    m.run('hearing.turnEnd', {});
    const turnId = m.state.hearing!.turns[0]!.id;
    m.run('hearing.correct', { turnId, text: '我说的是按车位大小' }, member(1));
    m.run('hearing.confirm', { turnId }, member(1));
    m.run('hearing.result', { decision: '暂缓调整', reasons: '账目先公开' });
    m.run('meeting.close', { decisions: [{ kind: 'item', id: itemIdOf(1), action: 'defer' }, { kind: 'item', id: itemIdOf(2), action: 'defer' }] });
    const { record, disclosures } = buildRecord({ ...recordSources(), state: m.state, frozenAt: m.state.closedAt! });
    expect(record.hearing!.participants).toEqual([
      { id: a, seatId: 'seat-1', role: 'representative', stake: 'support', summary: '分档收费' },
      { id: b, seatId: 'seat-2', role: 'representative', stake: 'oppose', summary: '先公开账目' },
      expect.objectContaining({ id: staffRegistered, role: 'statement', nameCommitment: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect(record.hearing!.turns).toEqual([expect.objectContaining({ participantId: a, role: 'representative', stake: 'support', corrections: [expect.objectContaining({ text: '我说的是按车位大小' })] })]);
    expect(record.hearing!.turns[0]!.confirmedAt).not.toBeNull();
    expect(record.hearing!.result).toMatchObject({ decision: '暂缓调整', reasons: '账目先公开' });
    expect(disclosures.some((d) => d[1] === '王阿姨')).toBe(true);
    const text = JSON.stringify(record);
    for (const hidden of ['王阿姨', '不该进记录的意见', '与本事项无关']) expect(text).not.toContain(hidden);
  });
});

describe('buildRecord of a questionnaire', () => {
  it('keeps versions, counts, results and the summary as built (nothing stripped), the text answers only as a commitment', () => {
    const definition = parseDefinition({ title: '问卷', sections: [{ id: 's', questions: [
      { id: 'q1', kind: 'single', title: '选一项', options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }] },
      { id: 'q2', kind: 'rating', title: '打分' },
      { id: 'q3', kind: 'ranking', title: '排序', options: [{ id: 'x', label: '一' }, { id: 'y', label: '二' }] },
      { id: 'q4', kind: 'text', title: '意见', required: false },
    ] }] });
    const m = new MeetingSession({ form: 'questionnaire', status: 'announced', agenda: [], seats: 0, checkedIn: 0 });
    m.run('questionnaire.open', { definition });
    m.run('questionnaire.close', {});
    m.run('questionnaire.publish', { summary: '多数人选甲' });
    const answers: Answers[] = [{ q1: 'a', q2: 5, q3: ['x', 'y'], q4: '张三家门口太暗' }, { q1: 'b', q2: 2, q3: ['y', 'x'] }];
    const results = aggregate([{ version: 1, definition }], answers.map((a) => ({ version: 1, answers: a })));
    const { record, disclosures } = buildRecord({
      ...recordSources(), state: m.state, frozenAt: m.state.closedAt!,
      questionnaire: {
        settings: { audience: { kind: 'community' }, anonymous: true, opensAt: null, closesAt: null },
        versions: [{ version: 1, sha256: m.state.questionnaire!.versions[0]!.sha256, definition, responses: 2 }], responses: 2, questions: results,
      },
    });
    const body = canonicalJson(record);
    expect(canonicalJson(MeetingRecordV2.parse(JSON.parse(body)))).toBe(body);
    expect(record.questionnaire).toMatchObject({
      anonymous: true, responses: 2, summary: { text: '多数人选甲' }, versions: [{ version: 1, responses: 2, definition: { title: '问卷' } }],
      results: [{ kind: 'single', options: [{ count: 1 }, { count: 1 }] }, { kind: 'rating', mean: 3.5 }, { kind: 'ranking' }, { kind: 'text', answered: 1 }],
    });
    expect(body).not.toContain('张三');
    const text = record.questionnaire!.results[3]!;
    expect(text.kind === 'text' && commitmentsOf(record).has(text.answersCommitment)).toBe(true);
    expect(disclosures.map((d) => d[1])).toContain(JSON.stringify(['张三家门口太暗']));
  });
});
