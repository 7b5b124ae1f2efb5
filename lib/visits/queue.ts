import type { VisitEntry } from './model';

/**
 * The recorder's phone keeps every visit it writes down in a queue that outlives a reload and the lack of
 * a network (a building's stairwell): IndexedDB where the browser has it, localStorage where it does not
 * (old WebViews, private modes that refuse IndexedDB). Browser-safe, no zod, no library: the phone page
 * imports it. Each item keeps its state so the page can show it: queued (waiting for the network), synced
 * (the server stored it — or already had it: a replay is answered with the stored visit), rejected (the
 * server refused it for good: a conflict, a finished round …; shown, never retried).
 */
export type QueueState = 'queued' | 'synced' | 'rejected';
/** A photo waiting with its visit; sent after the visit is stored. */
export type QueuedPhoto = { id: string; blob: Blob; state: QueueState; error: string | null };
export type QueuedVisit = { meetingId: string; entry: VisitEntry; state: QueueState; error: string | null; queuedAt: number; photos?: QueuedPhoto[] };

export interface VisitQueueStore {
  all(meetingId: string): Promise<QueuedVisit[]>;
  put(item: QueuedVisit): Promise<void>;
  /** whether photos (Blobs) survive in this store: IndexedDB yes, localStorage no */
  readonly keepsPhotos: boolean;
}

type Answer = { status: number; code: string | null; message: string | null };

/** A fresh id for a visit: the platform's UUID, else one made from getRandomValues, else time and Math.random. */
export function newEntryId(c: Partial<Pick<Crypto, 'randomUUID' | 'getRandomValues'>> | undefined = globalThis.crypto): string {
  if (c?.randomUUID) return c.randomUUID();
  if (c?.getRandomValues) {
    const b = c.getRandomValues(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return `v${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}`;
}

const DB_NAME = 'yishi-visits';
const STORE = 'queue';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The IndexedDB store: one object store keyed by [meetingId, entry id]. */
export function indexedDbStore(idb: IDBFactory): VisitQueueStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () => {
    opened ??= new Promise((resolve, reject) => {
      const r = idb.open(DB_NAME, 1);
      r.onupgradeneeded = () => { r.result.createObjectStore(STORE, { keyPath: ['meetingId', 'entry.id'] }); };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    return opened;
  };
  return {
    keepsPhotos: true,
    async all(meetingId) {
      const tx = (await db()).transaction(STORE, 'readonly');
      const items = (await request(tx.objectStore(STORE).getAll())) as QueuedVisit[];
      return items.filter((i) => i.meetingId === meetingId).sort((a, b) => a.queuedAt - b.queuedAt);
    },
    async put(item) {
      const tx = (await db()).transaction(STORE, 'readwrite');
      await request(tx.objectStore(STORE).put(item));
    },
  };
}

/** The localStorage store: one JSON list per meeting. */
export function localStorageStore(ls: Pick<Storage, 'getItem' | 'setItem'>): VisitQueueStore {
  const key = (meetingId: string) => `yishi.visits.${meetingId}`;
  const read = (meetingId: string): QueuedVisit[] => {
    try {
      return JSON.parse(ls.getItem(key(meetingId)) ?? '[]') as QueuedVisit[];
    } catch {
      return [];
    }
  };
  return {
    keepsPhotos: false,
    async all(meetingId) {
      return read(meetingId).sort((a, b) => a.queuedAt - b.queuedAt);
    },
    async put(item) {
      const items = read(item.meetingId).filter((i) => i.entry.id !== item.entry.id);
      // A Blob does not survive JSON: photos are not kept here (the page says so).
      const { photos: _photos, ...kept } = item;
      ls.setItem(key(item.meetingId), JSON.stringify([...items, kept]));
    },
  };
}

/** IndexedDB if it opens, else localStorage (an IndexedDB that exists but refuses to open counts as missing). */
export async function openQueueStore(g: { indexedDB?: IDBFactory; localStorage?: Storage } = globalThis as never): Promise<VisitQueueStore> {
  if (g.indexedDB) {
    const store = indexedDbStore(g.indexedDB);
    try {
      await store.all('');
      return store;
    } catch {
      // fall through
    }
  }
  if (g.localStorage) return localStorageStore(g.localStorage);
  const memory = new Map<string, string>();
  return localStorageStore({ getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) });
}

/**
 * What the server's answer means for a queued visit. 200: stored (or already stored: a replay) — synced.
 * A refusal that sending again cannot change (the same id with other content, invalid, a finished round,
 * not allowed) — rejected. Anything else (no network, a timeout, the server restarting, the session to
 * renew) — still queued, sent again later.
 */
export function syncOutcome(status: number, code: string | null): 'synced' | 'rejected' | 'retry' {
  if (status === 200) return 'synced';
  if (status === 401 || status === 408 || status === 429 || status >= 500 || status === 0) return 'retry';
  if (code === 'CONFLICT' || code === 'BAD_REQUEST' || code === 'INVALID_STATE' || code === 'FORBIDDEN' || code === 'NOT_FOUND') return 'rejected';
  return 'retry';
}

/**
 * Sends every queued visit once, in the order written down, and records each outcome in the store. One
 * run at a time (a second call while one runs waits for it). `send` returns the HTTP status and error code;
 * it throws when there is no network.
 */
export function createSync(
  meetingId: string, store: VisitQueueStore, send: (entry: VisitEntry) => Promise<Answer>,
  sendPhoto: (entryId: string, photo: QueuedPhoto) => Promise<Answer> = async () => ({ status: 0, code: null, message: null }),
) {
  let running: Promise<void> | null = null;
  async function run() {
    for (let item of await store.all(meetingId)) {
      if (item.state === 'queued') {
        let r: Answer;
        try {
          r = await send(item.entry);
        } catch {
          return; // offline: the rest waits too
        }
        const outcome = syncOutcome(r.status, r.code);
        if (outcome === 'retry') return;
        item = { ...item, state: outcome, error: outcome === 'rejected' ? r.code ?? r.message : null };
        await store.put(item);
      }
      // A stored visit's photos follow it, one by one.
      if (item.state !== 'synced' || !item.photos?.some((p) => p.state === 'queued')) continue;
      for (const photo of item.photos) {
        if (photo.state !== 'queued') continue;
        let r: Answer;
        try {
          r = await sendPhoto(item.entry.id, photo);
        } catch {
          return;
        }
        const outcome = syncOutcome(r.status, r.code);
        if (outcome === 'retry') return;
        item = { ...item, photos: item.photos!.map((p) => (p.id === photo.id ? { ...p, state: outcome, error: outcome === 'rejected' ? r.code ?? r.message : null } : p)) };
        await store.put(item);
      }
    }
  }
  return () => {
    // then(done, done) rather than finally(): old WebViews lack Promise.prototype.finally.
    const done = () => { running = null; };
    running ??= run().then(done, done);
    return running;
  };
}
