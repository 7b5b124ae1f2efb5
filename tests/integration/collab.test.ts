// The collaborative minutes through the real transport: stock y-websocket providers against the real
// server (child process) on SQLite and PostgreSQL. Writers converge, read-only clients change nothing,
// refused clients get a close code, and content survives a restart, a SIGKILL and an offline client.
// Hostile input: oversized frames, floods and content the editor never shows are refused and not stored.
import { existsSync, readFileSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthMessage } from 'y-protocols/auth';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '../../lib/minutes/collab/protocol';
import { MINUTES_FIELD, minutesDocName } from '../../lib/minutes/schema';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, freePort, postJson, staffCookie, startServer, waitFor, webSocketWithCookie, type RunningServer } from '../support/server';

const paragraphs = (doc: Y.Doc) =>
  doc.getXmlFragment(MINUTES_FIELD).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph');

/** A Yjs sync update message (y-websocket framing) around `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An update that writes `text` as a paragraph of the minutes' fragment. */
function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(MINUTES_FIELD).push([p]);
  return Y.encodeStateAsUpdate(doc);
}

type Client = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(): string;
  insert(at: number | 'end', s: string): void;
  closeCodes: number[];
  denied: string[];
  destroy(): void;
};

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`collaborative minutes (${target.name})`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let port: number;
    let home: Awaited<ReturnType<typeof makeCommunity>>;
    let meeting: { id: string; joinCode: string };
    let docName: string;
    const cookies: Record<'recorder' | 'facilitator' | 'outsider', string> = { recorder: '', facilitator: '', outsider: '' };
    const clients: Client[] = [];

    const open = (who: { cookie?: string; token?: string }): Client => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, docName, doc, {
        WebSocketPolyfill: webSocketWithCookie(who.cookie) as never,
        params: who.token ? { token: who.token } : {},
        disableBc: true, // providers in one process would otherwise sync with each other, not through the server
        maxBackoffTime: 200,
      });
      const client: Client = {
        doc, provider, closeCodes: [], denied: [],
        text: () => paragraphs(doc).map((p) => p.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : '')).join('')).join(''),
        insert: (at, s) => doc.transact(() => {
          // Typed as the editor stores it: text in a paragraph of the minutes' fragment (the server adds
          // fact blocks and empty paragraphs around it; `text()` reads only the paragraphs).
          const ps = paragraphs(doc);
          let p = at === 'end' ? ps.at(-1) : ps[0];
          if (!p) doc.getXmlFragment(MINUTES_FIELD).push([(p = new Y.XmlElement('paragraph'))]);
          const texts = p.toArray().filter((t): t is Y.XmlText => t instanceof Y.XmlText);
          let t = at === 'end' ? texts.at(-1) : texts[0];
          if (!t) at === 'end' ? p.push([(t = new Y.XmlText())]) : p.insert(0, [(t = new Y.XmlText())]);
          t.insert(at === 'end' ? t.length : at, s);
        }),
        destroy: () => {
          provider.destroy();
          provider.awareness.destroy();
          doc.destroy();
        },
      };
      provider.on('connection-close', (event) => {
        if (event) client.closeCodes.push(event.code);
      });
      provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) =>
        readAuthMessage(decoder, doc, (_doc, reason) => client.denied.push(reason));
      clients.push(client);
      return client;
    };
    /** A bare websocket on the minutes (no y-websocket), to send what no honest client sends. */
    const rawSocket = async (who: { cookie?: string; token?: string }) => {
      const WS = webSocketWithCookie(who.cookie);
      const ws = new WS(`ws://127.0.0.1:${port}/collab/${docName}${who.token ? `?token=${who.token}` : ''}`);
      const state = { closeCode: null as number | null };
      ws.addEventListener('close', (e) => { state.closeCode = e.code; });
      ws.addEventListener('error', () => {}); // the server may stop reading mid-frame
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve);
        ws.addEventListener('close', () => reject(new Error('closed before open')));
      });
      return { ws, state };
    };
    /** The server process's resident memory (Linux), or null where there is no /proc. */
    const serverRssMb = () => {
      const status = `/proc/${server.child.pid}/status`;
      return existsSync(status) ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))![1]) / 1024 : null;
    };
    /** Whether the stored minutes (log and compacted state) hold these bytes anywhere. */
    const storedContains = async (marker: string) => {
      const needle = Buffer.from(marker);
      const rows = await db.minutesUpdate.findMany({ where: { docName }, select: { data: true } });
      const state = await db.minutesDoc.findUnique({ where: { name: docName }, select: { state: true } });
      return [...rows.map((r) => r.data), ...(state ? [state.state] : [])].some((b) => Buffer.from(b).includes(needle));
    };
    const synced = async (c: Client, what = 'sync') => {
      await waitFor(() => c.provider.synced, 15_000, what);
      return c;
    };
    const restart = async (signal: NodeJS.Signals) => {
      await server.stop(signal);
      server = await startServer({ databaseUrl: scratch.url, port });
    };
    const participantToken = async () => {
      const access = await (await fetch(`${server.url}/api/access?joinCode=${meeting.joinCode}`, { headers: { cookie: cookies.facilitator } })).json();
      const joined = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: access.seats[0].cardToken });
      expect(joined.status).toBe(200);
      return joined.body.participantToken as string;
    };
    const setMinutesPublic = async (minutesPublic: boolean) => {
      const fac = connect(server.url, { meetingId: meeting.id }, { cookie: cookies.facilitator });
      try {
        await waitFor(() => !!fac.meeting, 10_000, 'facilitator snapshot');
        expect(await command(fac, 'meeting.update', { minutesPublic })).toMatchObject({ ok: true });
      } finally {
        fac.disconnect();
      }
    };

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      home = await makeCommunity(db, { members: 3 });
      const other = await makeCommunity(db, { members: 1, name: '别的社区' });
      meeting = await makeMeeting(db, home);
      docName = minutesDocName(meeting.id);
      port = await freePort();
      server = await startServer({ databaseUrl: scratch.url, port });
      cookies.recorder = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
      cookies.facilitator = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
      cookies.outsider = await staffCookie(server.url, other.recorder.username, TEST_PASSWORD);
    });
    afterAll(async () => {
      for (const c of clients) c.destroy();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('refuses connections without credentials, from outside the area, and participants while the minutes are private', async () => {
      const anonymous = open({});
      const outsider = open({ cookie: cookies.outsider });
      const participant = open({ token: await participantToken() });
      const forged = open({ token: 'not-a-token' });
      await waitFor(() => [anonymous, outsider, participant, forged].every((c) => c.closeCodes.length > 0), 15_000, 'refusals');
      expect(anonymous.closeCodes[0]).toBe(CloseCode.Unauthorized);
      expect(outsider.closeCodes[0]).toBe(CloseCode.Forbidden);
      expect(participant.closeCodes[0]).toBe(CloseCode.Forbidden);
      expect(forged.closeCodes[0]).toBe(CloseCode.Unauthorized);
      // y-websocket gives up after a 44xx close: no reconnect storm against the server.
      for (const c of [anonymous, outsider, participant, forged]) {
        expect(c.provider.shouldConnect || c.provider.wsconnecting).toBe(false);
        expect(c.provider.synced).toBe(false);
        c.destroy();
      }
    });

    it('lets two writers type at once and converge on the same text', async () => {
      const recorder = await synced(open({ cookie: cookies.recorder }));
      const facilitator = await synced(open({ cookie: cookies.facilitator }));
      recorder.insert(0, 'alpha;');
      facilitator.insert(0, 'beta;');
      recorder.insert('end', 'gamma;');
      await waitFor(() => recorder.text() === facilitator.text() && ['alpha;', 'beta;', 'gamma;'].every((w) => recorder.text().includes(w)), 15_000, 'convergence');
      recorder.destroy();
      facilitator.destroy();
    });

    it('admits participants read-only when the minutes are public, and rejects their updates', async () => {
      await setMinutesPublic(true);
      const writer = await synced(open({ cookie: cookies.recorder }));
      const member = await synced(open({ token: await participantToken() }));
      const before = writer.text();
      expect(member.text()).toBe(before);

      member.insert(0, 'FORGED;');
      await waitFor(() => member.denied.length > 0, 10_000, 'permission denied');
      expect(member.denied[0]).toMatch(/read-only/);

      // The member still follows the writers…
      writer.insert('end', 'after-forgery;');
      await waitFor(() => member.text().includes('after-forgery;'), 10_000, 'member receives writer edit');
      // …but the server's document and every other client are unchanged by it.
      const fresh = await synced(open({ cookie: cookies.facilitator }));
      await waitFor(() => fresh.text().includes('after-forgery;'), 10_000, 'fresh client up to date');
      expect(fresh.text()).toBe(`${before}after-forgery;`);
      expect(writer.text()).toBe(`${before}after-forgery;`);
      expect(member.closeCodes).toEqual([]);

      // Made private again: the participant is disconnected for good.
      await setMinutesPublic(false);
      await waitFor(() => member.closeCodes.length > 0, 10_000, 'participant closed');
      expect(member.closeCodes[0]).toBe(CloseCode.Forbidden);
      for (const c of [writer, member, fresh]) c.destroy();
    });

    it('keeps the content across a graceful restart', async () => {
      const writer = await synced(open({ cookie: cookies.recorder }));
      writer.insert('end', 'before-restart;');
      const other = await synced(open({ cookie: cookies.facilitator }));
      await waitFor(() => other.text().includes('before-restart;'), 10_000, 'edit observed');
      const expected = writer.text();
      // Destroyed first: a reconnecting provider would send its copy and hide a loss.
      writer.destroy();
      other.destroy();
      await restart('SIGTERM');
      // A graceful stop folded the log into the compacted state.
      expect(await db.minutesUpdate.count({ where: { docName } })).toBe(0);
      expect(await db.minutesDoc.findUnique({ where: { name: docName } })).toMatchObject({ name: docName });
      const after = await synced(open({ cookie: cookies.recorder }));
      expect(after.text()).toBe(expected);
      after.destroy();
    });

    it('keeps an edit another client has seen across a SIGKILL a moment later', async () => {
      const writer = await synced(open({ cookie: cookies.recorder }));
      const observer = await synced(open({ cookie: cookies.facilitator }));
      writer.insert('end', 'kill-proof;');
      await waitFor(() => observer.text().includes('kill-proof;'), 10_000, 'edit observed');
      await server.stop('SIGKILL');
      const expected = observer.text();
      writer.destroy();
      observer.destroy();
      server = await startServer({ databaseUrl: scratch.url, port });
      const after = await synced(open({ cookie: cookies.facilitator }));
      expect(after.text()).toBe(expected);
      expect(after.text()).toContain('kill-proof;');
      expect(after.text()).not.toContain('FORGED;');
      after.destroy();
    });

    it('merges the edits of a client that was offline for a while', async () => {
      const offline = await synced(open({ cookie: cookies.recorder }));
      const online = await synced(open({ cookie: cookies.facilitator }));
      offline.provider.disconnect();
      offline.insert(0, 'offline-1;');
      online.insert('end', 'online-1;');
      offline.insert('end', 'offline-2;');
      // The online edit is on the server (another fresh client sees it) before the offline one returns.
      const witness = await synced(open({ cookie: cookies.facilitator }));
      await waitFor(() => witness.text().includes('online-1;'), 10_000, 'online edit stored');
      expect(witness.text()).not.toContain('offline-1;');
      offline.provider.connect();
      await waitFor(
        () => offline.text() === online.text() && online.text() === witness.text() && ['offline-1;', 'offline-2;', 'online-1;'].every((w) => online.text().includes(w)),
        15_000,
        'offline merge',
      );
      const expected = online.text();
      for (const c of [offline, online, witness]) c.destroy();

      // And it is stored: after a restart a new client reads the merged text.
      await restart('SIGTERM');
      const after = await synced(open({ cookie: cookies.recorder }));
      expect(after.text()).toBe(expected);
      after.destroy();
    });

    it('closes a read-only connection that sends a 15 MB update, or more than its few KB, with 1009 — and keeps answering', async () => {
      await setMinutesPublic(true);
      const writer = await synced(open({ cookie: cookies.recorder }));
      const before = writer.text();
      const rssBefore = serverRssMb();
      const huge = await rawSocket({ token: await participantToken() });
      huge.ws.send(updateMessage(paragraphUpdate(`RO-HUGE${'x'.repeat(15 * 1024 * 1024)}`)));
      const small = await rawSocket({ token: await participantToken() });
      small.ws.send(updateMessage(paragraphUpdate(`RO-SMALL${'x'.repeat(100 * 1024)}`)));
      await waitFor(() => huge.state.closeCode !== null && small.state.closeCode !== null, 15_000, 'read-only sockets closed');
      expect(huge.state.closeCode).toBe(CloseCode.MessageTooBig);
      expect(small.state.closeCode).toBe(CloseCode.MessageTooBig);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      // Refused from the frame's header: the 15 MB were never buffered, let alone decoded (that cost 770 MB).
      if (rssBefore !== null) expect(serverRssMb()! - rssBefore).toBeLessThan(100);
      const fresh = await synced(open({ cookie: cookies.facilitator }));
      expect(fresh.text()).toBe(before);
      expect(await storedContains('RO-')).toBe(false);
      await setMinutesPublic(false);
      for (const c of [writer, fresh]) c.destroy();
    });

    it('survives a refused connection that sends an oversized frame while being closed', async () => {
      // Larger than any role's cap (the old 16 MB, too): ws refuses it from its header, with an 'error' event.
      const anonymous = await rawSocket({});
      anonymous.ws.send(new Uint8Array(17 * 1024 * 1024));
      await waitFor(() => anonymous.state.closeCode !== null, 15_000, 'anonymous closed');
      expect([CloseCode.Unauthorized, CloseCode.MessageTooBig]).toContain(anonymous.state.closeCode);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
    });

    it('closes a writer whose frame exceeds the writers’ cap (1009) and stores nothing of it; a long paste within it goes through', async () => {
      const writer = await synced(open({ cookie: cookies.recorder }));
      const raw = await rawSocket({ cookie: cookies.recorder });
      raw.ws.send(updateMessage(paragraphUpdate(`TOO-BIG${'x'.repeat(3 * 1024 * 1024)}`)));
      await waitFor(() => raw.state.closeCode !== null, 15_000, 'writer socket closed');
      expect(raw.state.closeCode).toBe(CloseCode.MessageTooBig);
      expect(await storedContains('TOO-BIG')).toBe(false);
      writer.insert('end', `LONG-PASTE${'长'.repeat(200_000)};`);
      const fresh = await synced(open({ cookie: cookies.facilitator }));
      await waitFor(() => fresh.text().includes('LONG-PASTE'), 15_000, 'paste shared');
      expect(await storedContains('LONG-PASTE')).toBe(true);
      expect(writer.closeCodes).toEqual([]);
      for (const c of [writer, fresh]) c.destroy();
    });

    it('closes a flooding connection (4429) but not a recorder typing a burst', async () => {
      const typist = await synced(open({ cookie: cookies.recorder }));
      for (let i = 0; i < 200; i++) typist.insert('end', i === 199 ? 'burst-end;' : 'b');
      const flooder = await rawSocket({ cookie: cookies.facilitator });
      const caret = new Awareness(new Y.Doc());
      caret.setLocalState({ cursor: { anchor: 1, head: 1 } });
      const moved = encoding.createEncoder();
      encoding.writeVarUint(moved, MessageType.Awareness);
      encoding.writeVarUint8Array(moved, encodeAwarenessUpdate(caret, [caret.clientID]));
      caret.destroy();
      for (let i = 0; i < 5000 && flooder.state.closeCode === null; i++) flooder.ws.send(encoding.toUint8Array(moved));
      await waitFor(() => flooder.state.closeCode !== null, 15_000, 'flooder closed');
      expect(flooder.state.closeCode).toBe(CloseCode.TooManyMessages);
      const fresh = await synced(open({ cookie: cookies.facilitator }));
      await waitFor(() => fresh.text().includes('burst-end;'), 15_000, 'burst shared');
      expect(typist.closeCodes).toEqual([]);
      for (const c of [typist, fresh]) c.destroy();
    });

    it('refuses a writer’s update to a root the editor never shows (4422): not stored, not shared; editing goes on', async () => {
      const forger = await synced(open({ cookie: cookies.recorder }));
      const writer = await synced(open({ cookie: cookies.facilitator }));
      forger.doc.getText('hidden').insert(0, `HIDDEN-ROOT${'x'.repeat(100_000)}`);
      await waitFor(() => forger.closeCodes.length > 0, 15_000, 'forger closed');
      expect(forger.closeCodes[0]).toBe(CloseCode.ContentRefused);
      expect(forger.provider.shouldConnect).toBe(false); // 44xx: y-websocket does not send it again
      expect(await storedContains('HIDDEN-ROOT')).toBe(false);
      writer.insert('end', 'still-editing;');
      const fresh = await synced(open({ cookie: cookies.recorder }));
      await waitFor(() => fresh.text().includes('still-editing;'), 15_000, 'edit after refusal shared');
      expect(fresh.doc.share.has('hidden')).toBe(false);
      expect(await storedContains('still-editing;')).toBe(true);
      for (const c of [forger, writer, fresh]) c.destroy();
    });
  });
}
