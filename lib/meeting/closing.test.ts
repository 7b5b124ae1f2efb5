import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { majorityPresets } from '../voting/outcome';
import { unfinishedWork } from './closing';
import { itemIdOf, MeetingSession, member } from '../../tests/factories/meeting';
import { projectState } from './projection';

function errorOf(f: () => unknown): AppError | null {
  try {
    f();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

/** Live, 5 seats checked in, item 1 in progress, item 2 pending; 居民1 speaking, 居民2 waiting; a motion open. */
function busyMeeting() {
  const m = new MeetingSession({ seats: 5, checkedIn: 5, currentItem: 1 });
  m.run('speaker.request', { stance: 'support' }, member(1));
  m.run('speaker.request', { stance: 'oppose' }, member(2));
  const [speaking, waiting] = m.state.speakers;
  m.run('speaker.grant', { id: speaking!.id });
  const pollId = m.createPoll({ question: '是否同意方案？', kind: 'motion', rule: majorityPresets.simple_majority });
  m.run('poll.open', { pollId });
  m.run('poll.vote', { pollId, choices: ['yes'], idempotencyKey: 'key-close-1' }, member(1));
  return { m, speakingId: speaking!.id, waitingId: waiting!.id, pollId };
}

describe('closing a meeting with unfinished work', () => {
  it('lists unfinished items, speakers and open polls with what may be done with each', () => {
    const { m, speakingId, waitingId, pollId } = busyMeeting();
    expect(unfinishedWork(m.state)).toEqual([
      { kind: 'item', id: itemIdOf(1), actions: ['finish', 'defer', 'drop'] },
      { kind: 'item', id: itemIdOf(2), actions: ['finish', 'defer', 'drop'] },
      { kind: 'speaker', id: speakingId, actions: ['finish', 'defer', 'drop'] },
      { kind: 'speaker', id: waitingId, actions: ['defer', 'drop'] },
      { kind: 'poll', id: pollId, actions: ['finish', 'drop'] },
    ]);
  });

  it('is refused with UNFINISHED_WORK naming what has no decision, and nothing changes', () => {
    const { m, waitingId, pollId } = busyMeeting();
    const err = errorOf(() => m.decide('meeting.close', {
      decisions: [
        { kind: 'item', id: itemIdOf(1), action: 'finish' },
        { kind: 'item', id: itemIdOf(2), action: 'defer' },
      ],
    }));
    expect(err?.code).toBe('UNFINISHED_WORK');
    expect(err?.details?.missing).toEqual(expect.arrayContaining([{ kind: 'speaker', id: waitingId }, { kind: 'poll', id: pollId }]));
    expect(m.state.status).toBe('live');
  });

  it('refuses a drop without a reason, a deferred poll, a finished waiting speaker and decisions about nothing open', () => {
    const { m, speakingId, waitingId, pollId } = busyMeeting();
    const rest = [
      { kind: 'speaker', id: speakingId, action: 'finish' },
      { kind: 'speaker', id: waitingId, action: 'defer' },
      { kind: 'poll', id: pollId, action: 'finish' },
    ] as const;
    const close = (...first: object[]) => errorOf(() => m.decide('meeting.close', { decisions: [...first, ...rest] as never }));
    expect(close({ kind: 'item', id: itemIdOf(1), action: 'drop' }, { kind: 'item', id: itemIdOf(2), action: 'defer' })?.code).toBe('BAD_REQUEST');
    expect(close({ kind: 'item', id: itemIdOf(1), action: 'drop', reason: ' ' }, { kind: 'item', id: itemIdOf(2), action: 'defer' })?.code).toBe('BAD_REQUEST');
    expect(close({ kind: 'item', id: itemIdOf(1), action: 'finish' }, { kind: 'item', id: itemIdOf(2), action: 'defer' }, { kind: 'item', id: 'nope', action: 'finish' })?.code).toBe('BAD_REQUEST');
    const deferredPoll = errorOf(() => m.decide('meeting.close', {
      decisions: [
        { kind: 'item', id: itemIdOf(1), action: 'finish' }, { kind: 'item', id: itemIdOf(2), action: 'defer' },
        { kind: 'speaker', id: speakingId, action: 'finish' }, { kind: 'speaker', id: waitingId, action: 'finish' },
        { kind: 'poll', id: pollId, action: 'defer' },
      ],
    }));
    expect(deferredPoll?.code).toBe('BAD_REQUEST');
  });

  it('applies every decision before the meeting closes: nothing of a closed meeting is still in progress', () => {
    const { m, speakingId, waitingId, pollId } = busyMeeting();
    const events = m.run('meeting.close', {
      decisions: [
        { kind: 'item', id: itemIdOf(1), action: 'finish' },
        { kind: 'item', id: itemIdOf(2), action: 'drop', reason: '资料未到，撤回' },
        { kind: 'speaker', id: speakingId, action: 'finish' },
        { kind: 'speaker', id: waitingId, action: 'defer' },
        { kind: 'poll', id: pollId, action: 'finish' },
      ],
    });
    expect(events.at(-1)).toMatchObject({ type: 'meeting.statusChanged', data: { status: 'closed' } });
    const s = m.state;
    expect(s.status).toBe('closed');
    expect(s.agenda.map((a) => [a.status, a.closeReason ?? null])).toEqual([['done', null], ['dropped', '资料未到，撤回']]);
    expect(s.currentItemId).toBeNull();
    expect(s.speakers.map((r) => r.status)).toEqual(['done', 'deferred']);
    // The open poll was closed and counted like any other: 1 yes of 1 valid vote.
    expect(m.poll(pollId)).toMatchObject({ status: 'closed', tally: { yes: 1, no: 0, abstain: 0 }, outcome: { result: 'passed', support: 1, denominator: 1 } });
    expect(unfinishedWork(s)).toEqual([]);
  });

  it('a dropped poll is closed without a count, its reason kept, for every viewer', () => {
    const { m, speakingId, waitingId, pollId } = busyMeeting();
    m.run('meeting.close', {
      decisions: [
        { kind: 'item', id: itemIdOf(1), action: 'defer' },
        { kind: 'item', id: itemIdOf(2), action: 'defer' },
        { kind: 'speaker', id: speakingId, action: 'drop', reason: '时间已到' },
        { kind: 'speaker', id: waitingId, action: 'drop', reason: '时间已到' },
        { kind: 'poll', id: pollId, action: 'drop', reason: '议题延期，投票作废' },
      ],
    });
    expect(m.state.agenda.map((a) => a.status)).toEqual(['deferred', 'deferred']);
    expect(m.state.speakers.map((r) => [r.status, r.closeReason])).toEqual([['dropped', '时间已到'], ['dropped', '时间已到']]);
    expect(m.poll(pollId)).toMatchObject({ status: 'closed', tally: null, outcome: null, dropReason: '议题延期，投票作废' });
    expect(projectState(m.state, 'member').polls[0]).toMatchObject({ status: 'closed', dropReason: '议题延期，投票作废' });
  });

  it('a meeting with nothing unfinished closes with no decisions', () => {
    const m = new MeetingSession({ agenda: [] });
    m.run('meeting.close', {});
    expect(m.state.status).toBe('closed');
  });
});
