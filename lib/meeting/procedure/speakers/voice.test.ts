import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { unfinishedWork } from '../../closing';
import { meetingRoles } from '../../permissions';
import { spokenSeconds } from '../../speaking-queue';
import { facilitator, MeetingSession, member, seatIdOf, staff } from '../../../../tests/factories/meeting';
import { HallSignal, hallSignalRoute, VoiceSignal, voiceSignalRoute, type VoiceSender } from './voice';
import { STATEMENT_MAX } from './voice-model';

function codeOf(f: () => unknown): ErrorCode | 'NO_ERROR' {
  try {
    f();
    return 'NO_ERROR';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** Seats 1–3 in the hall; seat 4 (and 5) remote, seat 4 asking for the floor. */
function remoteMeeting() {
  const m = new MeetingSession({ seats: 5, checkedIn: 3, currentItem: 1 });
  m.run('attendance.checkInSelf', {}, member(4, 'remote'));
  m.run('attendance.checkInSelf', {}, member(5, 'remote'));
  return { m, id: requestId(m, 4, 'remote') };
}
function requestId(m: MeetingSession, n: number, mode: 'hall' | 'remote' = 'hall'): string {
  const [e] = m.run('speaker.request', { stance: 'support' }, member(n, mode));
  if (e.type !== 'speaker.requested') throw new Error('expected speaker.requested');
  return e.data.id;
}
function granted() {
  const r = remoteMeeting();
  r.m.run('speaker.grant', { id: r.id });
  return r;
}
const speaker = member(4, 'remote');

describe('voice signalling: who may send to whom', () => {
  const senders: [string, VoiceSender][] = [
    ...meetingRoles.map((role): [string, VoiceSender] => [role, { role, seatId: null, staff: true }]),
    ['the floor holder', { role: 'remote_member', seatId: seatIdOf(4), staff: false }],
    ['another remote member', { role: 'remote_member', seatId: seatIdOf(5), staff: false }],
    ['a hall member', { role: 'member', seatId: seatIdOf(1), staff: false }],
    ["a participant's projector view", { role: 'projector', seatId: seatIdOf(5), staff: false }],
  ];
  const expected: Record<string, Record<'offer' | 'answer' | 'ready', string>> = {
    'the floor holder': { offer: 'projector', answer: 'FORBIDDEN', ready: 'FORBIDDEN' },
    projector: { offer: 'FORBIDDEN', answer: `seat:${seatIdOf(4)}`, ready: `seat:${seatIdOf(4)}` },
  };

  it.each(senders)('%s', (name, sender) => {
    const { m, id } = granted();
    for (const kind of ['offer', 'answer', 'ready'] as const) {
      let got: string;
      try {
        const r = voiceSignalRoute(m.state, sender, { speakerId: id, kind });
        got = r.to === 'projector' ? 'projector' : `seat:${r.seatId}`;
      } catch (err) {
        got = (err as AppError).code;
      }
      // The floor holder's offers go to the projector and the projector's answers back; hangup and ice both ways.
      const want = expected[name]?.[kind] ?? 'FORBIDDEN';
      expect(got, `${name} ${kind}`).toBe(name === 'the floor holder' && kind === 'answer' ? 'projector' : want);
    }
  });

  it('nobody signals about a request that does not hold the floor, a hall speaker, an ended turn or a written statement', () => {
    const { m, id } = remoteMeeting();
    const holder = { role: 'remote_member' as const, seatId: seatIdOf(4), staff: false };
    expect(codeOf(() => voiceSignalRoute(m.state, holder, { speakerId: id, kind: 'offer' }))).toBe('FORBIDDEN'); // still queued
    m.run('speaker.grant', { id });
    expect(codeOf(() => voiceSignalRoute(m.state, holder, { speakerId: 'other', kind: 'offer' }))).toBe('FORBIDDEN');
    expect(codeOf(() => voiceSignalRoute(m.state, holder, { speakerId: id, kind: 'offer' }))).toBe('NO_ERROR');
    m.run('speaker.statement', { id, text: '我书面发言' }, speaker);
    expect(codeOf(() => voiceSignalRoute(m.state, holder, { speakerId: id, kind: 'offer' }))).toBe('FORBIDDEN');

    const hall = new MeetingSession({ seats: 3, checkedIn: 3, currentItem: 1 });
    const hallId = requestId(hall, 1);
    hall.run('speaker.grant', { id: hallId });
    expect(codeOf(() => voiceSignalRoute(hall.state, { role: 'projector', seatId: null, staff: true }, { speakerId: hallId, kind: 'ready' }))).toBe('FORBIDDEN');

    const ended = granted();
    ended.m.run('speaker.end', { id: ended.id });
    expect(codeOf(() => voiceSignalRoute(ended.m.state, holder, { speakerId: ended.id, kind: 'offer' }))).toBe('FORBIDDEN');
  });

  it('payloads are validated: kinds, sizes and no extra fields', () => {
    const ok = { speakerId: 's', session: 'a', kind: 'offer', sdp: 'v=0' };
    expect(VoiceSignal.safeParse(ok).success).toBe(true);
    expect(VoiceSignal.safeParse({ ...ok, kind: 'video' }).success).toBe(false);
    expect(VoiceSignal.safeParse({ ...ok, sdp: 'x'.repeat(16_001) }).success).toBe(false);
    expect(VoiceSignal.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    expect(VoiceSignal.safeParse({ speakerId: 's', session: 'a', kind: 'ice', candidates: [] }).success).toBe(false);
    expect(VoiceSignal.safeParse({ speakerId: 's', session: 'a', kind: 'ice', candidates: Array(21).fill({ candidate: 'c' }) }).success).toBe(false);
    expect(VoiceSignal.safeParse({ speakerId: 's', session: 'a', kind: 'hangup' }).success).toBe(true);
  });
});

describe('voice commands', () => {
  it('only the remote floor holder reports media, failures and a statement; the facilitator only mutes', () => {
    const { m, id } = granted();
    for (const actor of [member(5, 'remote'), member(1), facilitator, staff('projector')]) {
      expect(codeOf(() => m.decide('speaker.media', { id, state: 'started' }, actor)), actor.label).toBe('FORBIDDEN');
      expect(codeOf(() => m.decide('speaker.statement', { id, text: '文字' }, actor)), actor.label).toBe('FORBIDDEN');
      expect(codeOf(() => m.decide('speaker.mediaFailed', { id, reason: 'no-microphone' }, actor)), actor.label).toBe('FORBIDDEN');
    }
    for (const actor of [speaker, member(1), staff('projector'), staff('recorder')]) {
      expect(codeOf(() => m.decide('speaker.mute', { id, muted: true }, actor)), actor.label).toBe('FORBIDDEN');
    }
    m.run('speaker.media', { id, state: 'started' }, speaker);
    expect(codeOf(() => m.decide('speaker.media', { id, state: 'started' }, speaker))).toBe('INVALID_STATE');
    m.run('speaker.mute', { id, muted: true });
    expect(m.state.speakers.find((r) => r.id === id)?.voice).toEqual({ media: 'live', muted: true, failure: null, statement: null });
    m.run('speaker.mute', { id, muted: false });
    m.run('speaker.end', { id });
    expect(codeOf(() => m.decide('speaker.media', { id, state: 'ended' }, speaker))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('speaker.mute', { id, muted: true }))).toBe('INVALID_STATE');
  });

  it('bad payloads are refused before any decision', () => {
    const { id } = granted();
    expect(() => VoiceSignal.parse({ id })).toThrow();
    const m = granted().m;
    expect(() => m.decide('speaker.statement', { id, text: ' ' }, speaker)).toThrow();
    expect(() => m.decide('speaker.statement', { id, text: '字'.repeat(STATEMENT_MAX + 1) }, speaker)).toThrow();
    expect(() => m.decide('speaker.mediaFailed', { id, reason: 'bored' as never }, speaker)).toThrow();
    expect(() => m.decide('speaker.mute', { id, muted: 'yes' as never })).toThrow();
  });

  it('a failure, then a written statement, once; the facilitator sees why', () => {
    const { m, id } = granted();
    m.run('speaker.mediaFailed', { id, reason: 'permission-denied' }, speaker);
    m.run('speaker.statement', { id, text: '同意加装电梯。' }, speaker);
    expect(m.state.speakers.find((r) => r.id === id)?.voice).toMatchObject({ failure: 'permission-denied', statement: '同意加装电梯。' });
    expect(codeOf(() => m.decide('speaker.statement', { id, text: '再说一次' }, speaker))).toBe('CONFLICT');
  });

  it('giving the floor back is a new turn: each keeps its own times (the durations in the record)', () => {
    const { m, id } = granted();
    m.run('speaker.media', { id, state: 'started' }, speaker);
    m.run('speaker.end', { id });
    expect(codeOf(() => m.decide('speaker.regrant', { id }, speaker))).toBe('FORBIDDEN');
    const [, g] = m.run('speaker.regrant', { id });
    expect(g.type).toBe('speaker.granted');
    const turns = m.state.speakers.filter((r) => r.seatId === seatIdOf(4));
    expect(turns.map((r) => r.status)).toEqual(['done', 'speaking']);
    expect(codeOf(() => m.decide('speaker.regrant', { id: turns[1].id }))).toBe('INVALID_STATE');
    m.run('speaker.end', { id: turns[1].id });
    // The record's speaker lines are built from these times (lib/record/build.ts), as for a hall speech.
    const ended = m.state.speakers.filter((r) => r.seatId === seatIdOf(4));
    expect(ended.map((r) => spokenSeconds(r, new Date()))).toEqual([120, 60]); // the factory's clock: a minute an event (grant, media, end; regrant, end)
  });
});

describe("the hall's sound to remote listeners", () => {
  const projector: VoiceSender = { role: 'projector', seatId: null, staff: true };
  const listener: VoiceSender = { role: 'remote_member', seatId: seatIdOf(4), staff: false };
  function route(m: MeetingSession, sender: VoiceSender, kind: HallSignal['kind'], seatId?: string): string {
    try {
      const r = hallSignalRoute(m.state, sender, { kind, seatId });
      return r.to === 'projector' ? `projector from ${r.from}` : `seat:${r.seatId}`;
    } catch (err) {
      return (err as AppError).code;
    }
  }

  it('only while the facilitator has it on, and only in a live meeting; the close turns it off in the log', () => {
    const { m } = remoteMeeting();
    expect(route(m, listener, 'listen')).toBe('INVALID_STATE');
    for (const actor of [member(4, 'remote'), member(1), staff('projector'), staff('recorder')]) {
      expect(codeOf(() => m.decide('speaker.hallAudio', { on: true }, actor)), actor.label).toBe('FORBIDDEN');
    }
    m.run('speaker.hallAudio', { on: true });
    expect(m.state.hallAudio).toBe(true);
    expect(codeOf(() => m.decide('speaker.hallAudio', { on: true }))).toBe('INVALID_STATE');
    expect(route(m, listener, 'listen')).toBe(`projector from ${seatIdOf(4)}`);
    m.run('speaker.hallAudio', { on: false });
    expect(route(m, listener, 'listen')).toBe('INVALID_STATE');
    m.run('speaker.hallAudio', { on: true });
    const decisions = unfinishedWork(m.state).map((w) => ({ kind: w.kind, id: w.id, action: 'defer' as const }));
    const events = m.run('meeting.close', { decisions });
    expect(events.map((e) => e.type)).toContain('speaker.hallAudioOff');
    expect(m.state.hallAudio).toBe(false);
    expect(codeOf(() => m.decide('speaker.hallAudio', { on: true }))).toBe('INVALID_STATE');
  });

  it('listeners talk to the projector about their own seat; the staff projector to a remote seat; nobody else', () => {
    const { m } = remoteMeeting();
    m.run('speaker.hallAudio', { on: true });
    const hallSeat = seatIdOf(1);
    const cases: [string, VoiceSender, HallSignal['kind'], string | undefined, string][] = [
      ['listener listens', listener, 'listen', undefined, `projector from ${seatIdOf(4)}`],
      // the seat a listener names is ignored: the server stamps the sender's own
      ['listener answers naming another seat', listener, 'answer', seatIdOf(5), `projector from ${seatIdOf(4)}`],
      ['listener hangs up', listener, 'hangup', undefined, `projector from ${seatIdOf(4)}`],
      ['listener cannot offer', listener, 'offer', seatIdOf(5), 'FORBIDDEN'],
      ['listener cannot say full', listener, 'full', seatIdOf(5), 'FORBIDDEN'],
      ['projector offers to a remote seat', projector, 'offer', seatIdOf(5), `seat:${seatIdOf(5)}`],
      ['projector says full', projector, 'full', seatIdOf(4), `seat:${seatIdOf(4)}`],
      ['projector cannot offer to a hall seat', projector, 'offer', hallSeat, 'FORBIDDEN'],
      ['projector cannot listen', projector, 'listen', undefined, 'FORBIDDEN'],
      ["a participant's projector view cannot offer", { role: 'projector', seatId: seatIdOf(5), staff: false }, 'offer', seatIdOf(4), 'FORBIDDEN'],
      ['a hall member cannot listen', { role: 'member', seatId: hallSeat, staff: false }, 'listen', undefined, 'FORBIDDEN'],
      ['the facilitator cannot offer', { role: 'facilitator', seatId: null, staff: true }, 'offer', seatIdOf(4), 'FORBIDDEN'],
      // a remote link whose seat is not checked in remotely (not yet checked in) cannot listen
      ['a remote member not checked in', { role: 'remote_member', seatId: seatIdOf(3), staff: false }, 'listen', undefined, 'FORBIDDEN'],
    ];
    // seat 3 is checked in in the hall by the factory: a remote link for it is not a remote listener
    for (const [name, sender, kind, seatId, want] of cases) expect(route(m, sender, kind, seatId), name).toBe(want);
  });

  it('payloads: listeners cannot name a seat on listen or answer; sizes bounded', () => {
    expect(HallSignal.safeParse({ kind: 'listen', session: 'a' }).success).toBe(true);
    expect(HallSignal.safeParse({ kind: 'listen', session: 'a', seatId: 'x' }).success).toBe(false);
    expect(HallSignal.safeParse({ kind: 'answer', session: 'a', sdp: 'v=0', seatId: 'x' }).success).toBe(false);
    expect(HallSignal.safeParse({ kind: 'offer', session: 'a', sdp: 'v=0' }).success).toBe(false);
    expect(HallSignal.safeParse({ kind: 'offer', session: 'a', seatId: 'x', sdp: 'x'.repeat(16_001) }).success).toBe(false);
    expect(HallSignal.safeParse({ kind: 'speak', session: 'a' }).success).toBe(false);
  });
});
