import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DEFAULT_LIMITS, maxMessageBytes, peekMessageKind } from './limits';

describe('peekMessageKind', () => {
  it('tells each y-websocket message from its first varints, and nothing else', () => {
    const sync = (write: (e: encoding.Encoder) => void) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      write(e);
      return encoding.toUint8Array(e);
    };
    const doc = new Y.Doc();
    expect(peekMessageKind(sync((e) => syncProtocol.writeSyncStep1(e, doc)))).toBe('syncStep1');
    expect(peekMessageKind(sync((e) => syncProtocol.writeSyncStep2(e, doc)))).toBe('syncStep2');
    expect(peekMessageKind(sync((e) => syncProtocol.writeUpdate(e, new Uint8Array([0, 0]))))).toBe('syncUpdate');
    // The payload is not read: a broken one is still an update by its type.
    expect(peekMessageKind(new Uint8Array([0, 2, 0xff, 0xff]))).toBe('syncUpdate');
    expect(peekMessageKind(new Uint8Array([1, 0]))).toBe('awareness');
    expect(peekMessageKind(new Uint8Array([2, 0]))).toBe('auth');
    expect(peekMessageKind(new Uint8Array([3]))).toBe('queryAwareness');
    expect(peekMessageKind(new Uint8Array([0, 7]))).toBeNull();
    expect(peekMessageKind(new Uint8Array([9]))).toBeNull();
    expect(peekMessageKind(new Uint8Array([0]))).toBeNull();
    expect(peekMessageKind(new Uint8Array([]))).toBeNull();
  });
});

describe('limits', () => {
  it('lets a rate hold the largest message its role may send', () => {
    for (const role of ['readOnly', 'write'] as const) {
      expect(DEFAULT_LIMITS.rate[role].bytes.burst).toBeGreaterThanOrEqual(maxMessageBytes(DEFAULT_LIMITS[role]));
    }
  });
});
