import * as Y from 'yjs';
import type { MeetingHub } from '../meeting/hub';
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
  hub.onEvents((meetingId, events, state) => {
    for (const e of events) {
      if (e.type === 'openSpace.proposed') {
        collab.transactAsSystem(breakoutDocName(meetingId, e.data.id), writeHarvestTemplate).catch((err: unknown) => onError('could not write a session note template', err));
      } else if (e.type === 'meeting.statusChanged' && e.data.status === 'closed') {
        for (const x of state.openSpace?.sessions ?? []) collab.lock(breakoutDocName(meetingId, x.id));
      }
    }
  });
}

/** 讨论要点 / 建议 / 需要谁来做, each heading with an empty paragraph under it; only into an empty note. */
export function writeHarvestTemplate(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  if (fragment.length) return;
  fragment.insert(0, HARVEST_HEADINGS.flatMap((title) => {
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 3 as unknown as string); // y-prosemirror keeps attribute values as they are
    heading.insert(0, [new Y.XmlText(title)]);
    return [heading, new Y.XmlElement('paragraph')];
  }));
}

/** A note as Markdown, for the minutes and the record. */
export async function breakoutMarkdown(collab: CollabServer, meetingId: string, sessionId: string): Promise<string> {
  return minutesMarkdown(minutesJSON(await collab.document(breakoutDocName(meetingId, sessionId))));
}
