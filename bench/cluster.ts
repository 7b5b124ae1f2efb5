// `npm run bench:cluster` — prints JSON. Several nodes on PostgreSQL and Redis (docs/scaling.md), all on
// this machine:
// - the vote benchmark (1,000 members voting within 10 s; ballot → receipt and ballot → projector) over
//   one node and over two, the members spread over the nodes and the projector on the node that does
//   not decide the meeting (so every ballot crosses Redis twice);
// - BENCH_CLUSTER_CLIENTS (10,000) connected clients spread over two nodes, with each node's memory
//   per client;
// - fail-over: the deciding node SIGKILLed ten times; the time from the kill to the first command
//   accepted by the new authority (p50/p99), each killed node restarted before the next kill.
// Needs PostgreSQL (YISHI_TEST_POSTGRES_URL or the local default) and Redis (REDIS_URL or the local default).
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDb } from '../lib/platform/db/client';
import { applyMigrations } from '../lib/platform/db/migrate';
import { connectMeeting, logInStaff, sendCommand, waitFor, type MeetingClient } from '../scripts/protocol-client';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../tests/factories/community';
import { scratchPostgres } from '../tests/support/databases';
import { startServer, type RunningServer } from '../tests/support/server';
import { log, rssKb, sleep, summary } from './figures';
import { joinByCards } from './bench-meeting';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLUSTER_CLIENTS ?? 10_000);
const KILLS = Number(process.env.BENCH_KILLS ?? 10);
const WINDOW_MS = 10_000;
const postgresUrl = process.env.YISHI_TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function expectOk(ok: boolean | undefined, what: string) {
  if (!ok) throw new Error(`bench setup step failed: ${what}`);
}

/** A scratch PostgreSQL database with a community of `members` and one meeting, and `n` nodes on it. */
async function cluster(members: number, n: number) {
  const scratch = await scratchPostgres(postgresUrl);
  await applyMigrations(scratch.url);
  const db = createDb(scratch.url);
  const community = await makeCommunity(db, { members });
  const meeting = await makeMeeting(db, community);
  const prefix = `yishi-bench-${randomBytes(4).toString('hex')}:`;
  const start = (i: number, port?: number) => startServer({
    databaseUrl: scratch.url, port,
    env: { NODE_ENV: 'production', REDIS_URL: redisUrl, YISHI_NODE_ID: `n${i + 1}`, YISHI_REDIS_PREFIX: prefix },
  });
  const nodes: RunningServer[] = await Promise.all(Array.from({ length: n }, (_, i) => start(i)));
  return {
    db, community, meeting, nodes,
    restart: async (i: number) => (nodes[i] = await start(i, nodes[i]!.port)),
    async stop() {
      await Promise.all(nodes.map((x) => x.stop()));
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

/** 1,000 members vote within 10 s, spread over `n` nodes; the facilitator on node 1 decides, the projector watches from the last node. */
async function benchVote(n: number) {
  const c = await cluster(VOTERS, n);
  try {
    const urls = c.nodes.map((x) => x.url);
    const cookie = await logInStaff(urls[0]!, c.community.facilitator.username, TEST_PASSWORD);
    const fac = connectMeeting(urls[0]!, { meetingId: c.meeting.id }, { cookie });
    const projector = connectMeeting(urls[n - 1]!, { meetingId: c.meeting.id, view: 'projector' }, { cookie });
    await waitFor(() => !!fac.meeting && !!projector.meeting, 20_000, 'staff connections');
    const tokens = await joinByCards(urls[0]!, c.meeting.joinCode, c.community.roster.map((m) => m.joinToken));
    const clients: MeetingClient[] = tokens.map((t, i) => connectMeeting(urls[i % n]!, { participantToken: t }, undefined, { keepState: false }));
    await waitFor(() => clients.every((x) => x.connected && x.lastSeq > 0), 60_000, 'member connections');
    expectOk((await sendCommand(fac, 'meeting.start', {}, 60_000)).ok, 'start');
    const checkIns = await Promise.all(clients.map((x) => sendCommand(x, 'attendance.checkInSelf', {}, 30_000)));
    expectOk(checkIns.every((a) => a.ok), 'check-ins');
    await sendCommand(fac, 'poll.create', { question: 'bench', kind: 'motion', rule: { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } });
    await waitFor(() => fac.meeting!.polls.length === 1);
    const pollId = fac.meeting!.polls[0]!.id;
    const opened = await sendCommand(fac, 'poll.open', { pollId });
    if (!opened.ok) throw new Error('bench setup step failed: poll open');
    // As in bench:vote, the window opens once every phone has read up to the open poll: this one process
    // reads for a thousand phones, and the check-ins' fan-out would otherwise be measured as its backlog.
    await waitFor(() => projector.lastSeq >= opened.result.seq && clients.every((x) => x.lastSeq >= opened.result.seq), 60_000, 'phones caught up');
    log(`${n} node(s): voting`);

    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const projectorAt = new Map<number, number>();
    projector.onEventSeq = (seq, at) => projectorAt.set(seq, at);
    const sent: { t0: number; t1?: number; seq?: number }[] = [];
    await Promise.all(clients.map((x, i) => new Promise<void>((resolve) => {
      setTimeout(async () => {
        const rec: (typeof sent)[number] = { t0: performance.now() };
        sent.push(rec);
        const ack = await sendCommand(x, 'poll.vote', { pollId, choices: [['yes', 'no', 'abstain'][i % 3]!], idempotencyKey: randomUUID() }, 30_000);
        rec.t1 = performance.now();
        if (ack.ok) rec.seq = ack.result.seq;
        resolve();
      }, Math.random() * WINDOW_MS);
    })));
    lag.disable();
    const lastSeq = Math.max(...sent.map((s) => s.seq ?? 0));
    await waitFor(() => projector.lastSeq >= lastSeq, 30_000, 'projector caught up');
    for (const x of [...clients, fac, projector]) x.disconnect();
    return {
      nodes: n,
      acknowledged: sent.filter((s) => s.seq).length,
      ballotToReceiptMs: summary(sent.filter((s) => s.seq).map((s) => s.t1! - s.t0)),
      ballotToProjectorMs: summary(sent.filter((s) => s.seq && projectorAt.has(s.seq)).map((s) => projectorAt.get(s.seq!)! - s.t0)),
      loadGeneratorEventLoopDelayMs: { p99: Math.round(lag.percentile(99) / 1e5) / 10, max: Math.round(lag.max / 1e5) / 10 },
    };
  } finally {
    await c.stop();
  }
}

/** CLIENTS members connected, spread over two nodes: each node's memory per client. */
async function benchClients() {
  const c = await cluster(CLIENTS, 2);
  try {
    const urls = c.nodes.map((x) => x.url);
    const tokens = await joinByCards(urls[0]!, c.meeting.joinCode, c.community.roster.map((m) => m.joinToken));
    log(`${tokens.length} joined`);
    await sleep(3000);
    const before = c.nodes.map((x) => rssKb(x.child.pid!));
    const clients: MeetingClient[] = [];
    for (let i = 0; i < tokens.length; i += 500) {
      const batch = tokens.slice(i, i + 500).map((t, j) => connectMeeting(urls[(i + j) % 2]!, { participantToken: t }, undefined, { keepState: false }));
      clients.push(...batch);
      await waitFor(() => batch.every((x) => x.connected && x.lastSeq > 0), 120_000, 'client connections');
    }
    log(`${clients.length} connected`);
    await sleep(3000);
    const after = c.nodes.map((x) => rssKb(x.child.pid!));
    const connected = clients.filter((x) => x.connected).length;
    for (const x of clients) x.disconnect();
    return {
      clients: CLIENTS,
      connected,
      perNode: c.nodes.map((_, i) => ({ clients: Math.ceil(CLIENTS / 2), rssMbBefore: Math.round(before[i]! / 1024), rssMbAfter: Math.round(after[i]! / 1024), perClientKb: Math.round(((after[i]! - before[i]!) / (CLIENTS / 2)) * 10) / 10 })),
    };
  } finally {
    await c.stop();
  }
}

/**
 * The deciding node SIGKILLed KILLS times. Each round the facilitator's laptop on the other node sends a
 * command the moment the kill returns; the time until it is accepted is the fail-over (the new authority
 * takes the meeting over and rebuilds it from the log inside that command). The killed node is then
 * restarted, and the next round kills the new authority.
 */
async function benchFailover() {
  const c = await cluster(50, 2);
  try {
    const cookie = await logInStaff(c.nodes[0]!.url, c.community.facilitator.username, TEST_PASSWORD);
    const laptops = c.nodes.map((x) => connectMeeting(x.url, { meetingId: c.meeting.id }, { cookie }));
    await waitFor(() => laptops.every((l) => l.connected), 20_000, 'laptops');
    expectOk((await sendCommand(laptops[0]!, 'meeting.start', {}, 30_000)).ok, 'start');
    const times: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const row = await c.db.meetingAuthority.findUnique({ where: { meetingId: c.meeting.id } });
      const victim = Number(row!.nodeId.slice(1)) - 1;
      const survivor = 1 - victim;
      await waitFor(() => laptops[survivor]!.connected, 20_000, 'survivor laptop');
      const t0 = performance.now();
      await c.nodes[victim]!.stop('SIGKILL');
      const ack = await sendCommand(laptops[survivor]!, 'message.show', { text: `第${k + 1}次切换` }, 30_000);
      expectOk(ack.ok, `command after kill ${k + 1}`);
      times.push(performance.now() - t0);
      const now = await c.db.meetingAuthority.findUnique({ where: { meetingId: c.meeting.id } });
      expectOk(now!.nodeId === `n${survivor + 1}`, 'the survivor took over');
      log(`kill ${k + 1}: ${Math.round(times.at(-1)!)} ms`);
      laptops[victim]!.disconnect();
      await c.restart(victim);
      laptops[victim] = connectMeeting(c.nodes[victim]!.url, { meetingId: c.meeting.id }, { cookie });
    }
    for (const l of laptops) l.disconnect();
    return { kills: KILLS, killToFirstCommandAcceptedMs: summary(times) };
  } finally {
    await c.stop();
  }
}

const oneNode = await benchVote(1);
const twoNodes = await benchVote(2);
const clients = await benchClients();
const failover = await benchFailover();
console.log(JSON.stringify({
  bench: 'cluster',
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version, loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100) },
  vote: { oneNode, twoNodes },
  clients,
  failover,
  targetsMet: {
    everyBallotAcknowledged: oneNode.acknowledged === VOTERS && twoNodes.acknowledged === VOTERS,
    allClientsConnected: clients.connected === CLIENTS,
    perClientAtMost25Kb: clients.perNode.every((x) => x.perClientKb <= 25),
    failoverP99UnderFiveSeconds: (failover.killToFirstCommandAcceptedMs.p99 ?? Infinity) < 5000,
  },
}, null, 2));
process.exit(0);
