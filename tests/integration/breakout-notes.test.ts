// Open-space session notes (issue 13) through the real transport, on SQLite and PostgreSQL: each
// proposal's note starts with the harvest template; its host and those who were in the session write,
// everyone else in the meeting only reads (their updates are refused and never stored), a stranger and
// an unknown session are refused; at the close the notes are locked, and what was written survives a kill.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { breakoutDocName, HARVEST_HEADINGS } from '../../lib/meeting/procedure/openspace/notes';
import { CloseCode } from '../../lib/minutes/collab/protocol';
import { MINUTES_FIELD } from '../../lib/minutes/schema';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, freePort, postJson, staffCookie, startServer, waitFor, webSocketWithCookie, type RunningServer } from '../support/server';

/** Every text of a note, headings and paragraphs, in order. */
const texts = (doc: Y.Doc) =>
  doc.getXmlFragment(MINUTES_FIELD).toArray().map((n) => (n as Y.XmlElement).toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : '')).join(''));

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`open-space session notes (${target.name})`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let port: number;
    const providers: WebsocketProvider[] = [];

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      port = await freePort();
      server = await startServer({ databaseUrl: scratch.url, port });
    });
    afterAll(async () => {
      for (const p of providers) p.destroy();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('gives each session a harvest note its host and its people write, others read, and locks them at the close', async () => {
      const home = await makeCommunity(db, { members: 4 });
      const other = await makeCommunity(db, { members: 1, name: '别的社区' });
      const meeting = await makeMeeting(db, home, { form: 'open_space', type: 'advisory', agenda: [] }); // started on its grid alone
      const cookie = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
      const outsiderCookie = await staffCookie(server.url, other.recorder.username, TEST_PASSWORD);
      const seats = await db.meetingSeat.findMany({ where: { meetingId: meeting.id } });
      const seatOf = new Map(seats.map((s) => [s.rosterMemberId, s]));
      const fac = connect(server.url, { meetingId: meeting.id }, { cookie });
      await waitFor(() => !!fac.meeting, 15_000, 'facilitator');
      const ok = async (name: Parameters<typeof command>[1], input?: Record<string, unknown>) => {
        const ack = await command(fac, name, input as never);
        expect(ack, name).toMatchObject({ ok: true });
        return ack;
      };
      await ok('openSpace.configure', { theme: '公共空间', rooms: [{ name: '活动室' }], slots: [{ label: '14:00' }] });
      await ok('meeting.start');
      // Host (0), a participant who goes to the session (1), one who does not (2).
      const people = await Promise.all(home.roster.slice(0, 3).map(async (m) => {
        const r = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
        const token = r.body.participantToken as string;
        const socket = connect(server.url, { participantToken: token });
        await waitFor(() => !!socket.meeting, 15_000, 'participant');
        expect(await command(socket, 'attendance.checkInSelf')).toMatchObject({ ok: true });
        return { token, socket, seatId: seatOf.get(m.id)!.id };
      }));
      const [host, goer, other2] = people as [typeof people[0], typeof people[0], typeof people[0]];
      const proposed = await command(host.socket, 'openSpace.propose', { title: '健身器材' });
      const sessionId = (proposed as { ok: true; result: { id: string } }).result.id;
      // A second proposal whose note nobody writes: the harvest in the minutes leaves it out.
      expect(await command(host.socket, 'openSpace.propose', { title: '停车管理' })).toMatchObject({ ok: true });
      const room = fac.meeting!.openSpace!.rooms[0]!.id;
      const slot = fac.meeting!.openSpace!.slots[0]!.id;
      await ok('openSpace.place', { id: sessionId, roomId: room, slotId: slot });
      await ok('openSpace.phase', { phase: 'sessions' });
      expect(await command(goer.socket, 'openSpace.join', { slotId: slot, sessionId })).toMatchObject({ ok: true });

      const docName = breakoutDocName(meeting.id, sessionId);
      const open = (who: { cookie?: string; token?: string; readonly?: boolean }, name = docName) => {
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, name, doc, {
          WebSocketPolyfill: webSocketWithCookie(who.cookie) as never, params: { ...(who.token ? { token: who.token } : {}), ...(who.readonly ? { readonly: '1' } : {}) }, disableBc: true, maxBackoffTime: 200,
        });
        const closeCodes: number[] = [];
        provider.on('connection-close', (e) => { if (e) closeCodes.push(e.code); });
        providers.push(provider);
        return { doc, provider, closeCodes };
      };
      /** Types into the paragraph under a heading of the template. */
      const write = (doc: Y.Doc, heading: number, text: string) => {
        const p = doc.getXmlFragment(MINUTES_FIELD).get(heading * 2 + 1) as Y.XmlElement;
        p.insert(p.length, [new Y.XmlText(text)]);
      };

      const hostNote = open({ token: host.token });
      const goerNote = open({ token: goer.token });
      const otherNote = open({ token: other2.token });
      const staffNote = open({ cookie });
      await waitFor(() => [hostNote, goerNote, otherNote, staffNote].every((c) => c.provider.synced), 15_000, 'notes synced');
      // The template: 讨论要点 / 建议 / 需要谁来做, each with a paragraph to write in.
      expect(texts(hostNote.doc)).toEqual(HARVEST_HEADINGS.flatMap((h) => [h, '']));

      write(hostNote.doc, 0, '器材老化');
      write(goerNote.doc, 1, '更换两台');
      write(otherNote.doc, 2, '不该写进去');
      await waitFor(() => texts(staffNote.doc).join('|').includes('器材老化') && texts(staffNote.doc).join('|').includes('更换两台'), 15_000, 'writers converge');
      // The one who was not there follows read-only: the server refused their update and stored nothing of it.
      const stored = async (marker: string) => {
        const rows = await db.minutesUpdate.findMany({ where: { docName }, select: { data: true } });
        const state = await db.minutesDoc.findUnique({ where: { name: docName }, select: { state: true } });
        return [...rows.map((r) => r.data), ...(state ? [state.state] : [])].some((b) => Buffer.from(b).includes(Buffer.from(marker)));
      };
      for (let i = 0; i < 150 && !(await stored('更换两台')); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await stored('更换两台')).toBe(true);
      expect(texts(staffNote.doc).join('|')).not.toContain('不该写进去');
      expect(await stored('不该写进去')).toBe(false);

      // A stranger, an unknown session and a meeting without an open space are refused.
      const stranger = open({ cookie: outsiderCookie });
      const unknown = open({ cookie }, breakoutDocName(meeting.id, 'no-such-session'));
      const council = await makeMeeting(db, home);
      const notOpenSpace = open({ cookie }, breakoutDocName(council.id, sessionId));
      await waitFor(() => [stranger, unknown, notOpenSpace].every((c) => c.closeCodes.length > 0), 15_000, 'refusals');
      expect(stranger.closeCodes[0]).toBe(CloseCode.Forbidden);
      expect(unknown.closeCodes[0]).toBe(CloseCode.NotFound);
      expect(notOpenSpace.closeCodes[0]).toBe(CloseCode.NotFound);

      // The close locks every note: a writer is told so (4423).
      await ok('meeting.close', {});
      await waitFor(() => hostNote.closeCodes.includes(CloseCode.Locked), 15_000, 'locked at the close');

      // What was written survives a kill.
      await server.stop('SIGKILL');
      server = await startServer({ databaseUrl: scratch.url, port });
      // (A writer's role follows a closed meeting's note read-only when it says so.)
      const after = open({ cookie: await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD), readonly: true }, docName);
      await waitFor(() => after.provider.synced, 15_000, 'after restart');
      expect(texts(after.doc)).toEqual(['讨论要点', '器材老化', '建议', '更换两台', '需要谁来做', '']);

      // The harvest is in the minutes (分组收获), once, under the session's place and host, with the
      // note's headings one level down; the empty note is left out. The record built after the restart
      // did not copy it again.
      const staff = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
      const frozen = async () => {
        const r = await fetch(`${server.url}/api/meetings/${meeting.id}/record`, { headers: { cookie: staff } });
        return r.ok && (await r.json() as { record: unknown }).record !== null;
      };
      for (let i = 0; i < 300 && !(await frozen()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await frozen()).toBe(true);
      const md = await (await fetch(`${server.url}/api/minutes/${meeting.id}/export?format=md`, { headers: { cookie: staff } })).text();
      expect(md.match(/## 分组收获/g)).toHaveLength(1);
      const hostName = home.roster[0]!.name;
      expect(md).toContain(`### 14:00 · 活动室：健身器材（发起人：${hostName}）\n\n#### 讨论要点\n\n器材老化\n\n#### 建议\n\n更换两台\n\n#### 需要谁来做`);
      expect(md.match(/器材老化/g)).toHaveLength(1);
      expect(md).not.toContain('停车管理）');
      for (const p of [fac, ...people.map((x) => x.socket)]) p.disconnect();
    });
  });
}
