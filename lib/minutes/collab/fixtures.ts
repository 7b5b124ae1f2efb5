import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { readAuthMessage } from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from './protocol';
import type { CollabHooks, CollabRelay, CollabServer, RelayListener, RelayMessage } from './server';

/**
 * The collaboration core's test doubles, shared by its unit tests and the relay's integration test:
 * storage in memory, a y-websocket client over an in-memory connection, and a relay bus in memory.
 */

/** Storage in memory; with `hold`, each store waits until the test releases it. */
export function memoryStore(opts: { hold?: boolean } = {}) {
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

export type MemoryClient = ReturnType<typeof memoryClient>;

/**
 * A minimal y-websocket client: a doc, a session, and what the server sent it. With `awareness`, it
 * also keeps the others' awareness as the server tells it, and announces its own (`setCursor`) the way
 * y-websocket does; `destroy` then stops the awareness' timer.
 */
export function memoryClient(server: CollabServer, docName: string, opts: { readOnly?: boolean; name?: string; awareness?: boolean } = {}) {
  const doc = new Y.Doc();
  const awareness = opts.awareness ? new awarenessProtocol.Awareness(doc) : null;
  const c = {
    doc,
    awareness,
    denied: [] as string[],
    closed: null as number | null,
    /** The server answered the client's sync step 1: the client holds the document, and the server all it had. */
    synced: false,
    session: null as unknown as ReturnType<CollabServer['connect']>,
    text: () => doc.getText('t').toString(),
    /** The user names of the other clients whose awareness this client holds. */
    peers: () => [...(awareness?.getStates() ?? new Map()).entries()]
      .filter(([id]) => id !== doc.clientID)
      .map(([, state]) => (state as { user?: { name?: string } }).user?.name ?? '?'),
    /** Announces a cursor, claiming `claimedName` as y-prosemirror's caret does. */
    setCursor: (at: number, claimedName = opts.name ?? 'someone') => {
      awareness!.setLocalState({ user: { name: claimedName }, cursor: { anchor: at, head: at } });
    },
    destroy: () => awareness?.destroy(),
  };
  c.session = server.connect(docName, {
    send: (bytes) => {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Sync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.Sync);
        if (syncProtocol.readSyncMessage(decoder, reply, doc, 'server') === syncProtocol.messageYjsSyncStep2) c.synced = true;
        if (encoding.length(reply) > 1) queueMicrotask(() => c.session.receive(encoding.toUint8Array(reply)));
      } else if (type === MessageType.Auth) {
        readAuthMessage(decoder, doc, (_d, reason) => c.denied.push(reason));
      } else if (type === MessageType.Awareness && awareness) {
        awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
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
  awareness?.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin !== 'local') return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
    c.session.receive(encoding.toUint8Array(encoder));
  });
  // The client's half of the handshake.
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, MessageType.Sync);
  syncProtocol.writeSyncStep1(step1, doc);
  c.session.receive(encoding.toUint8Array(step1));
  return c;
}

/** Waits for a condition, polling; fails with `what` after about a second (or `tries` × 2 ms). */
export const until = async (cond: () => boolean, what = 'condition', tries = 500) => {
  for (let i = 0; i < tries; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`timed out: ${what}`);
};

/**
 * Relays of several nodes over one bus in memory. A message reaches every other node subscribed to its
 * document a timer tick later (as over a network), in the order it was published. While `losing`, the
 * bus drops every message, as a broken connection would; `missed()` on a node's relay then says so.
 */
export function memoryRelayBus() {
  const listeners = new Map<string, Set<{ node: number; listener: RelayListener }>>();
  let nodes = 0;
  const bus = {
    published: [] as { node: number; doc: string; message: RelayMessage }[],
    losing: false,
    /** How many nodes are subscribed to `doc`. */
    subscribers: (doc: string) => listeners.get(doc)?.size ?? 0,
    relay: () => {
      const node = nodes++;
      const relay: CollabRelay & { missed(): void } = {
        publish: (doc, message) => {
          bus.published.push({ node, doc, message });
          if (bus.losing) return;
          for (const l of listeners.get(doc) ?? []) if (l.node !== node) setTimeout(() => l.listener.message(message), 0);
        },
        subscribe: async (doc, listener) => {
          const entry = { node, listener };
          const set = listeners.get(doc) ?? new Set();
          listeners.set(doc, set.add(entry));
          return () => void set.delete(entry);
        },
        missed: () => {
          for (const set of listeners.values()) for (const l of set) if (l.node === node) l.listener.missed();
        },
      };
      return relay;
    },
  };
  return bus;
}
