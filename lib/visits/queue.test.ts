import { describe, expect, it } from 'vitest';
import type { VisitEntry } from './model';
import { createSync, localStorageStore, newEntryId, openQueueStore, syncOutcome } from './queue';

const entry = (id: string): VisitEntry => ({ id, householdId: null, household: '张家', address: '', metWith: '', place: '', visitedAt: '2026-12-03T07:00:00.000Z', opinion: '', agreement: 'agree' });

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) } as Storage;
}

describe('the phone’s visit queue', () => {
  it('mints ids with randomUUID, else getRandomValues (a v4 UUID), else time and Math.random — all accepted by the server', () => {
    expect(newEntryId({ randomUUID: () => '11111111-2222-4333-8444-555555555555' })).toBe('11111111-2222-4333-8444-555555555555');
    const fromBytes = newEntryId({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => { (a as unknown as Uint8Array).fill(255); return a; } });
    expect(fromBytes).toMatch(/^ffffffff-ffff-4fff-bfff-ffffffffffff$/);
    const bare = newEntryId({});
    expect(bare).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newEntryId({})).not.toBe(bare);
  });

  it('falls back to localStorage without IndexedDB, and keeps items per meeting in the order written', async () => {
    const ls = memoryStorage();
    const store = await openQueueStore({ localStorage: ls });
    await store.put({ meetingId: 'm1', entry: entry('bbbbbbbb'), state: 'queued', error: null, queuedAt: 2 });
    await store.put({ meetingId: 'm1', entry: entry('aaaaaaaa'), state: 'queued', error: null, queuedAt: 1 });
    await store.put({ meetingId: 'm2', entry: entry('cccccccc'), state: 'queued', error: null, queuedAt: 3 });
    // A reload reads the same storage.
    const again = localStorageStore(ls);
    expect((await again.all('m1')).map((i) => i.entry.id)).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    await again.put({ meetingId: 'm1', entry: entry('aaaaaaaa'), state: 'synced', error: null, queuedAt: 1 });
    expect((await again.all('m1')).map((i) => i.state)).toEqual(['synced', 'queued']);
  });

  it('what an answer means: stored or replayed → synced; a refusal for good → rejected; no network or a hiccup → retried', () => {
    expect(syncOutcome(200, null)).toBe('synced');
    expect(syncOutcome(409, 'CONFLICT')).toBe('rejected');
    expect(syncOutcome(409, 'INVALID_STATE')).toBe('rejected');
    expect(syncOutcome(400, 'BAD_REQUEST')).toBe('rejected');
    expect(syncOutcome(401, 'UNAUTHENTICATED')).toBe('retry');
    expect(syncOutcome(502, null)).toBe('retry');
    expect(syncOutcome(429, 'RATE_LIMITED')).toBe('retry');
  });

  it('syncs queued items once each, stops at the first network failure, and keeps rejections with their reason', async () => {
    const store = localStorageStore(memoryStorage());
    for (const [k, id] of ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'].entries()) await store.put({ meetingId: 'm', entry: entry(id), state: 'queued', error: null, queuedAt: k });
    const sent: string[] = [];
    let online = false;
    const sync = createSync('m', store, async (e) => {
      if (!online) throw new TypeError('Failed to fetch');
      sent.push(e.id);
      return e.id === 'bbbbbbbb' ? { status: 409, code: 'CONFLICT', message: 'x' } : { status: 200, code: null, message: null };
    });
    await sync();
    expect(sent).toEqual([]);
    expect((await store.all('m')).map((i) => i.state)).toEqual(['queued', 'queued', 'queued']);
    online = true;
    await Promise.all([sync(), sync()]);
    await sync();
    expect(sent).toEqual(['aaaaaaaa', 'bbbbbbbb', 'cccccccc']);
    expect((await store.all('m')).map((i) => [i.state, i.error])).toEqual([['synced', null], ['rejected', 'CONFLICT'], ['synced', null]]);
  });
});

describe('photos in the queue', () => {
  function memoryStore(): import('./queue').VisitQueueStore {
    const items = new Map<string, import('./queue').QueuedVisit>();
    return {
      keepsPhotos: true,
      async all(m) { return [...items.values()].filter((i) => i.meetingId === m).sort((a, b) => a.queuedAt - b.queuedAt); },
      async put(i) { items.set(i.entry.id, structuredClone(i)); },
    };
  }

  it('are sent after their visit is stored, each once; a visit not stored keeps its photos waiting', async () => {
    const store = memoryStore();
    const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
    await store.put({ meetingId: 'm', entry: entry('aaaaaaaa'), state: 'queued', error: null, queuedAt: 1, photos: [{ id: 'p1p1p1p1', blob, state: 'queued', error: null }, { id: 'p2p2p2p2', blob, state: 'queued', error: null }] });
    const log: string[] = [];
    let visitsUp = false;
    const sync = createSync('m', store, async (e) => {
      log.push(`visit ${e.id}`);
      return visitsUp ? { status: 200, code: null, message: null } : { status: 503, code: null, message: null };
    }, async (entryId, p) => {
      log.push(`photo ${entryId}/${p.id}`);
      return p.id === 'p2p2p2p2' ? { status: 400, code: 'BAD_REQUEST', message: null } : { status: 200, code: null, message: null };
    });
    await sync();
    expect(log).toEqual(['visit aaaaaaaa']);
    visitsUp = true;
    await sync();
    await sync();
    expect(log).toEqual(['visit aaaaaaaa', 'visit aaaaaaaa', 'photo aaaaaaaa/p1p1p1p1', 'photo aaaaaaaa/p2p2p2p2']);
    expect((await store.all('m'))[0]!.photos!.map((p) => [p.state, p.error])).toEqual([['synced', null], ['rejected', 'BAD_REQUEST']]);
  });

  it('are not kept by the localStorage fallback (a Blob does not survive JSON)', async () => {
    const store = localStorageStore(memoryStorage());
    expect(store.keepsPhotos).toBe(false);
    await store.put({ meetingId: 'm', entry: entry('aaaaaaaa'), state: 'queued', error: null, queuedAt: 1, photos: [{ id: 'p1p1p1p1', blob: new Blob(['x']), state: 'queued', error: null }] });
    expect((await store.all('m'))[0]!.photos).toBeUndefined();
  });
});
