// The collaboration core with in-memory connections and explicit control over storage: what is
// stored, in which order, and what others see before and after the store resolves.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { readAuthMessage } from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, MessageType } from './protocol';
import { CollabServer, type CollabHooks } from './server';

/** Storage in memory; with `hold`, each store waits until the test releases it. */
function memoryStore(opts: { hold?: boolean } = {}) {
  const docs = new Map<string, Uint8Array[]>();
  const held: (() => void)[] = [];
  const hooks: CollabHooks = {
    loadDocument: async (name) => {
      const parts = docs.get(name);
      return parts?.length ? Y.mergeUpdates(parts) : null;
    },
    storeUpdate: async (name, update) => {
      if (opts.hold) await new Promise<void>((resolve) => held.push(resolve));
      docs.set(name, [...(docs.get(name) ?? []), update]);
    },
  };
  return { hooks, docs, held, stored: (name: string) => (docs.get(name) ?? []).length };
}

/** A minimal y-websocket client: a doc, a session, and what the server sent it. */
function client(server: CollabServer, docName: string, opts: { readOnly?: boolean; name?: string } = {}) {
  const doc = new Y.Doc();
  const c = {
    doc,
    denied: [] as string[],
    closed: null as number | null,
    session: null as unknown as ReturnType<CollabServer['connect']>,
    text: () => doc.getText('t').toString(),
  };
  c.session = server.connect(docName, {
    send: (bytes) => {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Sync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.Sync);
        syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
        if (encoding.length(reply) > 1) queueMicrotask(() => c.session.receive(encoding.toUint8Array(reply)));
      } else if (type === MessageType.Auth) {
        readAuthMessage(decoder, doc, (_d, reason) => c.denied.push(reason));
      }
    },
    close: (code) => {
      c.closed = code;
      queueMicrotask(() => c.session.closed());
    },
  }, { readOnly: opts.readOnly ?? false, user: { name: opts.name ?? 'someone' } });
  // Local edits go to the server as y-websocket sends them.
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'server') return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, update);
    c.session.receive(encoding.toUint8Array(encoder));
  });
  // The client's half of the handshake.
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, MessageType.Sync);
  syncProtocol.writeSyncStep1(step1, doc);
  c.session.receive(encoding.toUint8Array(step1));
  return c;
}

const until = async (cond: () => boolean, what = 'condition') => {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`timed out: ${what}`);
};

describe('CollabServer', () => {
  it('stores an update before anybody else sees it, and keeps the order', async () => {
    const store = memoryStore({ hold: true });
    const server = new CollabServer(store.hooks);
    const a = client(server, 'd');
    const b = client(server, 'd');
    await server.document('d');
    a.doc.getText('t').insert(0, 'one;');
    a.doc.getText('t').insert(4, 'two;');
    await until(() => store.held.length === 1, 'first store started');
    // Not stored yet: not shared yet.
    expect(b.text()).toBe('');
    expect((await server.document('d')).getText('t').toString()).toBe('');
    store.held.shift()!();
    await until(() => b.text() === 'one;', 'first update shared');
    await until(() => store.held.length === 1, 'second store started');
    expect(b.text()).toBe('one;');
    store.held.shift()!();
    await until(() => b.text() === 'one;two;', 'second update shared');
    expect(store.stored('d')).toBe(2);
    await server.close();
  });

  it('rejects a read-only client’s update: not applied, stored or broadcast, answered with permission denied', async () => {
    const store = memoryStore();
    const server = new CollabServer(store.hooks);
    const writer = client(server, 'd');
    writer.doc.getText('t').insert(0, 'minutes;');
    const viewer = client(server, 'd', { readOnly: true });
    await until(() => viewer.text() === 'minutes;', 'viewer synced');
    const storedBefore = store.stored('d');
    expect(viewer.denied).toEqual([]); // syncing is not editing

    viewer.doc.getText('t').insert(0, 'forged;');
    await until(() => viewer.denied.length === 1, 'denied');
    expect((await server.document('d')).getText('t').toString()).toBe('minutes;');
    expect(writer.text()).toBe('minutes;');
    expect(store.stored('d')).toBe(storedBefore);
    expect(viewer.closed).toBeNull();
    await server.close();
  });

  it('applies server-authored changes in order with client updates, stored first', async () => {
    const store = memoryStore();
    const server = new CollabServer(store.hooks);
    const a = client(server, 'd');
    await server.document('d');
    a.doc.getText('t').insert(0, 'client;');
    await server.transactAsSystem('d', (doc) => doc.getText('t').insert(doc.getText('t').length, 'system;'));
    expect((await server.document('d')).getText('t').toString()).toBe('client;system;');
    await until(() => a.text() === 'client;system;', 'system change broadcast');
    await expect(server.transactAsSystem('d', () => { throw new Error('nope'); })).rejects.toThrow('nope');
    expect(store.stored('d')).toBe(2);

    // What was stored is the document: a new server loads the same text.
    await server.close();
    const again = new CollabServer(store.hooks);
    expect((await again.document('d')).getText('t').toString()).toBe('client;system;');
    await again.close();
  });

  it('closes a connection that sends something other than the protocol', async () => {
    const server = new CollabServer(memoryStore().hooks, { onError: () => {} });
    const c = client(server, 'd');
    await server.document('d');
    c.session.receive(new Uint8Array([7, 1, 2]));
    await until(() => c.closed !== null, 'closed');
    expect(c.closed).toBe(CloseCode.BadRequest);
    await server.close();
  });

  it('loads a document once for concurrent callers and frees it after the last connection', async () => {
    let loads = 0;
    const store = memoryStore();
    const server = new CollabServer({ ...store.hooks, loadDocument: async (n) => (loads++, store.hooks.loadDocument(n)) }, { unloadAfterMs: 5 });
    const [d1, d2] = await Promise.all([server.document('d'), server.document('d')]);
    expect(d1).toBe(d2);
    expect(loads).toBe(1);
    const c = client(server, 'd');
    await until(() => server.stats().documents === 1);
    c.session.closed();
    await until(() => server.stats().documents === 0, 'unloaded');
    await server.close();
  });
});
