import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { meetingRoles, type MeetingRole } from '../../permissions';
import { projectEvent, projectSeat, projectState } from '../../projection';
import { foldEvents, type MeetingEvent } from '../../state';
import { facilitator, itemIdOf, MEETING_ID, MeetingSession, member, seatIdOf } from '../../../../tests/factories/meeting';
import { QA_LIMITS, rankQuestions } from './model';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

function ask(m: MeetingSession, n: number, text: string, anonymous = false): string {
  const [e] = m.run('question.ask', { text, anonymous }, member(n));
  if (e.type !== 'question.asked') throw new Error('expected question.asked');
  return e.data.id;
}

const live = () => new MeetingSession({ seats: 6, checkedIn: 5, currentItem: 1 });

describe('Q&A: asking and moderation', () => {
  it('a checked-in participant asks; the question waits for the facilitator and belongs to the current item', () => {
    const m = live();
    const id = ask(m, 1, '电梯的电费怎么分摊？');
    const q = m.state.questions.find((x) => x.id === id)!;
    expect(q).toMatchObject({ status: 'pending', itemId: itemIdOf(1), name: '居民1', seatId: seatIdOf(1), votes: 0 });
  });

  it('one who has not checked in, a staff member or an observer cannot ask', () => {
    const m = live();
    expect(codeOf(() => m.decide('question.ask', { text: '问题' }, member(6)))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('question.ask', { text: '问题' }, facilitator))).toBe('FORBIDDEN');
    expect(codeOf(() => m.decide('question.ask', { text: '问题' }, { ...member(1), role: 'observer' }))).toBe('FORBIDDEN');
  });

  it('text is required and limited in length; a meeting not in session takes no questions', () => {
    const m = live();
    expect(() => m.decide('question.ask', { text: '   ' }, member(1))).toThrow();
    expect(() => m.decide('question.ask', { text: '问'.repeat(QA_LIMITS.textMax + 1) }, member(1))).toThrow();
    expect(codeOf(() => new MeetingSession({ status: 'closed', seats: 3, checkedIn: 3 }).decide('question.ask', { text: '问题' }, member(1)))).toBe('INVALID_STATE');
  });

  it('a participant may have only so many questions waiting, and only so many in all', () => {
    const m = live();
    for (let i = 0; i < QA_LIMITS.pendingPerSeat; i++) ask(m, 1, `问题${i}`);
    expect(codeOf(() => m.decide('question.ask', { text: '再问一个' }, member(1)))).toBe('RATE_LIMITED');
    expect(codeOf(() => m.decide('question.ask', { text: '别人的问题' }, member(2)))).toBe('NO_ERROR');
    for (const q of m.state.questions) m.run('question.approve', { id: q.id });
    for (let i = QA_LIMITS.pendingPerSeat; i < QA_LIMITS.perSeat; i++) {
      const id = ask(m, 1, `问题${i}`);
      m.run('question.hide', { id });
    }
    expect(codeOf(() => m.decide('question.ask', { text: '最后一个' }, member(1)))).toBe('RATE_LIMITED');
  });

  it('the facilitator approves, hides and approves again (undo), pins one at a time, marks answered', () => {
    const m = live();
    const a = ask(m, 1, '问题甲');
    const b = ask(m, 2, '问题乙');
    expect(codeOf(() => m.decide('question.pin', { id: a, pinned: true }))).toBe('INVALID_STATE'); // not approved yet
    m.run('question.approve', { id: a });
    m.run('question.approve', { id: b });
    m.run('question.pin', { id: a, pinned: true });
    m.run('question.pin', { id: b, pinned: true });
    expect(m.state.questions.filter((q) => q.pinned).map((q) => q.id)).toEqual([b]);
    m.run('question.hide', { id: b });
    expect(m.state.questions.find((q) => q.id === b)).toMatchObject({ status: 'hidden', pinned: false });
    m.run('question.approve', { id: b });
    expect(m.state.questions.find((q) => q.id === b)?.status).toBe('approved');
    m.run('question.answer', { id: a });
    expect(m.state.questions.find((q) => q.id === a)).toMatchObject({ status: 'answered' });
    expect(codeOf(() => m.decide('question.hide', { id: a }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('question.approve', { id: 'nope' }))).toBe('NOT_FOUND');
  });

  it('a participant cannot moderate', () => {
    const m = live();
    const a = ask(m, 1, '问题甲');
    for (const name of ['question.approve', 'question.hide', 'question.answer', 'question.toAgenda', 'question.toSpeakers'] as const) {
      expect(codeOf(() => m.decide(name, { id: a }, member(2)))).toBe('FORBIDDEN');
    }
    expect(codeOf(() => m.decide('question.pin', { id: a, pinned: true }, member(1)))).toBe('FORBIDDEN');
  });
});

describe('Q&A: upvotes', () => {
  it('one upvote per participant, on approved questions only; the order follows the votes, a pinned question first', () => {
    const m = live();
    const a = ask(m, 1, '问题甲');
    const b = ask(m, 2, '问题乙');
    expect(codeOf(() => m.decide('question.upvote', { id: a }, member(3)))).toBe('INVALID_STATE'); // pending
    m.run('question.approve', { id: a });
    m.run('question.approve', { id: b });
    m.run('question.upvote', { id: b }, member(3));
    expect(codeOf(() => m.decide('question.upvote', { id: b }, member(3)))).toBe('CONFLICT');
    m.run('question.upvote', { id: b }, member(4));
    m.run('question.upvote', { id: a }, member(4));
    expect(rankQuestions(m.state.questions).map((q) => [q.id, q.votes])).toEqual([[b, 2], [a, 1]]);
    m.run('question.pin', { id: a, pinned: true });
    expect(rankQuestions(m.state.questions).map((q) => q.id)).toEqual([a, b]);
    expect(codeOf(() => m.decide('question.upvote', { id: b }, member(6)))).toBe('INVALID_STATE'); // not checked in
  });

  it('replaying the log gives the same votes and voters (running totals)', () => {
    const m = live();
    const a = ask(m, 1, '问题甲');
    m.run('question.approve', { id: a });
    m.run('question.upvote', { id: a }, member(2));
    m.run('question.upvote', { id: a }, member(3));
    const replayed = foldEvents(MEETING_ID, m.log);
    expect(replayed.questions).toEqual(m.state.questions);
    expect(replayed.questions[0]).toMatchObject({ votes: 2, voterSeatIds: [seatIdOf(2), seatIdOf(3)] });
  });
});

describe('Q&A: taken up elsewhere', () => {
  it('a question becomes an agenda item', () => {
    const m = live();
    const a = ask(m, 1, '小区停车收费标准');
    m.run('question.approve', { id: a });
    const events = m.run('question.toAgenda', { id: a });
    expect(events.map((e) => e.type)).toEqual(['agenda.added', 'question.movedToAgenda']);
    const item = m.state.agenda.at(-1)!;
    expect(item.title).toBe('小区停车收费标准');
    expect(m.state.questions[0]).toMatchObject({ status: 'answered', movedTo: { kind: 'agenda', itemId: item.id } });
  });

  it('the asker of a named question gets a turn on the speakers list; an anonymous one has nobody to give it to', () => {
    const m = live();
    const a = ask(m, 1, '能否详细说明？');
    const b = ask(m, 2, '匿名的问题', true);
    m.run('question.approve', { id: a });
    m.run('question.approve', { id: b });
    expect(codeOf(() => m.decide('question.toSpeakers', { id: b }))).toBe('INVALID_STATE');
    m.run('question.toSpeakers', { id: a });
    expect(m.state.speakers.at(-1)).toMatchObject({ seatId: seatIdOf(1), status: 'queued', itemId: itemIdOf(1) });
    expect(m.state.questions[0]).toMatchObject({ status: 'answered', movedTo: { kind: 'speakers' } });
  });
});

describe('Q&A: who sees what', () => {
  /** A meeting with a named and an anonymous question approved, one pending and one hidden, and upvotes. */
  function scene() {
    const m = live();
    const named = ask(m, 1, '署名的问题');
    const anon = ask(m, 2, '匿名的问题', true);
    const pending = ask(m, 3, '待审核的问题');
    const hidden = ask(m, 4, '被隐藏的问题');
    m.run('question.approve', { id: named });
    m.run('question.approve', { id: anon });
    m.run('question.approve', { id: hidden });
    m.run('question.upvote', { id: anon }, member(5));
    m.run('question.upvote', { id: named }, member(2));
    m.run('question.hide', { id: hidden });
    return { m, named, anon, pending, hidden };
  }
  // Everything a role receives about questions: the snapshot's questions and every event since they began
  // (the seat list names everyone, of course, so it is left out).
  const everything = (m: MeetingSession, role: MeetingRole) => JSON.stringify({
    questions: projectState(m.state, role).questions,
    events: m.log.filter((e: MeetingEvent) => e.type.startsWith('question.')).map((e) => projectEvent(e, m.state, role)),
  });

  it.each(meetingRoles)('%s never receives the anonymous asker, nor who upvoted', (role) => {
    const { m } = scene();
    const seen = everything(m, role);
    expect(seen).not.toContain('居民2'); // the anonymous asker (who also upvoted)
    expect(seen).not.toContain(seatIdOf(2));
    expect(seen).not.toContain('居民5'); // an upvoter who asked nothing
    expect(seen).not.toContain(seatIdOf(5));
  });

  it.each(meetingRoles.filter((r) => r !== 'facilitator'))('%s does not read a question before it is approved or after it is hidden', (role) => {
    const { m, pending, hidden } = scene();
    const seen = everything(m, role);
    expect(seen).not.toContain('待审核的问题');
    expect(seen).not.toContain('被隐藏的问题');
    expect(seen).not.toContain('居民3');
    expect(seen).not.toContain('居民4');
    const qs = projectState(m.state, role).questions;
    expect(qs.find((q) => q.id === pending)).toMatchObject({ status: 'pending', text: '', name: null, seatId: null });
    expect(qs.find((q) => q.id === hidden)).toMatchObject({ status: 'hidden', text: '', name: null });
  });

  it('everyone reads an approved named question with its asker; the facilitator also moderates the others', () => {
    const { m, named, anon, pending } = scene();
    for (const role of meetingRoles) {
      const q = projectState(m.state, role).questions.find((x) => x.id === named)!;
      expect(q).toMatchObject({ text: '署名的问题', name: '居民1', voterSeatIds: [] });
      expect(projectState(m.state, role).questions.find((x) => x.id === anon)).toMatchObject({ text: '匿名的问题', name: null, seatId: null });
    }
    expect(projectState(m.state, 'facilitator').questions.find((x) => x.id === pending)).toMatchObject({ text: '待审核的问题', name: '居民3' });
  });

  it('the facilitator reads an anonymous question before approving it, without its asker', () => {
    const m = live();
    ask(m, 2, '匿名提问', true);
    const [e] = m.log.slice(-1).map((x) => projectEvent(x, m.state, 'facilitator'));
    expect(e).toMatchObject({ actor: '', data: { text: '匿名提问', name: null } });
    expect(JSON.stringify(e)).not.toContain(seatIdOf(2));
  });

  it('the log itself keeps who asked, also anonymously (the server is accountable for what it shows)', () => {
    const { m, anon } = scene();
    const asked = m.log.find((e) => e.type === 'question.asked' && e.data.id === anon);
    expect(asked?.data).toMatchObject({ seatId: seatIdOf(2), anonymous: true });
  });

  it('a seat is told its own questions (anonymous too, with the text while waiting) and upvotes, and nobody else’s', () => {
    const { m, anon, pending, named } = scene();
    expect(projectSeat(m.state, seatIdOf(2))).toEqual({ questions: { asked: [{ id: anon, text: '匿名的问题' }], upvoted: [named] } });
    expect(projectSeat(m.state, seatIdOf(3))).toEqual({ questions: { asked: [{ id: pending, text: '待审核的问题' }], upvoted: [] } });
    expect(projectSeat(m.state, seatIdOf(6))).toEqual({ questions: { asked: [], upvoted: [] } });
  });
});
