import type * as Y from 'yjs';
import type { MeetingHub } from '../meeting/hub';
import type { MeetingEvent } from '../meeting/state';
import { expectedFacts } from './expected-facts';
import { factsInPlace, reconcileFacts } from './reconcile';
import { minutesDocName } from './schema';

/** What the writer needs of the collaboration server (lib/minutes/collab). */
export type SystemWriter = {
  transactAsSystem(docName: string, fn: (doc: Y.Doc) => void): Promise<void>;
};
export type SnapshotSaver = (docName: string, label: string, reason: 'item_finished' | 'meeting_closed') => Promise<void>;

/**
 * Events that change no fact of the minutes, so they cost no reconciliation (which reads the whole
 * document): ballots count only when the poll closes, and the message on the screen is not minuted.
 * A unit test checks that each leaves expectedFacts unchanged.
 */
export const eventsWithoutFacts: ReadonlySet<MeetingEvent['type']> = new Set(['poll.ballot', 'message.shown', 'message.cleared']);

/**
 * The server as an author of the minutes: after every change of a meeting it brings the document's
 * fact blocks in line with the meeting (template, attendance, polls, speakers, new sections), and
 * after every recorder's edit it puts back any figure the edit touched. Snapshots are taken when an
 * agenda item ends and when the meeting closes.
 */
export function createMinutesWriter(opts: {
  hub: MeetingHub;
  collab: SystemWriter;
  recordersOf(meetingId: string): Promise<string[]>;
  saveSnapshot: SnapshotSaver;
}) {
  // One reconciliation at a time per meeting, in event order.
  const chains = new Map<string, Promise<void>>();
  const recorders = new Map<string, Promise<string[]>>();
  const settledRecorders = new Map<string, string[]>();

  // A reconciliation asked for while another one waits to start is that one: it reads the meeting's state
  // when it starts, so it covers both. A thousand check-ins in a few seconds were otherwise a thousand
  // copies of a growing document, seconds of the server's time while phones waited for their fan-out.
  const waiting = new Map<string, Promise<void>>();

  function reconcile(meetingId: string): Promise<void> {
    const queued = waiting.get(meetingId);
    if (queued) return queued;
    const run = async () => {
      waiting.delete(meetingId);
      let names = recorders.get(meetingId);
      if (!names) recorders.set(meetingId, (names = opts.recordersOf(meetingId)));
      const state = await opts.hub.state(meetingId);
      const list = await names;
      settledRecorders.set(meetingId, list);
      await opts.collab.transactAsSystem(minutesDocName(meetingId), (doc) => {
        reconcileFacts(doc, expectedFacts(state, list));
      });
    };
    const next = (chains.get(meetingId) ?? Promise.resolve()).then(run, run).catch((err) => {
      console.error('[minutes] could not write facts', meetingId, err);
    });
    chains.set(meetingId, next);
    waiting.set(meetingId, next);
    return next;
  }

  function onMeetingEvents(meetingId: string, events: MeetingEvent[]) {
    if (events.every((e) => eventsWithoutFacts.has(e.type))) return;
    void reconcile(meetingId).then(async () => {
      const docName = minutesDocName(meetingId);
      for (const e of events) {
        if (e.type === 'agenda.finished') {
          const state = await opts.hub.state(meetingId);
          const item = state.agenda.find((a) => a.id === e.data.itemId);
          await opts.saveSnapshot(docName, `议题结束：${item?.title ?? ''}`, 'item_finished');
        } else if (e.type === 'meeting.statusChanged' && e.data.status === 'closed') {
          await opts.saveSnapshot(docName, '会议结束', 'meeting_closed');
        }
      }
    }).catch((err) => console.error('[minutes] snapshot failed', meetingId, err));
  }

  /**
   * For the collaboration server's afterClientUpdate hook, with the live document. Most edits are
   * recorders' own text: a read-only check settles them, and only a touched fact costs a system write.
   */
  function onClientUpdate(docName: string, doc: Y.Doc) {
    const meetingId = docName.startsWith('minutes:') ? docName.slice('minutes:'.length) : null;
    // The facts are the deciding node's to write (with several nodes it hears every node's edits).
    if (!meetingId || !opts.hub.decidesHere(meetingId)) return;
    const state = opts.hub.loadedNow(meetingId)?.state;
    const names = settledRecorders.get(meetingId);
    if (state && names && factsInPlace(doc, expectedFacts(state, names))) return;
    void reconcile(meetingId);
  }

  return { reconcile, onMeetingEvents, onClientUpdate };
}
