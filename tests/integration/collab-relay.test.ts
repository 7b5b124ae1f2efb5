// The minutes across nodes: two CollabServers ("nodes") with the real store, each on its own Prisma
// client of one database, relayed through the real Redis (YISHI_TEST_REDIS_URL, default
// redis://127.0.0.1:6379; CI starts it, and without it this suite fails rather than skips). Clients are
// in-memory connections; the lead's cluster test drives real websockets through nginx.
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryClient, until, type MemoryClient } from '../../lib/minutes/collab/fixtures';
import { CollabServer } from '../../lib/minutes/collab/server';
import { createMinutesStore, loadState } from '../../lib/minutes/store';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { createRedisCollabRelay, decodeRelayFrame, encodeRelayFrame, type RedisCollabRelay } from '../../server/cluster/collab-relay';
import { databaseTargets, type ScratchDatabase } from '../support/databases';

const redisUrl = process.env.YISHI_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Waits up to about 10 s: a busy CI machine, a database and Redis in the way. */
const eventually = (cond: () => boolean, what: string) => until(cond, what, 5000);

describe('relay frames', () => {
  it('round-trips a node id and a message, and drops anything malformed whole', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const frame = encodeRelayFrame('node-甲', { kind: 'awareness', bytes });
    expect(decodeRelayFrame(frame)).toEqual({ nodeId: 'node-甲', message: { kind: 'awareness', bytes } });
    expect(decodeRelayFrame(encodeRelayFrame('n', { kind: 'update', bytes }))?.message.kind).toBe('update');
    const bad: Record<string, Uint8Array> = {
      empty: new Uint8Array(0),
      'no payload': frame.subarray(0, frame.length - 3),
      truncated: frame.subarray(0, 4),
      'other version': Uint8Array.from([2, ...frame.subarray(1)]),
      'unknown kind': Uint8Array.from([1, 1, 0x6e, 9, 1]),
      'empty node id': Uint8Array.from([1, 0, 1, 1]),
      'node id beyond the frame': Uint8Array.from([1, 200, 0x6e, 1, 1]),
      'node id not UTF-8': Uint8Array.from([1, 1, 0xff, 1, 1]),
    };
    for (const [what, f] of Object.entries(bad)) expect(decodeRelayFrame(f), what).toBeNull();
    expect(() => encodeRelayFrame('', { kind: 'update', bytes })).toThrow();
  });
});

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`minutes across nodes through Redis (${target.name})`, () => {
    let scratch: ScratchDatabase;
    const dbs: Db[] = [];
    beforeAll(async () => {
      // Fail loudly, once, if Redis is not there.
      const probe = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      try {
        await probe.connect();
        await probe.ping();
      } catch (err) {
        throw new Error(`Redis is not reachable at ${redisUrl} (set YISHI_TEST_REDIS_URL, or start Redis): ${String(err)}`);
      } finally {
        probe.disconnect();
      }
      scratch = await target.make();
      await applyMigrations(scratch.url);
      // One database, a client per node, as two server processes would have.
      dbs.push(createDb(scratch.url), createDb(scratch.url));
    }, 60_000);
    afterAll(async () => {
      for (const db of dbs) await db.$disconnect();
      await scratch?.drop();
    });

    type Node = { server: CollabServer; relay: RedisCollabRelay; pub: Redis; sub: Redis; subId: string; stored: () => number; errors: string[] };
    const opened: { nodes: Node[]; clients: MemoryClient[] } = { nodes: [], clients: [] };
    afterEach(async () => {
      for (const c of opened.clients.splice(0)) c.destroy();
      for (const n of opened.nodes.splice(0)) {
        await n.server.close();
        await n.relay.close();
        n.pub.disconnect();
        n.sub.disconnect();
      }
    });

    /** Two nodes on a channel prefix of their own, so that parallel runs on one Redis never meet. */
    async function twoNodes(opts: { unloadAfterMs?: number } = {}) {
      const prefix = `yishi-test-${randomBytes(6).toString('hex')}:`;
      const node = async (name: 'a' | 'b', db: Db): Promise<Node> => {
        const store = createMinutesStore(db);
        let stored = 0;
        const errors: string[] = [];
        const onError = (message: string) => void errors.push(message);
        // The subscriber reconnects soon, but not at once: a test can publish while it is away.
        const pub = new Redis(redisUrl);
        const sub = new Redis(redisUrl, { retryStrategy: () => 100 });
        // Asked before it subscribes (a subscriber may not ask), to cut it from Redis' side.
        const subId = String(await sub.call('CLIENT', 'ID'));
        const relay = createRedisCollabRelay({ pub, sub, nodeId: `node-${name}`, prefix, onError });
        const server = new CollabServer({ ...store, storeUpdate: (doc, update) => (stored++, store.storeUpdate(doc, update)) }, { roots: ['t'], relay, onError, unloadAfterMs: opts.unloadAfterMs });
        const n = { server, relay, pub, sub, subId, stored: () => stored, errors };
        opened.nodes.push(n);
        return n;
      };
      return { prefix, a: await node('a', dbs[0]!), b: await node('b', dbs[1]!) };
    }
    const connect = (...args: Parameters<typeof memoryClient>) => {
      const c = memoryClient(...args);
      opened.clients.push(c);
      return c;
    };
    const docName = () => `minutes:relay-${randomBytes(4).toString('hex')}`;
    const storedText = async (doc: string) => {
      const y = new Y.Doc();
      const { update } = await loadState(dbs[0]!, doc);
      if (update) Y.applyUpdate(y, update);
      return y.getText('t').toString();
    };

    it('shares an edit with the other node’s clients, stored once, by the node that took it', async () => {
      const { a, b } = await twoNodes();
      const doc = docName();
      const onA = connect(a.server, doc);
      const onB = connect(b.server, doc, { readOnly: true });
      await eventually(() => onA.synced && onB.synced, 'both synced');

      onA.doc.getText('t').insert(0, '会议开始;');
      await eventually(() => onB.text() === '会议开始;', 'edit reached B’s reader');
      expect([a.stored(), b.stored()]).toEqual([1, 0]);
      expect(await dbs[1]!.minutesUpdate.count({ where: { docName: doc } })).toBe(1);
      expect(await storedText(doc)).toBe('会议开始;');
      // A heard nothing of its own.
      expect(a.server.stats().relayed).toEqual({ out: 1, in: 0 });
      expect(b.server.stats().relayed).toEqual({ out: 0, in: 1 });
    });

    it('converges when writers on both nodes type at once, each update stored once', async () => {
      const { a, b } = await twoNodes();
      const doc = docName();
      const writers = [connect(a.server, doc), connect(a.server, doc), connect(b.server, doc), connect(b.server, doc)];
      await eventually(() => writers.every((w) => w.synced), 'all synced');
      for (let i = 0; i < 30; i++) {
        writers.forEach((w, n) => w.doc.getText('t').insert(i % 4 === 0 ? 0 : w.doc.getText('t').length, `${n}:${i};`));
        if (i % 3 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      const typed = writers.flatMap((_, n) => Array.from({ length: 30 }, (_, i) => `${n}:${i};`)).join('').length;
      await eventually(() => writers.every((w) => w.text().length === typed), 'every writer has every edit');
      const final = writers[0]!.text();
      expect(writers.map((w) => w.text())).toEqual(writers.map(() => final));
      expect((await a.server.document(doc)).getText('t').toString()).toBe(final);
      expect((await b.server.document(doc)).getText('t').toString()).toBe(final);
      expect(await storedText(doc)).toBe(final);
      expect(await dbs[0]!.minutesUpdate.count({ where: { docName: doc } })).toBe(a.stored() + b.stored());
    });

    it('relays the server’s own writes and serves a document first loaded on the other node from the database', async () => {
      const { a, b } = await twoNodes();
      const doc = docName();
      await a.server.transactAsSystem(doc, (d) => d.getText('t').insert(0, 'fact;'));
      const late = connect(b.server, doc);
      await eventually(() => late.text() === 'fact;', 'B loaded it from the database');
      await a.server.transactAsSystem(doc, (d) => d.getText('t').insert(5, 'another;'));
      await eventually(() => late.text() === 'fact;another;', 'the next one relayed');
      expect([a.stored(), b.stored()]).toEqual([2, 0]);
    });

    it('relays cursors with the authenticated name, and their removal when a connection closes', async () => {
      const { a, b } = await twoNodes();
      const doc = docName();
      const ann = connect(a.server, doc, { name: 'Ann', awareness: true });
      const bo = connect(b.server, doc, { name: 'Bo', awareness: true });
      await eventually(() => ann.synced && bo.synced, 'both synced');
      ann.setCursor(0, 'not Ann');
      await eventually(() => bo.peers().length === 1, 'Ann’s cursor on B');
      expect(bo.peers()).toEqual(['Ann']);
      ann.session.closed();
      await eventually(() => bo.peers().length === 0, 'Ann’s cursor gone on B');
    });

    it('applies the other node’s edits to a locked document: the last words before the close are kept', async () => {
      const { a, b } = await twoNodes();
      const doc = docName();
      const writerA = connect(a.server, doc);
      const writerB = connect(b.server, doc);
      const readerB = connect(b.server, doc, { readOnly: true });
      await eventually(() => writerA.synced && writerB.synced && readerB.synced, 'all synced');
      b.server.lock(doc);
      expect(writerB.closed).toBe(4423);
      writerA.doc.getText('t').insert(0, 'last words;');
      await eventually(() => readerB.text() === 'last words;', 'reached B’s reader');
      expect((await b.server.document(doc)).getText('t').toString()).toBe('last words;');
    });

    it('catches up from the database what was published while its subscriber connection was down', async () => {
      const { a, b } = await twoNodes();
      const doc = docName();
      const onA = connect(a.server, doc);
      const onB = connect(b.server, doc, { readOnly: true });
      await eventually(() => onA.synced && onB.synced, 'both synced');
      onA.doc.getText('t').insert(0, 'before;');
      await eventually(() => onB.text() === 'before;', 'relayed');

      // Redis drops B's subscriber (as a failover or a network cut would); B reconnects 100 ms later.
      // Killed through A's publishing connection, so A's next publish comes after it.
      await a.pub.call('CLIENT', 'KILL', 'ID', b.subId);
      onA.doc.getText('t').insert(7, 'while away;');
      await eventually(() => onB.text() === 'before;while away;', 'caught up after the reconnect');
      // From the database, not heard: B heard one message in all.
      expect(b.server.stats().relayed.in).toBe(1);
      // And the relay works again.
      onA.doc.getText('t').insert(18, 'after;');
      await eventually(() => onB.text() === 'before;while away;after;', 'relayed after the reconnect');
      expect(b.server.stats().relayed.in).toBe(2);
      expect(b.stored()).toBe(0);
    });

    it('unsubscribes a document’s channel when the node frees the document, and subscribes again when it loads it', async () => {
      const { prefix, a, b } = await twoNodes({ unloadAfterMs: 50 });
      const doc = docName();
      const channel = `${prefix}collab:${doc}`;
      const subscribers = async () => ((await a.pub.call('PUBSUB', 'NUMSUB', channel)) as [string, number])[1];
      const onA = connect(a.server, doc);
      const onB = connect(b.server, doc, { readOnly: true });
      await eventually(() => onA.synced && onB.synced, 'both synced');
      expect(await subscribers()).toBe(2);
      onB.session.closed();
      await eventually(() => b.server.stats().documents === 0, 'B freed the document');
      for (let i = 0; (await subscribers()) !== 1; i++) {
        if (i > 500) throw new Error('B is still subscribed');
        await new Promise((r) => setTimeout(r, 10));
      }
      onA.doc.getText('t').insert(0, 'while B had it closed;');
      const again = connect(b.server, doc, { readOnly: true });
      await eventually(() => again.text() === 'while B had it closed;', 'B loaded it again from the database');
      expect(await subscribers()).toBe(2);
      onA.doc.getText('t').insert(0, 'then;');
      await eventually(() => again.text() === 'then;while B had it closed;', 'B hears again');
    });

    it('drops a malformed frame on a document’s channel and goes on', async () => {
      const { prefix, a, b } = await twoNodes();
      const doc = docName();
      const onA = connect(a.server, doc);
      const onB = connect(b.server, doc, { readOnly: true });
      await eventually(() => onA.synced && onB.synced, 'both synced');
      await a.pub.publish(`${prefix}collab:${doc}`, Buffer.from('not a frame'));
      await a.pub.publish(`${prefix}collab:${doc}`, encodeRelayFrame('intruder', { kind: 'update', bytes: new Uint8Array([0xff, 0xff]) }));
      onA.doc.getText('t').insert(0, 'still fine;');
      await eventually(() => onB.text() === 'still fine;', 'relayed after the garbage');
      expect(b.relay.stats().malformed).toBe(1);
      expect(b.errors).toContain(`could not apply a relayed update of ${doc}`);
    });
  });
}
