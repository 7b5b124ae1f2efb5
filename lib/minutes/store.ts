import * as Y from 'yjs';
import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import type { CollabHooks } from './collab/server';

/**
 * Where the minutes' Yjs documents live: an append-only log of updates (MinutesUpdate), a compacted
 * state per document (MinutesDoc), and labelled snapshots (MinutesSnapshot). The same code runs on
 * SQLite and PostgreSQL: Prisma's Bytes is a Uint8Array both ways.
 *
 * Compaction folds a document's logged updates into its state in one transaction and deletes exactly
 * the rows it folded, so an update appended meanwhile is never lost. Loading reads the log before the
 * state: a compaction committing between the two reads moves rows from the log into the state, which is
 * then read with them; merging the same update twice is harmless (Yjs updates are idempotent).
 */
export type MinutesStoreOptions = {
  /** Compact a document after this many appended updates (default 500). */
  compactEvery?: number;
  onError?: (message: string, err: unknown) => void;
};

export type MinutesStore = Pick<CollabHooks, 'loadDocument' | 'storeUpdate' | 'documentUnloaded'> & {
  compact(docName: string): Promise<void>;
};

export function createMinutesStore(db: Db, opts: MinutesStoreOptions = {}): MinutesStore {
  const compactEvery = opts.compactEvery ?? 500;
  const onError = opts.onError ?? ((message, err) => console.error(`[minutes-store] ${message}`, err));
  const appended = new Map<string, number>();
  // One compaction per document at a time; a request during one runs once more after it.
  const compacting = new Map<string, Promise<void>>();

  const compact = (docName: string): Promise<void> => {
    const running = compacting.get(docName);
    if (running) return running.then(() => compact(docName));
    const run = compactDocument(db, docName).finally(() => compacting.delete(docName));
    compacting.set(docName, run);
    return run;
  };

  return {
    loadDocument: async (docName) => {
      const state = await loadState(db, docName);
      appended.set(docName, state.pendingUpdates);
      return state.update;
    },
    storeUpdate: async (docName, update) => {
      await db.minutesUpdate.create({ data: { docName, data: bytes(update) } });
      const n = (appended.get(docName) ?? 0) + 1;
      appended.set(docName, n);
      if (n >= compactEvery) {
        appended.set(docName, 0);
        // Not awaited: the edit waits for its own row, not for the fold of the previous 500.
        compact(docName).catch((err) => onError(`compacting ${docName}`, err));
      }
    },
    documentUnloaded: async (docName) => {
      appended.delete(docName);
      await compact(docName);
    },
    compact,
  };
}

/** The document's whole stored state as one update (null if nothing is stored), and how many log rows it took. */
export async function loadState(db: Db, docName: string): Promise<{ update: Uint8Array | null; pendingUpdates: number }> {
  // The log first, then the state: see the comment at the top.
  const rows = await db.minutesUpdate.findMany({ where: { docName }, orderBy: { id: 'asc' }, select: { data: true } });
  const doc = await db.minutesDoc.findUnique({ where: { name: docName } });
  const parts = [...(doc ? [doc.state] : []), ...rows.map((r) => r.data)].map(bytes);
  if (!parts.length) return { update: null, pendingUpdates: 0 };
  return { update: parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), pendingUpdates: rows.length };
}

/**
 * Folds the logged updates of a document into its compacted state and deletes the folded rows.
 *
 * Several server nodes may compact one document at the same moment (each compacts after its own
 * appends, and when it unloads the document). Under read committed, a compaction that read the log
 * before another's commit would otherwise overwrite the newer state with one lacking rows the other
 * had folded and deleted. So the state is replaced only if it is still the version read (`throughId`,
 * a row folded once, so never the same for two versions) and created only if none appeared meanwhile;
 * the compaction that loses rolls back, and its rows stay in the log for the next one.
 */
export async function compactDocument(db: Db, docName: string): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const rows = await tx.minutesUpdate.findMany({ where: { docName }, orderBy: { id: 'asc' } });
      if (!rows.length) return;
      const doc = await tx.minutesDoc.findUnique({ where: { name: docName } });
      const state = bytes(Y.mergeUpdates([...(doc ? [doc.state] : []), ...rows.map((r) => r.data)].map(bytes)));
      const throughId = rows[rows.length - 1]!.id;
      if (doc) {
        const { count } = await tx.minutesDoc.updateMany({ where: { name: docName, throughId: doc.throughId }, data: { state, throughId } });
        if (count !== 1) throw new CompactedMeanwhile();
      } else {
        await tx.minutesDoc.create({ data: { name: docName, state, throughId } });
      }
      await tx.minutesUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    }, { timeout: 30_000 });
  } catch (err) {
    if (err instanceof CompactedMeanwhile || isUniqueViolation(err)) return;
    throw err;
  }
}

/** Another compaction of the same document committed first (see `compactDocument`). */
class CompactedMeanwhile extends Error {}

// ── Snapshots ─────────────────────────────────────────────────────────────────────────────────

/** `id` is the row's number as a string (ids travel in URLs); snapshots are ordered by it. */
export type MinutesSnapshotInfo = { id: string; docName: string; label: string; reason: string; createdAt: Date };

/** Keeps a labelled copy of a document as it is now (e.g. reason 'item-finished', 'meeting-closed'). */
export async function saveSnapshot(db: Db, docName: string, doc: Y.Doc, label: string, reason: string): Promise<MinutesSnapshotInfo> {
  const row = await db.minutesSnapshot.create({
    data: { docName, label, reason, state: bytes(Y.encodeStateAsUpdate(doc)) },
  });
  return { id: String(row.id), docName: row.docName, label: row.label, reason: row.reason, createdAt: row.createdAt };
}

/** A document's snapshots, oldest first, without their content. */
export async function listSnapshots(db: Db, docName: string): Promise<MinutesSnapshotInfo[]> {
  const rows = await db.minutesSnapshot.findMany({
    where: { docName },
    orderBy: { id: 'asc' },
    select: { id: true, docName: true, label: true, reason: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** One snapshot with its content as a Yjs update (apply it to a fresh Y.Doc), or null. */
export async function readSnapshot(db: Db, id: string): Promise<(MinutesSnapshotInfo & { state: Uint8Array }) | null> {
  if (!/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > 2 ** 31 - 1) return null;
  const row = await db.minutesSnapshot.findUnique({ where: { id: Number(id) } });
  return row && { id: String(row.id), docName: row.docName, label: row.label, reason: row.reason, createdAt: row.createdAt, state: bytes(row.state) };
}

/**
 * A plain Uint8Array over its own ArrayBuffer. Drivers hand back Buffers (Node's subclass, possibly a
 * view into a shared pool), and Prisma's Bytes input is typed as Uint8Array<ArrayBuffer>.
 */
function bytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}
