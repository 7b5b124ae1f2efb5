// The server as an author of the minutes: the poll block it writes matches the tally, a recorder who
// changes the figures gets them put back, recorders' text survives, snapshots are taken when an item
// ends, and the exports carry both.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseFactAttr } from '../../lib/minutes/facts';
import { MINUTES_FIELD, minutesDocName } from '../../lib/minutes/schema';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { command, connect, postJson, staffCookie, waitFor, webSocketWithCookie } from '../support/server';

const MOTION = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;

function factBlocks(doc: Y.Doc) {
  return doc.getXmlFragment(MINUTES_FIELD).toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'factBlock');
}

describe('facts in the minutes', () => {
  const ctx = useScratchServer();

  it('writes the poll with its tally, restores figures a recorder changed, snapshots and exports', async () => {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members: 4 });
    const meeting = await makeMeeting(db, community);
    const facCookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const fac = connect(server.url, { meetingId: meeting.id }, { cookie: facCookie });
    await waitFor(() => !!fac.meeting, 10_000, 'facilitator');
    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    const itemId = fac.meeting!.agenda[0]!.id;
    expect((await command(fac, 'agenda.start', { itemId })).ok).toBe(true);

    const voters = [];
    for (const m of community.roster.slice(0, 3)) {
      const r = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
      const s = connect(server.url, { participantToken: r.body.participantToken });
      await waitFor(() => !!s.meeting, 10_000, 'member');
      expect((await command(s, 'attendance.checkInSelf')).ok).toBe(true);
      voters.push(s);
    }
    expect((await command(fac, 'poll.create', { question: '是否同意方案？', kind: 'motion', rule: MOTION })).ok).toBe(true);
    await waitFor(() => fac.meeting!.polls.length === 1);
    const pollId = fac.meeting!.polls[0]!.id;
    expect((await command(fac, 'poll.open', { pollId })).ok).toBe(true);
    for (const [i, s] of voters.entries()) {
      expect((await command(s, 'poll.vote', { pollId, choices: [i === 2 ? 'no' : 'yes'], idempotencyKey: randomUUID() })).ok).toBe(true);
    }
    expect((await command(fac, 'poll.close', { pollId })).ok).toBe(true);

    // A recorder opens the minutes.
    const recCookie = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, minutesDocName(meeting.id), doc, {
      WebSocketPolyfill: webSocketWithCookie(recCookie) as never, disableBc: true, maxBackoffTime: 200,
    });
    const pollBlock = () => factBlocks(doc).find((b) => b.getAttribute('factId') === `poll:${pollId}`);
    await waitFor(() => !!pollBlock(), 15_000, 'poll block in the minutes');
    expect(parseFactAttr(pollBlock()!.getAttribute('data'))).toMatchObject({ tally: { yes: 2, no: 1, abstain: 0 }, voted: 3, result: 'passed' });
    expect(factBlocks(doc).map((b) => b.getAttribute('factId'))).toEqual(
      expect.arrayContaining(['header', 'attendance', `item:${itemId}`]),
    );

    // The recorder writes a paragraph and tampers with the tally; the figures come back, the text stays.
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    t.insert(0, '居民代表对方案表示认可。');
    p.insert(0, [t]);
    doc.transact(() => {
      doc.getXmlFragment(MINUTES_FIELD).insert(3, [p]);
      const forged = parseFactAttr(pollBlock()!.getAttribute('data'))!;
      pollBlock()!.setAttribute('data', JSON.stringify({ ...forged, tally: { yes: 0, no: 3, abstain: 0 } }));
    });
    await waitFor(() => parseFactAttr(pollBlock()?.getAttribute('data'))?.kind === 'poll'
      && (parseFactAttr(pollBlock()!.getAttribute('data')) as { tally: Record<string, number> }).tally.yes === 2, 15_000, 'tally restored');
    // … and a deleted block is put back.
    doc.transact(() => {
      const f = doc.getXmlFragment(MINUTES_FIELD);
      const i = f.toArray().indexOf(pollBlock()!);
      f.delete(i, 1);
    });
    await waitFor(() => !!pollBlock(), 15_000, 'poll block re-inserted');

    // Ending the item takes a snapshot; the exports hold the facts and the recorder's words.
    expect((await command(fac, 'agenda.finish', { itemId })).ok).toBe(true);
    const listSnapshots = async () =>
      (await (await fetch(`${server.url}/api/minutes/${meeting.id}/snapshots`, { headers: { cookie: recCookie } })).json()).snapshots as { id: string; label: string }[];
    await expect.poll(async () => (await listSnapshots()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const snapshots = await listSnapshots();
    expect(snapshots[0]!.label).toContain('议题结束');
    const snap = await (await fetch(`${server.url}/api/minutes/${meeting.id}/snapshots/${snapshots[0]!.id}`, { headers: { cookie: recCookie } })).json();
    expect(snap.html).toContain('居民代表对方案表示认可。');
    const md = await (await fetch(`${server.url}/api/minutes/${meeting.id}/export?format=md`, { headers: { cookie: recCookie } })).text();
    expect(md).toContain('计票：赞成 2 票，反对 1 票，弃权 0 票；共 3 人投票。');
    expect(md).toContain('居民代表对方案表示认可。');
    const html = await fetch(`${server.url}/api/minutes/${meeting.id}/export?format=html`, { headers: { cookie: recCookie } });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('结果：通过');
    // Members cannot export.
    const outsider = await fetch(`${server.url}/api/minutes/${meeting.id}/export?format=md`);
    expect(outsider.status).toBe(401);

    provider.destroy();
    for (const s of [fac, ...voters]) s.disconnect();
  });
});
