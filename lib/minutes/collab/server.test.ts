// The collaboration core with in-memory connections and explicit control over storage: what is
// stored, in which order, and what others see before and after the store resolves.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, MessageType } from './protocol';
import { memoryClient, memoryStore, until } from './fixtures';
import { CollabServer } from './server';

/** A writer and another client sharing `minutes;`, and how many bytes the store holds at that point. */
async function writerAndOther() {
  const store = memoryStore();
  const server = new CollabServer(store.hooks, { roots: ['t'] });
  const writer = memoryClient(server, 'd');
  const other = memoryClient(server, 'd');
  writer.doc.getText('t').insert(0, 'minutes;');
  await until(() => other.text() === 'minutes;', 'shared');
  return { store, server, writer, other, stored: store.stored('d') };
}

describe('CollabServer', () => {
  it('stores an update before anybody else sees it, and keeps the order', async () => {
    const store = memoryStore({ hold: true });
    const server = new CollabServer(store.hooks, { roots: ['t'] });
    const a = memoryClient(server, 'd');
    const b = memoryClient(server, 'd');
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
    const server = new CollabServer(store.hooks, { roots: ['t'] });
    const writer = memoryClient(server, 'd');
    writer.doc.getText('t').insert(0, 'minutes;');
    const viewer = memoryClient(server, 'd', { readOnly: true });
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
    const server = new CollabServer(store.hooks, { roots: ['t'] });
    const a = memoryClient(server, 'd');
    await server.document('d');
    a.doc.getText('t').insert(0, 'client;');
    await server.transactAsSystem('d', (doc) => doc.getText('t').insert(doc.getText('t').length, 'system;'));
    expect((await server.document('d')).getText('t').toString()).toBe('client;system;');
    await until(() => a.text() === 'client;system;', 'system change broadcast');
    await expect(server.transactAsSystem('d', () => { throw new Error('nope'); })).rejects.toThrow('nope');
    expect(store.stored('d')).toBe(2);

    // What was stored is the document: a new server loads the same text.
    await server.close();
    const again = new CollabServer(store.hooks, { roots: ['t'] });
    expect((await again.document('d')).getText('t').toString()).toBe('client;system;');
    await again.close();
  });

  it('locks a document: writers closed with 4423 at once, their later edits refused, new writers refused, readers and the server go on', async () => {
    const { store, server, writer, other, stored } = await writerAndOther();
    const viewer = memoryClient(server, 'd', { readOnly: true });
    await until(() => viewer.text() === 'minutes;', 'viewer synced');

    server.lock('d');
    // Synchronously: nothing a writer sends after this returns is read.
    expect(writer.closed).toBe(CloseCode.Locked);
    expect(other.closed).toBe(CloseCode.Locked);
    expect(viewer.closed).toBeNull();
    writer.doc.getText('t').insert(8, 'typed after the close;');
    const late = memoryClient(server, 'd');
    expect(late.closed).toBe(CloseCode.Locked);
    late.doc.getText('t').insert(0, 'forced;');
    await new Promise((r) => setTimeout(r, 20));
    expect((await server.document('d')).getText('t').toString()).toBe('minutes;');
    expect(store.stored('d')).toBe(stored);
    expect(server.stats().refused.locked).toBe(3);

    // The server still writes its facts, and readers still follow.
    await server.transactAsSystem('d', (doc) => doc.getText('t').insert(8, 'closed.'));
    await until(() => viewer.text() === 'minutes;closed.', 'system write reaches the reader');
    await server.close();
  });

  it('closes a connection that sends something other than the protocol', async () => {
    const server = new CollabServer(memoryStore().hooks, { roots: ['t'], onError: () => {} });
    const c = memoryClient(server, 'd');
    await server.document('d');
    c.session.receive(new Uint8Array([7, 1, 2]));
    await until(() => c.closed !== null, 'closed');
    expect(c.closed).toBe(CloseCode.BadRequest);
    await server.close();
  });

  it('loads a document once for concurrent callers and frees it after the last connection', async () => {
    let loads = 0;
    const store = memoryStore();
    const server = new CollabServer({ ...store.hooks, loadDocument: async (n) => (loads++, store.hooks.loadDocument(n)) }, { roots: ['t'], unloadAfterMs: 5 });
    const [d1, d2] = await Promise.all([server.document('d'), server.document('d')]);
    expect(d1).toBe(d2);
    expect(loads).toBe(1);
    const c = memoryClient(server, 'd');
    await until(() => server.stats().documents === 1);
    c.session.closed();
    await until(() => server.stats().documents === 0, 'unloaded');
    await server.close();
  });
});

/** A sync message (step 1, step 2 or update) around a payload, as y-websocket frames it. */
function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness message as the editor's caret sends it: this client's cursor moved to `at`. */
function cursorMessage(awareness: awarenessProtocol.Awareness, at: number): Uint8Array {
  awareness.setLocalStateField('cursor', { anchor: at, head: at });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
  return encoding.toUint8Array(encoder);
}

/** A Yjs update that writes `text` into the root text `root` of a fresh document. */
function textUpdate(root: string, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(root).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('CollabServer under hostile input', () => {
  it('refuses a read-only connection’s update by its type, without decoding it', async () => {
    const errors: string[] = [];
    const store = memoryStore();
    const server = new CollabServer(store.hooks, { roots: ['t'], onError: (m) => errors.push(m) });
    const viewer = memoryClient(server, 'd', { readOnly: true });
    await server.document('d');
    await until(() => viewer.doc.getText('t').length === 0 && errors.length === 0);
    // Not a Yjs update at all: decoding it would throw (and close the connection as malformed).
    viewer.session.receive(syncMessage(syncProtocol.messageYjsUpdate, new Uint8Array(4096).fill(0xff)));
    await until(() => viewer.denied.length === 1, 'denied');
    expect(viewer.closed).toBeNull();
    expect(errors).toEqual([]);
    // A follower's answer to the server's step 1 is not read either: no denial, no error.
    viewer.session.receive(syncMessage(syncProtocol.messageYjsSyncStep2, new Uint8Array(4096).fill(0xff)));
    await new Promise((r) => setTimeout(r, 20));
    expect(viewer.denied.length).toBe(1);
    expect(viewer.closed).toBeNull();
    expect(errors).toEqual([]);
    expect(store.stored('d')).toBe(0);
    await server.close();
  });

  it('closes a read-only connection that sends more than a few KB in one message (1009), before reading it', async () => {
    const errors: string[] = [];
    const store = memoryStore();
    const server = new CollabServer(store.hooks, { roots: ['t'], onError: (m) => errors.push(m) });
    const writer = memoryClient(server, 'd');
    writer.doc.getText('t').insert(0, 'minutes;');
    const viewer = memoryClient(server, 'd', { readOnly: true });
    await until(() => viewer.text() === 'minutes;', 'viewer synced');
    viewer.session.receive(syncMessage(syncProtocol.messageYjsUpdate, textUpdate('t', 'x'.repeat(15 * 1024 * 1024))));
    await until(() => viewer.closed !== null, 'closed');
    expect(viewer.closed).toBe(CloseCode.MessageTooBig);
    expect(viewer.denied).toEqual([]);
    expect((await server.document('d')).getText('t').toString()).toBe('minutes;');
    expect(server.stats().refused.tooBig).toBe(1);
    await server.close();
  });

  it('closes a writer whose message exceeds the writers’ cap (1009): nothing stored or shared', async () => {
    const { store, server, writer, other, stored } = await writerAndOther();
    writer.session.receive(syncMessage(syncProtocol.messageYjsUpdate, textUpdate('t', 'x'.repeat(3 * 1024 * 1024))));
    await until(() => writer.closed !== null, 'closed');
    expect(writer.closed).toBe(CloseCode.MessageTooBig);
    expect(store.stored('d')).toBe(stored);
    expect(other.text()).toBe('minutes;');
    // A long paste within the cap goes through.
    other.doc.getText('t').insert(0, '长'.repeat(300_000));
    await until(() => store.stored('d') === stored + 1, 'paste stored');
    expect(other.closed).toBeNull();
    await server.close();
  });

  it('closes a connection that floods (4429), but not a writer typing fast for a minute', async () => {
    let now = 0;
    const store = memoryStore();
    const server = new CollabServer(store.hooks, { roots: ['t'], now: () => now });
    const typist = memoryClient(server, 'd');
    const caret = new awarenessProtocol.Awareness(typist.doc);
    await server.document('d');
    // 20 keystrokes a second, each with a cursor move, for a minute; a 200-update burst (key held down, undo) at the start.
    for (let i = 0; i < 200; i++) typist.doc.getText('t').insert(typist.doc.getText('t').length, 'x');
    for (let s = 0; s < 60; s++) {
      now += 1000;
      for (let k = 0; k < 20; k++) {
        typist.doc.getText('t').insert(typist.doc.getText('t').length, '字');
        typist.session.receive(cursorMessage(caret, typist.doc.getText('t').length));
      }
    }
    await until(() => (server.stats().documents === 1 && store.stored('d') > 0), 'stored');
    expect(typist.closed).toBeNull();

    const flooder = memoryClient(server, 'd');
    const viewer = memoryClient(server, 'd', { readOnly: true });
    await until(() => flooder.text().length === typist.text().length, 'flooder synced');
    const flooderCaret = new awarenessProtocol.Awareness(flooder.doc);
    for (let i = 0; i < 2000 && flooder.closed === null; i++) flooder.session.receive(cursorMessage(flooderCaret, i));
    for (let i = 0; i < 200 && viewer.closed === null; i++) viewer.session.receive(cursorMessage(flooderCaret, i));
    expect(flooder.closed).toBe(CloseCode.TooManyMessages);
    expect(viewer.closed).toBe(CloseCode.TooManyMessages);
    // Requests for the whole document cost the server an encoding of it each: a handful per connection.
    const asker = memoryClient(server, 'd', { readOnly: true });
    await until(() => asker.text().length === typist.text().length, 'asker synced');
    for (let i = 0; i < 20 && asker.closed === null; i++) asker.session.receive(new Uint8Array([MessageType.QueryAwareness]));
    expect(asker.closed).toBe(CloseCode.TooManyMessages);
    expect(typist.closed).toBeNull();
    expect(server.stats().refused.flood).toBe(3);
    for (const a of [caret, flooderCaret]) a.destroy();
    await server.close();
  });

  it('refuses a writer’s update that creates a root the editor does not show (4422): not stored, not shared', async () => {
    const { store, server, writer, other, stored } = await writerAndOther();
    writer.doc.getText('hidden').insert(0, 'x'.repeat(100_000));
    await until(() => writer.closed !== null, 'closed');
    expect(writer.closed).toBe(CloseCode.ContentRefused);
    expect(store.stored('d')).toBe(stored);
    const doc = await server.document('d');
    expect(doc.share.has('hidden')).toBe(false);
    expect(other.doc.share.has('hidden')).toBe(false);

    // Nor a map key on the editor's root, a nested map, or a subdocument.
    for (const forge of [
      (d: Y.Doc) => d.getMap('t').set('key', 'value'),
      (d: Y.Doc) => d.getXmlFragment('t').insert(0, [new Y.Map() as never]),
      (d: Y.Doc) => d.getXmlFragment('t').insert(0, [new Y.Doc() as never]),
    ]) {
      const forger = memoryClient(server, 'd');
      await until(() => forger.text() === 'minutes;', 'forger synced');
      const scratch = new Y.Doc();
      forge(scratch);
      forger.session.receive(syncMessage(syncProtocol.messageYjsUpdate, Y.encodeStateAsUpdate(scratch)));
      await until(() => forger.closed !== null, 'forger closed');
      expect(forger.closed).toBe(CloseCode.ContentRefused);
    }
    expect(store.stored('d')).toBe(stored);
    expect(server.stats().refused.content).toBe(4);

    // Editing goes on.
    other.doc.getText('t').insert(0, 'more;');
    await until(() => store.stored('d') === stored + 1, 'edit stored');
    expect((await server.document('d')).getText('t').toString()).toBe('more;minutes;');
    await server.close();
  });

  it('refuses a writer’s update that would grow the document beyond its cap (4422): not stored', async () => {
    const store = memoryStore();
    const server = new CollabServer(store.hooks, { roots: ['t'], limits: { documentBytes: 64 * 1024 } });
    const writer = memoryClient(server, 'd');
    await server.document('d');
    writer.doc.getText('t').insert(0, 'x'.repeat(40 * 1024));
    await until(() => store.stored('d') > 0, 'first stored');
    const stored = store.stored('d');
    writer.doc.getText('t').insert(0, 'y'.repeat(40 * 1024));
    await until(() => writer.closed !== null, 'closed');
    expect(writer.closed).toBe(CloseCode.ContentRefused);
    expect(store.stored('d')).toBe(stored);
    expect((await server.document('d')).getText('t').length).toBe(40 * 1024);
    await server.close();
  });

  it('keeps a read-only connection’s awareness and a writer’s awareness within a few KB', async () => {
    const server = new CollabServer(memoryStore().hooks, { roots: ['t'] });
    const writer = memoryClient(server, 'd');
    await server.document('d');
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'x'.repeat(5_000) } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
    writer.session.receive(encoding.toUint8Array(encoder));
    await until(() => writer.closed !== null, 'closed');
    expect(writer.closed).toBe(CloseCode.MessageTooBig);
    await server.close();
  });
});
