// The minutes store on every supported database: the log, compaction and snapshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { databaseTargets, type ScratchDatabase } from '../../tests/support/databases';
import { createDb, type Db } from '../platform/db/client';
import { applyMigrations } from '../platform/db/migrate';
import { compactDocument, createMinutesStore, listSnapshots, loadState, readSnapshot, saveSnapshot } from './store';

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`minutes store (${target.name})`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
    }, 60_000);
    afterAll(async () => {
      await db?.$disconnect();
      await scratch?.drop();
    });

    const typed = (doc: Y.Doc, store: ReturnType<typeof createMinutesStore>, name: string, words: string[]) => {
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (const w of words) doc.getText('t').insert(doc.getText('t').length, w);
      return updates.reduce((p, u) => p.then(() => store.storeUpdate(name, u)), Promise.resolve());
    };
    const textOf = (update: Uint8Array | null) => {
      const doc = new Y.Doc();
      if (update) Y.applyUpdate(doc, update);
      return doc.getText('t').toString();
    };

    it('loads nothing for a new document, then the log, then compacted state plus newer rows', async () => {
      const store = createMinutesStore(db, { compactEvery: 1000 });
      expect(await store.loadDocument('minutes:a')).toBeNull();
      const doc = new Y.Doc();
      await typed(doc, store, 'minutes:a', ['a', 'b', 'c']);
      expect(textOf(await store.loadDocument('minutes:a'))).toBe('abc');
      await compactDocument(db, 'minutes:a');
      expect(await db.minutesUpdate.count({ where: { docName: 'minutes:a' } })).toBe(0);
      await typed(doc, store, 'minutes:a', ['d']);
      expect(textOf(await store.loadDocument('minutes:a'))).toBe('abcd');
      expect((await loadState(db, 'minutes:a')).pendingUpdates).toBe(1);
    });

    it('compacts on its own after N updates and when a document is unloaded', async () => {
      const store = createMinutesStore(db, { compactEvery: 3 });
      const doc = new Y.Doc();
      await typed(doc, store, 'minutes:b', ['1', '2', '3', '4']);
      await store.compact('minutes:b'); // waits for the compaction the third update started
      const row = await db.minutesDoc.findUnique({ where: { name: 'minutes:b' } });
      expect(row?.throughId).toBeGreaterThan(0);
      expect(textOf(await store.loadDocument('minutes:b'))).toBe('1234');
      await typed(doc, store, 'minutes:b', ['5']);
      await store.documentUnloaded!('minutes:b');
      expect(await db.minutesUpdate.count({ where: { docName: 'minutes:b' } })).toBe(0);
      expect(textOf(await store.loadDocument('minutes:b'))).toBe('12345');
      expect(await db.minutesUpdate.count({ where: { docName: 'minutes:a' } })).toBe(1); // other documents untouched
    });

    // PostgreSQL only: SQLite lets one writer at a time into the database, so the race cannot happen there.
    it.skipIf(target.name !== 'postgresql')('keeps every update when two nodes compact one document at the same moment', async () => {
      const name = 'minutes:race';
      const store = createMinutesStore(db, { compactEvery: 1000 });
      const doc = new Y.Doc();
      await typed(doc, store, name, ['1', '2']);
      await compactDocument(db, name);
      await typed(doc, store, name, ['3', '4']);
      const five = new Y.Doc();
      Y.applyUpdate(five, Y.encodeStateAsUpdate(doc));
      five.getText('t').insert(4, '5');

      // The other node's compaction, paused before its commit: it folds a row this one cannot see yet.
      const otherNode = createDb(scratch.url);
      const gate = { commit: null as (() => void) | null };
      const other = otherNode.$transaction(async (tx) => {
        await tx.minutesUpdate.create({ data: { docName: name, data: new Uint8Array(Y.encodeStateAsUpdate(five)) } });
        const rows = await tx.minutesUpdate.findMany({ where: { docName: name }, orderBy: { id: 'asc' } });
        const current = await tx.minutesDoc.findUniqueOrThrow({ where: { name } });
        const state = new Uint8Array(Y.mergeUpdates([current.state, ...rows.map((r) => r.data)]));
        await tx.minutesDoc.update({ where: { name }, data: { state, throughId: rows[rows.length - 1]!.id } });
        await tx.minutesUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        await new Promise<void>((resolve) => (gate.commit = resolve));
      }, { timeout: 30_000 });
      try {
        for (let i = 0; !gate.commit; i++) {
          if (i > 1000) throw new Error('the other compaction did not get ready');
          await new Promise((r) => setTimeout(r, 10));
        }
        // This node's compaction reads the log without the other's row, then waits for the state's row lock.
        const mine = compactDocument(db, name);
        for (let i = 0; ; i++) {
          const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          if (n > 0) break;
          if (i > 1000) throw new Error('this compaction never waited for the other');
          await new Promise((r) => setTimeout(r, 10));
        }
        gate.commit!();
        await other;
        await mine;
      } finally {
        gate.commit?.();
        await otherNode.$disconnect();
      }
      expect(textOf(await store.loadDocument(name))).toBe('12345');
    });

    it('saves, lists and reads snapshots', async () => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, '第一项结束');
      const first = await saveSnapshot(db, 'minutes:c', doc, '议题一结束', 'item-finished');
      doc.getText('t').insert(doc.getText('t').length, '；会议结束');
      const second = await saveSnapshot(db, 'minutes:c', doc, '会议结束', 'meeting-closed');
      const list = await listSnapshots(db, 'minutes:c');
      expect(list.map((s) => s.id)).toEqual([first.id, second.id]);
      expect(list[0]).toMatchObject({ label: '议题一结束', reason: 'item-finished', docName: 'minutes:c' });
      const read = await readSnapshot(db, first.id);
      expect(read?.state).toBeInstanceOf(Uint8Array);
      expect(textOf(read!.state)).toBe('第一项结束');
      expect(textOf((await readSnapshot(db, second.id))!.state)).toBe('第一项结束；会议结束');
      expect(await readSnapshot(db, '999999')).toBeNull();
      expect(await readSnapshot(db, 'not-a-number')).toBeNull();
    });
  });
}
