// `npm run bench:vote` — prints JSON. 1,000 members connected and voting within 10 s: ballot → receipt
// and ballot → projector latency (p50/p95/p99) on the real server, and the same fan-out over plain `ws`
// as the floor; then the server's resident memory per connected client at 1,000 and at BENCH_MAX_CLIENTS
// (5,000; 10,000 for a residents' assembly, whose roster is as large), with how many connected and the
// size of the snapshot each member's phone received.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { TEST_PASSWORD } from '../tests/factories/community';
import { freePort } from '../tests/support/server';
import { connectMeeting, logInStaff, sendCommand, waitFor, type MeetingClient } from '../scripts/protocol-client';
import { log, rssKb, sleep, summary } from './figures';
import { joinByCards, startBenchMeeting } from './bench-meeting';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 1000);
const MAX_CLIENTS = Number(process.env.BENCH_MAX_CLIENTS ?? 5000);
const WINDOW_MS = 10_000;


async function settledRss(pid: number): Promise<number> {
  // Let the GC settle so the figure is the steady state, not a transient peak.
  await sleep(3000);
  return rssKb(pid);
}

async function benchYishi() {
  const { community, meeting, server, stop } = await startBenchMeeting(MAX_CLIENTS);
  const pid = server.child.pid!;
  try {
    const cookie = await logInStaff(server.url, community.facilitator.username, TEST_PASSWORD);
    const fac = connectMeeting(server.url, { meetingId: meeting.id }, { cookie });
    const projector = connectMeeting(server.url, { meetingId: meeting.id, view: 'projector' }, { cookie });
    await waitFor(() => !!fac.meeting && !!projector.meeting, 20_000, 'staff connections');

    const tokens = await joinByCards(server.url, meeting.joinCode, community.roster.map((m) => m.joinToken));
    log(`${tokens.length} joined`);
    // After the joins: what 10,000 joins leave on the heap is not what a connection costs.
    const baseline = await settledRss(pid);

    const clients: MeetingClient[] = [];
    // The bytes of each member's snapshot as sent (its JSON): what every connecting phone costs the server to write.
    const snapshotBytes: number[] = [];
    const connectMore = async (n: number) => {
      for (let i = 0; i < n; i += 200) {
        const batch = tokens.slice(clients.length, clients.length + Math.min(200, n - i)).map((t) => {
          const c = connectMeeting(server.url, { participantToken: t }, undefined, { keepState: false });
          c.once('meeting:snapshot', (m: unknown) => snapshotBytes.push(Buffer.byteLength(JSON.stringify(m))));
          return c;
        });
        clients.push(...batch);
        await waitFor(() => batch.every((c) => c.connected && c.lastSeq > 0), 60_000, 'member connections');
      }
    };
    await connectMore(VOTERS);
    log(`${clients.length} connected`);
    const rssAt1000 = await settledRss(pid);

    expect((await sendCommand(fac, 'meeting.start', {}, 60_000)).ok);
    log('started');
    const checkIns = await Promise.all(clients.map((c) => sendCommand(c, 'attendance.checkInSelf', {}, 30_000)));
    expect(checkIns.every((a) => a.ok));
    log('checked in');
    await sendCommand(fac, 'poll.create', { question: 'bench', kind: 'motion', rule: { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } });
    await waitFor(() => fac.meeting!.polls.length === 1);
    const pollId = fac.meeting!.polls[0]!.id;
    // 1,000 present of a 5,000-seat roster is below quorum: open with a stated reason, as a facilitator would.
    const opened = await sendCommand(fac, 'poll.open', { pollId, overrideReason: 'benchmark' });
    if (!opened.ok) throw new Error('bench setup step failed');
    // The window opens once every phone has read up to the open poll. This one process reads for a
    // thousand phones: the check-ins' fan-out (each phone gets every check-in, 270 KB) took it seconds to
    // decode, and the ballots sent meanwhile measured its backlog (a 0.4–1.8 s stall), not the server.
    const settleStart = performance.now();
    await waitFor(() => projector.lastSeq >= opened.result.seq && clients.every((c) => c.lastSeq >= opened.result.seq), 60_000, 'phones caught up');
    const fanOutSettledMs = Math.round(performance.now() - settleStart);
    log(`phones caught up in ${fanOutSettledMs} ms`);

    // The load generator shares this machine: its own event-loop delay is reported beside the latencies.
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const projectorAt = new Map<number, number>();
    projector.onEventSeq = (seq, at) => projectorAt.set(seq, at);
    const sent: { t0: number; t1?: number; seq?: number }[] = [];
    const choices = ['yes', 'no', 'abstain'];
    await Promise.all(clients.map((c, i) => new Promise<void>((resolve) => {
      setTimeout(async () => {
        const rec: (typeof sent)[number] = { t0: performance.now() };
        sent.push(rec);
        const ack = await sendCommand(c, 'poll.vote', { pollId, choices: [choices[i % 3]!], idempotencyKey: randomUUID() }, 30_000);
        rec.t1 = performance.now();
        if (ack.ok) rec.seq = ack.result.seq;
        resolve();
      }, Math.random() * WINDOW_MS);
    })));
    lag.disable();
    log('voted');
    const lastSeq = Math.max(...sent.map((s) => s.seq ?? 0));
    await waitFor(() => projector.lastSeq >= lastSeq, 30_000, 'projector caught up');
    const receipts = sent.filter((s) => s.seq).map((s) => s.t1! - s.t0);
    const toProjector = sent.filter((s) => s.seq && projectorAt.has(s.seq)).map((s) => projectorAt.get(s.seq!)! - s.t0);
    await sendCommand(fac, 'poll.close', { pollId });

    await connectMore(MAX_CLIENTS - clients.length);
    log(`${clients.length} connected`);
    const rssAtMax = await settledRss(pid);
    // Counted after the memory settled: a client dropped meanwhile is not counted as connected.
    const connected = clients.filter((c) => c.connected).length;
    for (const c of [...clients, fac, projector]) c.disconnect();
    return {
      clientsConnected: connected,
      memberSnapshotBytes: summary(snapshotBytes),
      acknowledged: receipts.length,
      // How long after the poll opened the load generator had read the fan-out before the window (see above).
      phonesCaughtUpMs: fanOutSettledMs,
      ballotToReceiptMs: summary(receipts),
      ballotToProjectorMs: summary(toProjector),
      loadGeneratorEventLoopDelayMs: { p50: Math.round(lag.percentile(50) / 1e5) / 10, p99: Math.round(lag.percentile(99) / 1e5) / 10, max: Math.round(lag.max / 1e5) / 10 },
      memory: {
        baselineRssMb: Math.round(baseline / 1024),
        perClientKbAt1000: Math.round((rssAt1000 - baseline) / VOTERS * 10) / 10,
        [`perClientKbAt${MAX_CLIENTS}`]: Math.round((rssAtMax - baseline) / MAX_CLIENTS * 10) / 10,
        // The clients connected after the vote alone: what one more connection costs, without the vote's heap.
        ...(MAX_CLIENTS > VOTERS ? { [`perClientKb${VOTERS}To${MAX_CLIENTS}`]: Math.round((rssAtMax - rssAt1000) / (MAX_CLIENTS - VOTERS) * 10) / 10 } : {}),
      },
    };
  } finally {
    await stop();
  }
}

async function benchFloor() {
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) + 1 : await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'ws-floor-server.ts')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d) => String(d).includes('ready') && resolve()));
  try {
    const url = `ws://127.0.0.1:${port}`;
    const open = (ws: WebSocket) => new Promise<void>((r) => ws.once('open', () => r()));
    const projector = new WebSocket(url);
    await open(projector);
    const baseline = await settledRss(child.pid!);
    const projectorAt = new Map<number, number>();
    projector.on('message', (raw) => projectorAt.set((JSON.parse(String(raw)) as { seq: number }).seq, performance.now()));
    const clients: WebSocket[] = [];
    for (let i = 0; i < VOTERS; i += 200) {
      const batch = Array.from({ length: Math.min(200, VOTERS - i) }, () => new WebSocket(url));
      await Promise.all(batch.map(open));
      clients.push(...batch);
    }
    const rssAtVoters = await settledRss(child.pid!);
    const sent: { t0: number; t1?: number; seq?: number }[] = [];
    await Promise.all(clients.map((ws, i) => new Promise<void>((resolve) => {
      ws.on('message', (raw) => {
        const m = JSON.parse(String(raw)) as { ack?: number; seq: number };
        if (m.ack !== undefined && m.ack === i) {
          sent[i]!.t1 = performance.now();
          sent[i]!.seq = m.seq;
          resolve();
        }
      });
      setTimeout(() => {
        sent[i] = { t0: performance.now() };
        ws.send(JSON.stringify({ id: i }));
      }, Math.random() * WINDOW_MS);
    })));
    const lastSeq = Math.max(...sent.map((s) => s.seq ?? 0));
    await waitFor(() => projectorAt.has(lastSeq), 30_000, 'floor projector caught up');
    for (const c of [...clients, projector]) c.close();
    return {
      ballotToReceiptMs: summary(sent.map((s) => s.t1! - s.t0)),
      ballotToProjectorMs: summary(sent.map((s) => projectorAt.get(s.seq!)! - s.t0)),
      memory: { baselineRssMb: Math.round(baseline / 1024), [`perClientKbAt${VOTERS}`]: Math.round(((rssAtVoters - baseline) / VOTERS) * 10) / 10 },
    };
  } finally {
    child.kill('SIGTERM');
  }
}

function expect(ok: boolean | undefined) {
  if (!ok) throw new Error('bench setup step failed');
}

const yishi = await benchYishi();
const floor = await benchFloor();
const p99 = yishi.ballotToProjectorMs.p99 ?? Infinity;
const perClientKb = yishi.memory[`perClientKbAt${MAX_CLIENTS}`] as number;
console.log(JSON.stringify({
  bench: 'vote',
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  voters: VOTERS,
  windowMs: WINDOW_MS,
  yishi,
  floorPlainWs: floor,
  targets: { p99BallotToProjectorMs: 50, p99BallotToProjectorFloorMultiple: 2, perClientKb: 25, clients: MAX_CLIENTS },
  targetsMet: {
    p99AtMost50Ms: p99 <= 50,
    p99AtMost2xFloor: p99 <= 2 * (floor.ballotToProjectorMs.p99 ?? 0),
    perClientAtMost25Kb: perClientKb <= 25,
    allClientsConnected: yishi.clientsConnected === MAX_CLIENTS,
  },
}, null, 2));
process.exit(0);
