// Several nodes on PostgreSQL and Redis (docs/scaling.md): members spread by the real nginx over three
// real server processes vote; the node deciding the meeting is SIGKILLed mid-poll; members reconnect
// through the balancer to the surviving nodes and resend. Every acknowledged ballot is counted exactly once and nothing else, the
// event log has no gap, and the projector on a surviving node shows the right tally.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { io as ioClient } from 'socket.io-client';
import { MINUTES_FIELD, minutesDocName } from '../../lib/minutes/schema';
import { loadDefaultCatalogue } from '../../lib/scoring/catalogue';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { postgresServerUrl, scratchPostgres, type ScratchDatabase } from '../support/databases';
import { startNginx, type RunningNginx } from '../support/nginx';
import { command, connect, postJson, staffCookie, startServer, waitFor, webSocketWithCookie, type Ack, type RunningServer } from '../support/server';

const MEMBERS = Number(process.env.CLUSTER_TEST_MEMBERS ?? 500);
const NODES = 3;
const MOTION = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;
const redisUrl = process.env.YISHI_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A recorder's editor: a Yjs document on the minutes through y-websocket, typing numbered marks. */
function recorder(name: string, cookie: string, docName: string) {
  const doc = new Y.Doc();
  let provider: WebsocketProvider | null = null;
  const typed: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  return {
    doc, typed,
    connect(baseUrl: string) {
      provider?.destroy();
      provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, docName, doc, {
        WebSocketPolyfill: webSocketWithCookie(cookie) as never, disableBc: true, maxBackoffTime: 200,
      });
    },
    get synced() {
      return !!provider?.synced;
    },
    /** Types a mark into a paragraph of its own every `ms`, as long as it runs. */
    startTyping(ms: number) {
      const fragment = doc.getXmlFragment(MINUTES_FIELD);
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      p.insert(0, [text]);
      fragment.push([p]);
      timer = setInterval(() => {
        const mark = `[${name}${typed.length}]`;
        typed.push(mark);
        text.insert(text.length, mark);
      }, ms);
    },
    stopTyping() {
      if (timer) clearInterval(timer);
    },
    text: () => JSON.stringify(doc.getXmlFragment(MINUTES_FIELD).toJSON()),
    destroy() {
      this.stopTyping();
      provider?.destroy();
      doc.destroy();
    },
  };
}

describe.skipIf(!postgresServerUrl)('several nodes on PostgreSQL and Redis', () => {
  let scratch: ScratchDatabase;
  let db: Db;
  const nodes: RunningServer[] = [];
  let lb: RunningNginx;
  const sockets: ReturnType<typeof connect>[] = [];
  let community: Awaited<ReturnType<typeof makeCommunity>>;
  let meeting: { id: string; joinCode: string };
  const prefix = `yishi-test-${randomBytes(4).toString('hex')}:`;
  const startNode = (i: number, port?: number) =>
    startServer({ databaseUrl: scratch.url, port, env: { REDIS_URL: redisUrl, YISHI_NODE_ID: `n${i + 1}`, YISHI_REDIS_PREFIX: prefix, YISHI_TRUSTED_PROXIES: '127.0.0.1' } });

  beforeAll(async () => {
    scratch = await scratchPostgres(postgresServerUrl!);
    await applyMigrations(scratch.url);
    db = createDb(scratch.url);
    community = await makeCommunity(db, { members: MEMBERS });
    meeting = await makeMeeting(db, community);
    nodes.push(...(await Promise.all(Array.from({ length: NODES }, (_, i) => startNode(i)))));
    lb = await startNginx({ nodes: nodes.map((n, i) => ({ id: `n${i + 1}`, port: n.port })) });
  });

  const recorders: ReturnType<typeof recorder>[] = [];
  afterAll(async () => {
    for (const r of recorders) r.destroy();
    for (const s of sockets) s.disconnect();
    await lb?.stop();
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('counts every acknowledged ballot once when the deciding node is killed mid-poll', async () => {
    const urls = nodes.map((n) => n.url);
    const cookie = await staffCookie(urls[0]!, community.facilitator.username, TEST_PASSWORD);
    const fac = connect(urls[1]!, { meetingId: meeting.id }, { cookie });
    const projector = connect(urls[2]!, { meetingId: meeting.id, view: 'projector' }, { cookie });
    sockets.push(fac, projector);
    await waitFor(() => fac.connected && projector.connected, 10_000, 'staff connections');
    // Two recorders, on the node that will be killed and on another, type through the kill.
    const recorderCookie = await staffCookie(urls[0]!, community.recorder.username, TEST_PASSWORD);
    const recA = recorder('A', recorderCookie, minutesDocName(meeting.id));
    const recB = recorder('B', recorderCookie, minutesDocName(meeting.id));
    recorders.push(recA, recB);
    recA.connect(urls[0]!);
    recB.connect(urls[1]!);
    await waitFor(() => recA.synced && recB.synced, 20_000, 'recorders synced');

    // Members join and connect through the balancer, which spreads them over the nodes.
    const members: { seatId: string; token: string; socket: ReturnType<typeof connect> }[] = [];
    for (let i = 0; i < community.roster.length; i += 50) {
      const joined = await Promise.all(community.roster.slice(i, i + 50).map(async (m) => {
        const r = await postJson(`${lb.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
        expect(r.status).toBe(200);
        return { seatId: r.body.seatId as string, token: r.body.participantToken as string };
      }));
      for (const j of joined) {
        const socket = connect(lb.url, { participantToken: j.token }, undefined, { keepState: false });
        sockets.push(socket);
        members.push({ ...j, socket });
      }
    }
    await waitFor(() => members.every((m) => m.socket.connected), 60_000, 'all members connected');

    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    const checkIns = await Promise.all(members.map((m) => command(m.socket, 'attendance.checkInSelf', {}, 20_000)));
    expect(checkIns.filter((a) => !a.ok)).toEqual([]);
    const created = await command(fac, 'poll.create', { question: '是否同意加装电梯方案？', kind: 'motion', rule: MOTION });
    expect(created.ok).toBe(true);
    const pollId = JSON.parse((await db.meetingEvent.findFirst({ where: { meetingId: meeting.id, type: 'poll.created' } }))!.data).id as string;
    expect((await command(fac, 'poll.open', { pollId })).ok).toBe(true);

    // The first command's node took the meeting: the facilitator's. Members on the two other nodes had
    // their commands forwarded to it.
    const authority = await db.meetingAuthority.findUnique({ where: { meetingId: meeting.id } });
    expect(authority).toMatchObject({ nodeId: 'n2', epoch: 1 });
    const victim = 1;

    const choice = (i: number) => (['yes', 'yes', 'no', 'abstain'] as const)[i % 4]!;
    const ballots = members.map((m, i) => ({ ...m, choices: [choice(i)], key: randomUUID(), receipt: null as string | null }));
    const tryVote = async (b: (typeof ballots)[number]) => {
      let ack: Ack;
      try {
        ack = await command(b.socket, 'poll.vote', { pollId, choices: b.choices, idempotencyKey: b.key }, 5000);
      } catch {
        return; // no acknowledgement: unknown, resent later with the same key
      }
      if (ack.ok) b.receipt = ack.result.receipt!;
      else if (ack.error.code !== 'UNAVAILABLE') throw new Error(`vote refused: ${ack.error.code}`);
    };

    recA.startTyping(40);
    recB.startTyping(40);
    // Half vote; then the deciding node is killed while the other half is voting.
    await Promise.all(ballots.slice(0, MEMBERS / 2).map(tryVote));
    // What B typed and A has seen was stored (store before share): it must survive B's node.
    await waitFor(() => recB.typed.length > 5 && recA.text().includes(recB.typed[5]!), 20_000, 'A sees B');
    const seenBeforeKill = recB.typed.slice(0, 6);
    const inFlight = ballots.slice(MEMBERS / 2).map(tryVote);
    await waitFor(() => ballots.slice(MEMBERS / 2).some((b) => b.receipt), 20_000, 'ballots during the kill');
    await nodes[victim]!.stop('SIGKILL');
    // B's editor reconnects through the balancer and keeps typing; the killed node's members reconnect
    // through it on their own.
    recB.connect(lb.url);
    await Promise.all(inFlight);
    fac.disconnect();
    const staff = connect(lb.url, { meetingId: meeting.id }, { cookie });
    sockets.push(staff);
    await waitFor(() => ballots.every((b) => b.socket.connected) && staff.connected, 30_000, 'reconnect');
    for (let round = 0; round < 8 && ballots.some((b) => !b.receipt); round++) {
      await Promise.all(ballots.filter((b) => !b.receipt).map(tryVote));
    }
    expect(ballots.filter((b) => !b.receipt)).toHaveLength(0);
    const again = await command(ballots[0]!.socket, 'poll.vote', { pollId, choices: ballots[0]!.choices, idempotencyKey: ballots[0]!.key });
    expect(again).toMatchObject({ ok: true, result: { receipt: ballots[0]!.receipt, duplicate: true } });

    const closed = await command(staff, 'poll.close', { pollId });
    expect(closed.ok).toBe(true);
    const newAuthority = await db.meetingAuthority.findUnique({ where: { meetingId: meeting.id } });
    expect(newAuthority!.nodeId).not.toBe(authority!.nodeId);
    expect(newAuthority!.epoch).toBeGreaterThan(authority!.epoch);

    const participations = await db.pollParticipation.findMany({ where: { pollId } });
    expect(participations).toHaveLength(MEMBERS);
    expect(new Map(participations.map((p) => [p.seatId, p.receipt]))).toEqual(new Map(ballots.map((b) => [b.seatId, b.receipt])));
    const expected = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
    for (const b of ballots) expected[b.choices[0]!]!++;
    const closedData = JSON.parse((await db.meetingEvent.findFirst({ where: { meetingId: meeting.id, type: 'poll.closed' } }))!.data);
    expect(closedData.tally).toEqual(expected);

    // The recorders stop; both editors converge on the same minutes, with everything B's editor had
    // (what the dead node had stored, and what B typed meanwhile, sent again by its sync), and so does
    // what the database holds (read by a fresh editor).
    recA.stopTyping();
    recB.stopTyping();
    await waitFor(() => recA.text() === recB.text() && [...recA.typed, ...recB.typed].every((m) => recA.text().includes(m)), 30_000, 'recorders converged').catch((err) => {
      const missing = (r: ReturnType<typeof recorder>) => [...recA.typed, ...recB.typed].filter((m) => !r.text().includes(m));
      console.error('A missing', missing(recA).slice(0, 20), missing(recA).length, 'B missing', missing(recB).slice(0, 20), missing(recB).length, 'typed', recA.typed.length, recB.typed.length, 'synced', recA.synced, recB.synced);
      console.error(nodes.map((n) => n.output().slice(-3000)).join('\n-----\n'));
      throw err;
    });
    for (const m of seenBeforeKill) expect(recA.text()).toContain(m);
    const reader = recorder('R', recorderCookie, minutesDocName(meeting.id));
    recorders.push(reader);
    reader.connect(urls[0]!);
    await waitFor(() => reader.synced && [...recA.typed, ...recB.typed].every((m) => reader.text().includes(m)), 30_000, 'stored minutes complete');

    const seqs = (await db.meetingEvent.findMany({ where: { meetingId: meeting.id }, orderBy: { seq: 'asc' }, select: { seq: true } })).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // The projector, on a node that survived, shows the closed poll's tally.
    await waitFor(() => projector.lastSeq === seqs.length, 20_000, 'projector caught up');
    expect(projector.meeting!.polls.find((p) => p.id === pollId)?.tally).toEqual(expected);
  }, 240_000);

  it('tells score dashboards on every node of a change made on one (the /scores namespace over the Redis adapter)', async () => {
    const cookie = await staffCookie(nodes[0]!.url, community.facilitator.username, TEST_PASSWORD);
    const heard: string[] = [];
    const watcher = ioClient(`${nodes[2]!.url}/scores`, { extraHeaders: { cookie }, transports: ['websocket'] });
    try {
      watcher.on('scores:changed', (e: { communityId: string }) => heard.push(e.communityId));
      await new Promise<void>((resolve, reject) => { watcher.once('connect', resolve); watcher.once('connect_error', reject); });
      const indicator = loadDefaultCatalogue().indicators.find((i) => i.method.kind === 'assessed' && !i.method.partial)!;
      const q = new URLSearchParams({ communityId: community.communityId, indicatorId: indicator.id, year: '2026', title: '议事会照片', fileName: '议事会照片.pdf' });
      const res = await fetch(`${nodes[0]!.url}/api/evidence?${q}`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/pdf', origin: nodes[0]!.url },
        body: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')),
      });
      expect(res.status).toBe(200);
      await waitFor(() => heard.includes(community.communityId), 10_000, 'the dashboard on another node heard the upload');
    } finally {
      watcher.disconnect();
    }
  });
});
