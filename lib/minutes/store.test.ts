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
