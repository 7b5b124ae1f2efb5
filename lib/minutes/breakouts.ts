import * as Y from 'yjs';
import type { MeetingHub } from '../meeting/hub';
import type { MeetingState } from '../meeting/state';
import { inGridOrder } from '../meeting/procedure/openspace/model';
import { breakoutDocName, HARVEST_HEADINGS } from '../meeting/procedure/openspace/notes';
import type { CollabServer } from './collab/server';
import { minutesJSON, minutesMarkdown } from './export';
import { MINUTES_FIELD } from './schema';

/**
 * The open space's session notes on the minutes' collaboration server: each proposal gets its note with
 * the harvest template as it is proposed, and every note is locked with the minutes when the meeting
 * closes (lib/meeting/procedure/openspace/notes.ts says who writes).
 */
export function wireBreakoutNotes(hub: MeetingHub, collab: CollabServer, onError: (message: string, err: unknown) => void) {
  // The template is written once, by the node that decided the proposal…
  hub.onEvents((meetingId, events) => {
    for (const e of events) {
      if (e.type !== 'openSpace.proposed') continue;
      collab.transactAsSystem(breakoutDocName(meetingId, e.data.id), writeHarvestTemplate).catch((err: unknown) => onError('could not write a session note template', err));
    }
  });
  // …and every node locks its editors of the notes at the close.
  hub.onApplied((meetingId, events, state) => {
    if (!events.some((e) => e.type === 'meeting.statusChanged' && e.data.status === 'closed')) return;
    for (const x of state.openSpace?.sessions ?? []) collab.lock(breakoutDocName(meetingId, x.id));
  });
}

/** 讨论要点 / 建议 / 需要谁来做, each heading with an empty paragraph under it; only into an empty note. */
export function writeHarvestTemplate(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  if (fragment.length) return;
  fragment.insert(0, HARVEST_HEADINGS.flatMap((title) => [heading(3, title), new Y.XmlElement('paragraph')]));
}

/** A note as Markdown, for the minutes and the record. */
export async function breakoutMarkdown(collab: CollabServer, meetingId: string, sessionId: string): Promise<string> {
  return minutesMarkdown(minutesJSON(await collab.document(breakoutDocName(meetingId, sessionId))));
}

/** Where the minutes remember that the harvests were copied in (a root clients cannot write). */
const SYSTEM_ROOT = 'yishi';
const HARVEST_COPIED = 'harvestCopied';

/**
 * The open space's harvest in the minutes (分组收获): when the meeting closes, each session's note that
 * holds more than the empty template is appended to the minutes under the session's title, slot, room
 * and host, so the minutes read on their own, as the hall heard the harvest. Copied once (a restart
 * between the close and the record does it then, not twice); the notes themselves stay as they were
 * and the record commits to each as well.
 */
export async function copyHarvestIntoMinutes(collab: CollabServer, minutesName: string, meetingId: string, state: MeetingState): Promise<void> {
  const os = state.openSpace;
  if (!os) return;
  const notes: { title: string; doc: Y.Doc }[] = [];
  for (const x of inGridOrder(os)) {
    const doc = await collab.document(breakoutDocName(meetingId, x.id));
    if (!hasHarvest(doc)) continue;
    const slot = os.slots.find((y) => y.id === x.slotId)?.label;
    const room = os.rooms.find((y) => y.id === x.roomId)?.name;
    notes.push({ title: `${slot && room ? `${slot} · ${room}：` : ''}${x.title}（发起人：${x.hostName}）`, doc });
  }
  await collab.transactAsSystem(minutesName, (doc) => {
    const flags = doc.getMap<boolean>(SYSTEM_ROOT);
    if (flags.get(HARVEST_COPIED)) return;
    flags.set(HARVEST_COPIED, true);
    if (!notes.length) return;
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    fragment.insert(fragment.length, [
      heading(2, '分组收获'),
      ...notes.flatMap(({ title, doc: note }) => [
        heading(3, title),
        // The note's own headings (讨论要点 …) go one level down, under the session's.
        ...note.getXmlFragment(MINUTES_FIELD).toArray().filter((n) => !(n instanceof Y.XmlHook)).map((n) => {
          const copy = (n as Y.XmlElement | Y.XmlText).clone();
          if (copy instanceof Y.XmlElement && copy.nodeName === 'heading') copy.setAttribute('level', 4 as unknown as string);
          return copy;
        }),
      ]),
    ]);
  });
}

/** Whether a note holds anything beyond the template's headings. */
function hasHarvest(note: Y.Doc): boolean {
  return note.getXmlFragment(MINUTES_FIELD).toArray().some((n) => n instanceof Y.XmlElement && n.nodeName !== 'heading' && textOf(n).trim() !== '');
}

function textOf(n: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (n instanceof Y.XmlText) return n.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  if (n instanceof Y.XmlElement) return n.toArray().map((c) => textOf(c as Y.XmlElement | Y.XmlText)).join('');
  return '';
}

function heading(level: number, title: string): Y.XmlElement {
  const h = new Y.XmlElement('heading');
  h.setAttribute('level', level as unknown as string); // y-prosemirror keeps attribute values as they are
  h.insert(0, [new Y.XmlText(title)]);
  return h;
}
