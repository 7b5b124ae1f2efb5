// Reordering the agenda moves the minutes' sections: two writers (the facilitator and the recorder) type
// under the items of a planned meeting through the real minutes websocket, the agenda is reordered, and
// both editors end with every paragraph under its own item, once, and keep writing in the moved sections.
import { describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MINUTES_FIELD, minutesDocName } from '../../lib/minutes/schema';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { command, connect, staffCookie, waitFor, webSocketWithCookie } from '../support/server';

/** The top-level blocks: `item:<id>` for a section heading, the text for a paragraph, other facts by id. */
function outline(doc: Y.Doc): string[] {
  return doc.getXmlFragment(MINUTES_FIELD).toArray().map((n) => {
    const el = n as Y.XmlElement;
    if (el.nodeName === 'factBlock') return String(el.getAttribute('factId'));
    return el.toArray().map((c) => (c instanceof Y.XmlText ? c.toString().replace(/<[^>]+>/g, '') : '')).join('');
  });
}

/** Types a paragraph at the end of an item's section (before the next heading), as an editor would. */
function writeUnder(doc: Y.Doc, itemId: string, text: string) {
  const blocks = outline(doc);
  const start = blocks.indexOf(`item:${itemId}`);
  let at = start + 1;
  while (at < blocks.length && !blocks[at]!.startsWith('item:')) at++;
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    doc.getXmlFragment(MINUTES_FIELD).insert(at, [p]);
    const t = new Y.XmlText();
    p.insert(0, [t]);
    t.insert(0, text);
  });
}

/** The paragraphs under each section heading, in document order. */
function sections(doc: Y.Doc): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const b of outline(doc)) {
    if (b.startsWith('item:')) out.push([b.slice('item:'.length), []]);
    else if (out.length && b && !b.includes(':')) out[out.length - 1]![1].push(b);
  }
  return out;
}

describe('reordering the agenda moves the minutes sections', () => {
  const ctx = useScratchServer();

  it('keeps what two writers typed under each item, once, and both editors follow the move', async () => {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members: 3 });
    const meeting = await makeMeeting(db, community, { agenda: [{ title: '加装电梯' }, { title: '停车管理' }, { title: '垃圾分类' }] });
    const facCookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const recCookie = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
    const fac = connect(server.url, { meetingId: meeting.id }, { cookie: facCookie });
    await waitFor(() => !!fac.meeting, 10_000, 'facilitator');
    const [a, b, c] = fac.meeting!.agenda.map((i) => i.id) as [string, string, string];

    const open = (cookie: string) => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, minutesDocName(meeting.id), doc, {
        WebSocketPolyfill: webSocketWithCookie(cookie) as never, disableBc: true, maxBackoffTime: 200,
      });
      return { doc, provider };
    };
    const recorder = open(recCookie);
    const facilitator = open(facCookie);
    const writers = [recorder, facilitator];
    // The server writes the template on the first change it sees: here, the recorder's first (empty) line.
    await new Promise<void>((resolve) => recorder.provider.once('sync', () => resolve()));
    recorder.doc.getXmlFragment(MINUTES_FIELD).insert(0, [new Y.XmlElement('paragraph')]);
    for (const w of writers) await waitFor(() => outline(w.doc).includes(`item:${c}`), 15_000, 'the template');

    // Both write, under different items and under the same one.
    writeUnder(recorder.doc, a, '电梯：居民代表同意加装。');
    writeUnder(facilitator.doc, b, '停车：物业提出夜间方案。');
    writeUnder(recorder.doc, c, '垃圾分类：设置两个投放点。');
    writeUnder(facilitator.doc, a, '电梯：一楼住户提出补偿。');
    const typed = ['电梯：居民代表同意加装。', '停车：物业提出夜间方案。', '垃圾分类：设置两个投放点。', '电梯：一楼住户提出补偿。'];
    for (const w of writers) await waitFor(() => typed.every((t) => outline(w.doc).includes(t)), 15_000, 'both writers synced');
    const before = new Map(sections(recorder.doc).map(([id, ps]) => [id, ps.filter(Boolean).sort()]));
    expect(before.get(a)).toEqual(['电梯：一楼住户提出补偿。', '电梯：居民代表同意加装。']);

    // The first item goes last.
    expect((await command(fac, 'agenda.move', { itemId: a, toIndex: 2 })).ok).toBe(true);
    for (const w of writers) {
      await waitFor(() => sections(w.doc).map(([id]) => id).join() === [b, c, a].join(), 15_000, 'sections reordered');
    }
    for (const w of writers) {
      const after = sections(w.doc);
      expect(after.map(([id]) => id)).toEqual([b, c, a]);
      for (const [id, ps] of after) expect(ps.filter(Boolean).sort()).toEqual(before.get(id));
      // Nothing lost, nothing doubled.
      for (const t of typed) expect(outline(w.doc).filter((x) => x === t)).toHaveLength(1);
    }
    expect(outline(recorder.doc)).toEqual(outline(facilitator.doc));

    // The moved section is live: what the recorder adds there reaches the facilitator's editor.
    writeUnder(recorder.doc, a, '电梯：下次会议表决。');
    await waitFor(() => sections(facilitator.doc).find(([id]) => id === a)?.[1].includes('电梯：下次会议表决。') ?? false, 15_000, 'typing after the move');

    // The export reads the same order.
    const md = await (await fetch(`${server.url}/api/minutes/${meeting.id}/export?format=md`, { headers: { cookie: recCookie } })).text();
    const at = (s: string) => md.indexOf(s);
    expect(at('停车：物业提出夜间方案。')).toBeLessThan(at('垃圾分类：设置两个投放点。'));
    expect(at('垃圾分类：设置两个投放点。')).toBeLessThan(at('议题3：加装电梯'));
    expect(at('议题3：加装电梯')).toBeLessThan(at('电梯：居民代表同意加装。'));

    for (const w of writers) w.provider.destroy();
    fac.disconnect();
  });
});
