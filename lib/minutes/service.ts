import type { MeetingHub } from '../meeting/hub';
import type { MeetingEvent } from '../meeting/state';
import { recorderNames } from '../meeting/queries';
import type { Db } from '../platform/db/client';
import * as Y from 'yjs';
import { liveSessions } from '../meeting/procedure/openspace/model';
import { breakoutMarkdown, copyHarvestIntoMinutes, wireBreakoutNotes } from './breakouts';
import { CollabServer, type CollabRelay } from './collab/server';
import { minutesHTML, minutesJSON, minutesJSONFromState, minutesMarkdown } from './export';
import { MINUTES_FIELD, minutesDocName } from './schema';
import { createMinutesStore, listSnapshots, readSnapshot, saveSnapshot } from './store';
import { createMinutesWriter } from './writer';

/**
 * The minutes, assembled: the collaboration server over the database store, the server as author of
 * the facts (fed by the meeting hub, and after every client edit), and the reads behind the exports
 * and snapshot routes. With several server nodes, `relay` shares the live documents between them.
 */
export function createMinutesService(db: Db, hub: MeetingHub, opts: { relay?: CollabRelay } = {}) {
  const store = createMinutesStore(db);
  // The writer needs the collab server and the collab server calls the writer after client edits.
  let writer: ReturnType<typeof createMinutesWriter> | null = null;
  // Clients may write only the editor's fragment; the server's facts go into the same one.
  const collab = new CollabServer({ ...store, afterClientUpdate: (name, doc) => writer?.onClientUpdate(name, doc) }, { roots: [MINUTES_FIELD], relay: opts.relay });
  writer = createMinutesWriter({
    hub,
    collab,
    recordersOf: (meetingId) => recorderNames(db, meetingId),
    saveSnapshot: async (docName, label, reason) => {
      await saveSnapshot(db, docName, await collab.document(docName), label, reason);
    },
  });
  const w = writer;
  // The open space's session notes live on the same server (their template, their lock at the close).
  wireBreakoutNotes(hub, collab, (message, err) => console.error(`[collab] ${message}`, err));
  // An open space's harvest goes into the minutes at the close, before the closing snapshot. Callers at
  // the same moment (the close, the record) share one copy in flight; once done it is forgotten, since a
  // later call finds the copy marked in the document and does nothing.
  const harvests = new Map<string, Promise<void>>();
  const harvest = (meetingId: string) => {
    let done = harvests.get(meetingId);
    if (!done) {
      done = hub.state(meetingId)
        .then((state) => copyHarvestIntoMinutes(collab, minutesDocName(meetingId), meetingId, state))
        .catch((err: unknown) => console.error('[collab] could not copy the harvest into the minutes', meetingId, err))
        .finally(() => harvests.delete(meetingId));
      harvests.set(meetingId, done);
    }
    return done;
  };
  const closes = (events: MeetingEvent[]) => events.some((e) => e.type === 'meeting.statusChanged' && e.data.status === 'closed');
  // On every node, before anything else hears of the close (the hub tells applied listeners first): from
  // that moment no recorder's edit is taken (the record is built from the document after this), and
  // every open editor is told (4423).
  hub.onApplied((meetingId, events) => {
    if (closes(events)) collab.lock(minutesDocName(meetingId));
  });
  // The facts are written once, by the node that decided the events.
  hub.onEvents((meetingId, events) => {
    if (closes(events)) void harvest(meetingId).then(() => w.onMeetingEvents(meetingId, events));
    else w.onMeetingEvents(meetingId, events);
  });

  const access = {
    html: async (meetingId: string) => minutesHTML(minutesJSON(await collab.document(minutesDocName(meetingId)))),
    markdown: async (meetingId: string) => minutesMarkdown(minutesJSON(await collab.document(minutesDocName(meetingId)))),
    /** The minutes as they go into the meeting's record: after every pending fact has been written. */
    final: async (meetingId: string) => {
      // After a restart between the close and the record the harvest is copied now (once: it is marked).
      if ((await hub.state(meetingId)).status === 'closed') await harvest(meetingId);
      await w.reconcile(meetingId);
      const doc = await collab.document(minutesDocName(meetingId));
      const json = minutesJSON(doc);
      // An open space's session notes, as Markdown, by session (the record commits to each).
      const os = (await hub.state(meetingId)).openSpace;
      const notes = os ? Object.fromEntries(await Promise.all(liveSessions(os).map(async (x) => [x.id, await breakoutMarkdown(collab, meetingId, x.id)] as const))) : undefined;
      return { html: minutesHTML(json), markdown: minutesMarkdown(json), yjsState: Y.encodeStateAsUpdate(doc), ...(notes ? { notes } : {}) };
    },
    snapshots: async (meetingId: string) =>
      (await listSnapshots(db, minutesDocName(meetingId))).map(({ id, label, reason, createdAt }) => ({ id, label, reason, createdAt })),
    snapshotHtml: async (meetingId: string, snapshotId: string) => {
      const snap = /^\d{1,12}$/.test(snapshotId) ? await readSnapshot(db, snapshotId) : null;
      if (!snap || snap.docName !== minutesDocName(meetingId)) return null;
      return minutesHTML(minutesJSONFromState(snap.state));
    },
  };

  return { collab, writer: w, access };
}
