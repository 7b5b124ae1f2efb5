// The collaborative minutes through the real transport: stock y-websocket providers against the real
// server (child process) on SQLite and PostgreSQL. Writers converge, read-only clients change nothing,
// refused clients get a close code, and content survives a restart, a SIGKILL and an offline client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthMessage } from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '../../lib/minutes/collab/protocol';
import { minutesDocName } from '../../lib/minutes/schema';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, freePort, postJson, staffCookie, startServer, waitFor, webSocketWithCookie, type RunningServer } from '../support/server';

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
        text: () => doc.getText('notes').toString(),
        insert: (at, s) => {
          const t = doc.getText('notes');
          t.insert(at === 'end' ? t.length : at, s);
        },
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
  });
}
