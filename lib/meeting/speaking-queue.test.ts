import { describe, expect, it } from 'vitest';
import type { Stance } from './model';
import { queueOrder, speakingTimeBySeat, spokenSeconds, type SpeakRequest } from './speaking-queue';

const T0 = Date.parse('2025-03-01T01:00:00.000Z'); // 09:00 in Asia/Shanghai
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();

function req(id: string, stance: Stance, requestedSec: number, over: Partial<SpeakRequest> = {}): SpeakRequest {
  return {
    id, itemId: 'item-1', seatId: `seat-${id}`, name: id, stance, status: 'queued',
    requestedAt: at(requestedSec), startedAt: null, endedAt: null, limitSec: 180, ...over,
  };
}
const ids = (rs: SpeakRequest[]) => rs.map((r) => r.id);

describe('queueOrder', () => {
  it('calls speakers first come, first served', () => {
    const rs = [req('c', 'neutral', 30), req('a', 'support', 10), req('b', 'oppose', 20)];
    expect(ids(queueOrder(rs, 'item-1'))).toEqual(['a', 'b', 'c']);
  });

  it('a point of order (程序问题) goes ahead of earlier ordinary requests', () => {
    const rs = [req('a', 'support', 10), req('b', 'oppose', 20), req('p', 'procedural', 30), req('c', 'neutral', 40)];
    expect(ids(queueOrder(rs, 'item-1'))).toEqual(['p', 'a', 'b', 'c']);
  });

  it('points of order are first come, first served among themselves', () => {
    const rs = [req('a', 'support', 10), req('p2', 'procedural', 40), req('p1', 'procedural', 30), req('p3', 'procedural', 50)];
    expect(ids(queueOrder(rs, 'item-1'))).toEqual(['p1', 'p2', 'p3', 'a']);
  });

  it('requests made in the same instant keep the order they were made in', () => {
    const rs = [req('x', 'support', 10), req('y', 'support', 10), req('z', 'support', 10)];
    expect(ids(queueOrder(rs, 'item-1'))).toEqual(['x', 'y', 'z']);
  });

  it('only waiting requests are in the queue', () => {
    const rs = [
      req('q', 'support', 10),
      req('s', 'support', 1, { status: 'speaking', startedAt: at(60) }),
      req('d', 'procedural', 2, { status: 'done' }),
      req('k', 'oppose', 3, { status: 'skipped' }),
      req('w', 'neutral', 4, { status: 'withdrawn' }),
    ];
    expect(ids(queueOrder(rs, 'item-1'))).toEqual(['q']);
  });

  it('only requests for the given agenda item (or for none)', () => {
    const rs = [req('a', 'support', 10), req('b', 'support', 5, { itemId: 'item-2' }), req('n', 'procedural', 1, { itemId: null })];
    expect(ids(queueOrder(rs, 'item-1'))).toEqual(['a']);
    expect(ids(queueOrder(rs, 'item-2'))).toEqual(['b']);
    expect(ids(queueOrder(rs, null))).toEqual(['n']);
  });

  it('does not reorder its input', () => {
    const rs = [req('b', 'support', 20), req('a', 'support', 10)];
    queueOrder(rs, 'item-1');
    expect(ids(rs)).toEqual(['b', 'a']);
  });
});

describe('speaking time', () => {
  const now = new Date(T0 + 1000 * 1000);

  it('a request that never started has used nothing', () => {
    expect(spokenSeconds(req('a', 'support', 0), now)).toBe(0);
  });

  it('a finished request counts from start to end', () => {
    expect(spokenSeconds(req('a', 'support', 0, { status: 'done', startedAt: at(100), endedAt: at(190) }), now)).toBe(90);
  });

  it('a running request counts up to now', () => {
    expect(spokenSeconds(req('a', 'support', 0, { status: 'speaking', startedAt: at(940) }), now)).toBe(60);
  });

  it('totals per seat add every request of that seat', () => {
    const rs = [
      req('1', 'support', 0, { seatId: 'seat-1', status: 'done', startedAt: at(0), endedAt: at(120) }),
      req('2', 'oppose', 0, { seatId: 'seat-2', status: 'done', startedAt: at(120), endedAt: at(150) }),
      req('3', 'neutral', 0, { seatId: 'seat-1', itemId: 'item-2', status: 'done', startedAt: at(200), endedAt: at(245) }),
      req('4', 'support', 0, { seatId: 'seat-3', status: 'speaking', startedAt: at(990) }),
      req('5', 'support', 0, { seatId: 'seat-4' }),
    ];
    expect(speakingTimeBySeat(rs, now)).toEqual({ 'seat-1': 165, 'seat-2': 30, 'seat-3': 10, 'seat-4': 0 });
  });

  it('times written with an offset (+08:00) mean the same instant', () => {
    const r = req('a', 'support', 0, { status: 'done', startedAt: '2025-03-01T09:00:00+08:00', endedAt: '2025-03-01T01:01:30.000Z' });
    expect(spokenSeconds(r, now)).toBe(90);
  });
});
