// The relay contract: two CollabServers ("nodes") sharing one store and an in-memory relay bus, with
// in-memory clients on each. What one node's client writes reaches the other's, is stored once, and is
// published only after it was stored; awareness follows; loads, locks and lost messages keep it whole.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryClient, memoryRelayBus, memoryStore, until, type MemoryClient } from './fixtures';
import { CloseCode } from './protocol';
import { CollabServer, type CollabHooks, type RelayListener } from './server';

const text = async (server: CollabServer, doc = 'd') => (await server.document(doc)).getText('t').toString();

/** Two nodes over one store and one bus; everything they opened is closed after the test. */
function twoNodes(opts: { hold?: boolean; hooksB?: (hooks: CollabHooks) => CollabHooks; unloadAfterMs?: number } = {}) {
  const store = memoryStore({ hold: opts.hold });
  const bus = memoryRelayBus();
  const relayA = bus.relay();
  const relayB = bus.relay();
  const a = new CollabServer(store.hooks, { roots: ['t'], relay: relayA, unloadAfterMs: opts.unloadAfterMs });
  const b = new CollabServer(opts.hooksB ? opts.hooksB(store.hooks) : store.hooks, { roots: ['t'], relay: relayB, unloadAfterMs: opts.unloadAfterMs });
  opened.push(a, b);
  return { store, bus, relayA, relayB, a, b };
}

const opened: (CollabServer | MemoryClient)[] = [];
const connect = (...args: Parameters<typeof memoryClient>) => {
  const c = memoryClient(...args);
  opened.push(c);
  return c;
};
afterEach(async () => {
  for (const x of opened.splice(0)) await (x instanceof CollabServer ? x.close() : x.destroy());
});

describe('CollabServer across nodes (relay)', () => {
  it('shares an edit with a client of the other node, stored once, and published only after it was stored', async () => {
    const { store, bus, a, b } = twoNodes({ hold: true });
    const onA = connect(a, 'd');
    const onB = connect(b, 'd');
    await Promise.all([a.document('d'), b.document('d')]);

    onA.doc.getText('t').insert(0, 'from A;');
    await until(() => store.held.length === 1, 'store started on A');
    await new Promise((r) => setTimeout(r, 10));
    // Not stored yet: not published, not seen on B.
    expect(bus.published).toEqual([]);
    expect(onB.text()).toBe('');
    store.held.shift()!();
    await until(() => onB.text() === 'from A;', 'edit reached B’s client');
    expect(store.stored('d')).toBe(1); // by A only: B applied it without storing it

    onB.doc.getText('t').insert(7, 'from B;');
    await until(() => store.held.length === 1, 'store started on B');
    store.held.shift()!();
    await until(() => onA.text() === 'from A;from B;', 'edit reached A’s client');
    expect(store.stored('d')).toBe(2);
    // Each node published its own update once and relayed nothing back.
    expect(bus.published.filter((p) => p.message.kind === 'update').map((p) => p.node)).toEqual([0, 1]);
    expect(await text(a)).toBe('from A;from B;');
    expect(await text(b)).toBe('from A;from B;');
    expect(a.stats().relayed).toEqual({ out: 1, in: 1 });
    expect(b.stats().relayed).toEqual({ out: 1, in: 1 });
  });

  it('relays the server’s own writes, stored once by the node that wrote them', async () => {
    const { store, a, b } = twoNodes();
    const onB = connect(b, 'd', { readOnly: true });
    await b.document('d');
    await a.transactAsSystem('d', (doc) => doc.getText('t').insert(0, 'fact;'));
    await until(() => onB.text() === 'fact;', 'system write reached B’s reader');
    expect(store.stored('d')).toBe(1);
    expect(await text(b)).toBe('fact;');
  });

  it('loads on one node what was written on the other before', async () => {
    const { a, b } = twoNodes();
    const onA = connect(a, 'd');
    onA.doc.getText('t').insert(0, 'one;');
    onA.doc.getText('t').insert(4, 'two;');
    const docA = await a.document('d');
    await until(() => docA.getText('t').toString() === 'one;two;', 'stored and applied on A');
    // B had not loaded the document: it heard nothing, and reads it from storage.
    expect(b.stats().relayed.in).toBe(0);
    const late = connect(b, 'd');
    await until(() => late.text() === 'one;two;', 'late client on B synced from storage');
  });

  it('converges when clients of both nodes type at once', async () => {
    const { store, a, b } = twoNodes();
    const clients = [connect(a, 'd'), connect(a, 'd'), connect(b, 'd'), connect(b, 'd')];
    await Promise.all([a.document('d'), b.document('d')]);
    for (let i = 0; i < 20; i++) {
      clients.forEach((c, n) => c.doc.getText('t').insert(i % 3 === 0 ? 0 : c.doc.getText('t').length, `${n}${i};`));
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    const typed = clients.flatMap((_, n) => Array.from({ length: 20 }, (_, i) => `${n}${i};`)).join('').length;
    await until(() => clients.every((c) => c.text().length === typed), 'every client has every edit', 2000);
    const final = clients[0]!.text();
    expect(clients.map((c) => c.text())).toEqual([final, final, final, final]);
    expect(await text(a)).toBe(final);
    expect(await text(b)).toBe(final);
    // What was stored is the same document.
    const fresh = new CollabServer(store.hooks, { roots: ['t'] });
    opened.push(fresh);
    expect(await text(fresh)).toBe(final);
  });

  it('relays awareness with the authenticated name, and its removal when the connection closes', async () => {
    const { a, b } = twoNodes();
    const ann = connect(a, 'd', { name: 'Ann', awareness: true });
    const bo = connect(b, 'd', { name: 'Bo', awareness: true });
    await Promise.all([a.document('d'), b.document('d')]);
    ann.setCursor(0, 'Mallory');
    await until(() => bo.peers().length === 1, 'Ann’s cursor reached Bo');
    expect(bo.peers()).toEqual(['Ann']);
    bo.setCursor(0);
    await until(() => ann.peers().length === 1, 'Bo’s cursor reached Ann');
    expect(ann.peers()).toEqual(['Bo']);

    ann.session.closed();
    await until(() => bo.peers().length === 0, 'Ann’s cursor removed on B');
    // A client connecting to B now sees only Bo.
    const cy = connect(b, 'd', { name: 'Cy', awareness: true });
    await until(() => cy.peers().length === 1, 'Cy sees Bo');
    expect(cy.peers()).toEqual(['Bo']);
  });

  it('does not lose what another node published while the document was loading', async () => {
    let releaseLoad: () => void = () => {};
    let loading = false;
    const { store, a, b } = twoNodes({
      hooksB: (hooks) => ({
        ...hooks,
        // Reads storage at once, then answers late: whatever is stored meanwhile is not in what it returns.
        loadDocument: async (name) => {
          const state = await hooks.loadDocument(name);
          loading = true;
          await new Promise<void>((resolve) => (releaseLoad = resolve));
          return state;
        },
      }),
    });
    const onA = connect(a, 'd');
    const docA = await a.document('d');
    onA.doc.getText('t').insert(0, 'before;');
    await until(() => docA.getText('t').toString() === 'before;', 'first edit stored');
    const loaded = b.document('d');
    try {
      await until(() => loading, 'B is loading');
      const stored = store.stored('d');
      onA.doc.getText('t').insert(7, 'during;');
      await until(() => store.stored('d') === stored + 1 && b.stats().relayed.in === 1, 'B heard the second edit while loading');
    } finally {
      releaseLoad();
    }
    expect((await loaded).getText('t').toString()).toBe('before;during;');
  });

  it('applies other nodes’ updates to a locked document, and refuses its own writers', async () => {
    const { store, a, b } = twoNodes();
    const writerA = connect(a, 'd');
    const writerB = connect(b, 'd');
    const readerB = connect(b, 'd', { readOnly: true });
    await Promise.all([a.document('d'), b.document('d')]);
    b.lock('d');
    expect(writerB.closed).toBe(CloseCode.Locked);
    // A has not locked yet (it hears of the close a moment later): its writer's edit was stored there.
    writerA.doc.getText('t').insert(0, 'last words;');
    await until(() => readerB.text() === 'last words;', 'reached B’s reader');
    expect(store.stored('d')).toBe(1);
    expect(await text(b)).toBe('last words;');
    const late = connect(b, 'd');
    expect(late.closed).toBe(CloseCode.Locked);
    expect(b.stats().refused.locked).toBe(2);
  });

  it('catches up from storage when the relay says it lost messages', async () => {
    const { bus, relayB, a, b } = twoNodes();
    const onA = connect(a, 'd');
    const onB = connect(b, 'd');
    await Promise.all([a.document('d'), b.document('d')]);
    bus.losing = true;
    onA.doc.getText('t').insert(0, 'lost on the way;');
    await until(() => bus.published.length === 1, 'published (and lost)');
    await new Promise((r) => setTimeout(r, 10));
    expect(onB.text()).toBe('');
    bus.losing = false;
    relayB.missed();
    await until(() => onB.text() === 'lost on the way;', 'caught up from storage');
    // Nothing was stored or published again by catching up.
    expect(bus.published.length).toBe(1);
  });

  it('catches up from storage when a relayed update builds on one it never heard (its node died between storing and publishing)', async () => {
    const { bus, a, b } = twoNodes();
    const onA = connect(a, 'd');
    const onB = connect(b, 'd');
    await Promise.all([a.document('d'), b.document('d')]);
    // Stored on A, never heard on B: as if A's node died after storing it and before publishing.
    bus.losing = true;
    onA.doc.getText('t').insert(0, 'stored, not heard;');
    await until(() => bus.published.length === 1, 'stored and published (lost)');
    bus.losing = false;
    // What is typed next builds on it, and is heard; nobody says anything was missed.
    onA.doc.getText('t').insert(18, 'heard;');
    await until(() => onB.text() === 'stored, not heard;heard;', 'B’s client has both');
    expect(await text(b)).toBe('stored, not heard;heard;');
    expect((await b.document('d')).store.pendingStructs).toBeNull();
    expect(bus.published.length).toBe(2);
  });

  it('unsubscribes when a document is unloaded, even while other nodes keep writing to it', async () => {
    const { bus, a, b } = twoNodes({ unloadAfterMs: 20 });
    const onA = connect(a, 'd');
    const onB = connect(b, 'd');
    await until(() => bus.subscribers('d') === 2, 'both subscribed');
    onB.session.closed();
    // A's writer keeps typing; B has nobody on the document and frees it all the same.
    for (let i = 0; i < 100 && b.stats().documents; i++) {
      onA.doc.getText('t').insert(0, 'x');
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(b.stats().documents).toBe(0);
    expect(bus.subscribers('d')).toBe(1);
    // Loaded again, it holds everything stored meanwhile.
    expect(await text(b)).toBe(onA.text());
  });

  it('fails to load a document, and tells its connection, when it cannot subscribe', async () => {
    const errors: string[] = [];
    const store = memoryStore();
    const server = new CollabServer(store.hooks, {
      roots: ['t'],
      onError: (m) => errors.push(m),
      relay: { publish: () => {}, subscribe: async () => { throw new Error('relay down'); } },
    });
    opened.push(server);
    const c = connect(server, 'd');
    await until(() => c.closed !== null, 'closed');
    expect(c.closed).toBe(CloseCode.InternalError);
    expect(errors).toEqual(['could not load d']);
    await expect(server.document('d')).rejects.toThrow('relay down');
  });

  it('keeps a malformed relayed update from breaking the document', async () => {
    const errors: string[] = [];
    const store = memoryStore();
    let listener: RelayListener | null = null;
    const server = new CollabServer(store.hooks, {
      roots: ['t'],
      onError: (m) => errors.push(m),
      relay: { publish: () => {}, subscribe: async (_doc, l) => ((listener = l), () => {}) },
    });
    opened.push(server);
    const c = connect(server, 'd');
    await server.document('d');
    listener!.message({ kind: 'update', bytes: new Uint8Array([0xff, 0xff, 0xff]) });
    listener!.message({ kind: 'awareness', bytes: new Uint8Array([0xff]) });
    const good = new Y.Doc();
    good.getText('t').insert(0, 'fine;');
    listener!.message({ kind: 'update', bytes: Y.encodeStateAsUpdate(good) });
    await until(() => c.text() === 'fine;', 'the good update applied');
    expect(errors).toEqual(['could not apply a relayed update of d', 'could not apply relayed awareness of d']);
    expect(store.stored('d')).toBe(0);
  });
});
