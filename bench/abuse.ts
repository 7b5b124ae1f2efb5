// `npm run bench:abuse` — prints JSON. 500 members vote within 10 s, twice: once undisturbed, once while
// one facilitator connection floods 10,000 commands, one read-only minutes connection sends 100 oversized
// frames and 2,000 handshakes with bad tokens arrive. Reports /api/health p99 and ballot → receipt p99 of
// the honest members in both runs, and the server's resident memory growth under attack.
// Targets (issue 9): health p99 ≤ 100 ms, ballot p99 ≤ 2× the undisturbed run, RSS growth ≤ 100 MB.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { createDb } from '../lib/platform/db/client';
import { applyMigrations } from '../lib/platform/db/migrate';
import { connectMeeting, logInStaff, postJson, sendCommand, waitFor, type MeetingClient } from '../scripts/protocol-client';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../tests/factories/community';
import { scratchSqlite } from '../tests/support/databases';
import { startServer } from '../tests/support/server';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 500);
const WINDOW_MS = 10_000;
const FLOOD_COMMANDS = 10_000;
const OVERSIZED_FRAMES = 100;
const OVERSIZED_BYTES = 16 * 1024 * 1024;
const BAD_HANDSHAKES = 2_000;

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10 : null;
};
const summary = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 0.5), p99: pct(xs, 0.99), max: pct(xs, 1) });
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
const log = (m: string) => console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rule = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;

const scratch = await scratchSqlite();
await applyMigrations(scratch.url);
const db = createDb(scratch.url);
const community = await makeCommunity(db, { members: VOTERS + 1 });
const meeting = await makeMeeting(db, community);
await db.$disconnect();
const server = await startServer({ databaseUrl: scratch.url, env: { NODE_ENV: 'production' } });
const pid = server.child.pid!;

try {
  const cookie = await logInStaff(server.url, community.facilitator.username, TEST_PASSWORD);
  const fac = connectMeeting(server.url, { meetingId: meeting.id }, { cookie });
  await waitFor(() => !!fac.meeting, 20_000, 'facilitator');
  const tokens: string[] = [];
  for (let i = 0; i < community.roster.length; i += 100) {
    const rs = await Promise.all(community.roster.slice(i, i + 100).map((m) =>
      postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken })));
    for (const r of rs) tokens.push(r.body.participantToken as string);
  }
  const reader = tokens.pop()!; // follows the minutes read-only; the attacker
  const members: MeetingClient[] = tokens.map((t) => connectMeeting(server.url, { participantToken: t }, undefined, { keepState: false }));
  await waitFor(() => members.every((c) => c.connected && c.lastSeq > 0), 60_000, 'members connected');
  await sendCommand(fac, 'meeting.start', {}, 30_000);
  await sendCommand(fac, 'meeting.update', { minutesPublic: true });
  for (let i = 0; i < members.length; i += 100) await Promise.all(members.slice(i, i + 100).map((c) => sendCommand(c, 'attendance.checkInSelf', {}, 30_000)));
  log(`${members.length} members checked in`);

  /** One poll: every member votes at a random moment of the window while /api/health is sampled. */
  async function votingRound(label: string) {
    await sendCommand(fac, 'poll.create', { question: label, kind: 'motion', rule });
    await waitFor(() => fac.meeting!.polls.some((p) => p.question === label), 20_000, 'poll');
    const pollId = fac.meeting!.polls.find((p) => p.question === label)!.id;
    const opened = await sendCommand(fac, 'poll.open', { pollId, overrideReason: 'benchmark' }, 30_000);
    if (!opened.ok) throw new Error(`poll.open: ${JSON.stringify(opened)}`);
    const health: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const t0 = performance.now();
        await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
        health.push(performance.now() - t0);
        await sleep(20);
      }
    })();
    const receipts: number[] = [];
    let failed = 0;
    await Promise.all(members.map((c, i) => new Promise<void>((resolve) => {
      setTimeout(async () => {
        const t0 = performance.now();
        const ack = await sendCommand(c, 'poll.vote', { pollId, choices: [['yes', 'no', 'abstain'][i % 3]!], idempotencyKey: randomUUID() }, 60_000).catch(() => null);
        if (ack?.ok) receipts.push(performance.now() - t0);
        else failed++;
        resolve();
      }, Math.random() * WINDOW_MS);
    })));
    sampling = false;
    await sampler;
    // The facilitator's own budget may be spent by the flood: retry the close until it is taken.
    for (let ack = await sendCommand(fac, 'poll.close', { pollId }, 30_000); !ack.ok; ack = await sendCommand(fac, 'poll.close', { pollId }, 30_000)) {
      if (ack.error.code !== 'RATE_LIMITED') throw new Error(`poll.close: ${JSON.stringify(ack)}`);
      await sleep(500);
    }
    return { ballotToReceiptMs: summary(receipts), failedBallots: failed, healthMs: summary(health) };
  }

  const baseline = await votingRound('undisturbed');
  log('undisturbed round done');
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  const watch = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 100);

  // The attack, running through the second round.
  const attacker = connectMeeting(server.url, { meetingId: meeting.id }, { cookie });
  await waitFor(() => attacker.connected, 10_000, 'attacker');
  const flood = (async () => {
    const answers = { ok: 0, rateLimited: 0, other: 0 };
    for (let i = 0; i < FLOOD_COMMANDS; i += 500) {
      const acks = await Promise.all(Array.from({ length: 500 }, (_, k) => sendCommand(attacker, 'message.show', { text: `刷屏 ${i + k}` }, 60_000).catch(() => null)));
      for (const a of acks) {
        if (a?.ok) answers.ok++;
        else if (a?.error.code === 'RATE_LIMITED') answers.rateLimited++;
        else answers.other++;
      }
    }
    return answers;
  })();
  const frames = (async () => {
    const payload = Buffer.concat([Buffer.from([0, 2]), encodeVarUint(OVERSIZED_BYTES), randomBytes(OVERSIZED_BYTES)]);
    const closes = new Map<number, number>();
    const url = `${server.url.replace('http', 'ws')}/collab/minutes:${meeting.id}?token=${encodeURIComponent(reader)}`;
    for (let i = 0; i < OVERSIZED_FRAMES; i++) {
      const code = await new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('open', () => ws.send(payload, () => undefined));
        ws.on('error', () => undefined);
        ws.on('close', (c) => resolve(c));
      });
      closes.set(code, (closes.get(code) ?? 0) + 1);
    }
    return Object.fromEntries(closes);
  })();
  const handshakes = (async () => {
    let refused = 0;
    for (let i = 0; i < BAD_HANDSHAKES; i += 100) {
      await Promise.all(Array.from({ length: 100 }, () => new Promise<void>((resolve) => {
        const s = io(server.url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: { participantToken: randomBytes(32).toString('base64url') } });
        s.on('connect_error', () => { refused++; s.close(); resolve(); });
        s.on('connect', () => { s.close(); resolve(); });
      })));
    }
    return { refused };
  })();
  const underAttack = await votingRound('under attack');
  const [floodAnswers, oversizedCloseCodes, badHandshakes] = await Promise.all([flood, frames, handshakes]);
  clearInterval(watch);
  attacker.disconnect();
  for (const c of [...members, fac]) c.disconnect();

  const result = {
    bench: 'abuse',
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    voters: members.length,
    windowMs: WINDOW_MS,
    undisturbed: baseline,
    underAttack,
    attack: { floodCommands: FLOOD_COMMANDS, floodAnswers, oversizedFrames: OVERSIZED_FRAMES, oversizedBytes: OVERSIZED_BYTES, oversizedCloseCodes, badHandshakes: BAD_HANDSHAKES, ...badHandshakes },
    rssMb: { beforeAttack: rssBefore, peakUnderAttack: rssPeak, growth: rssPeak - rssBefore },
    targets: { healthP99Ms: 100, ballotP99VsUndisturbed: 2, rssGrowthMb: 100 },
    met: {
      healthP99: (underAttack.healthMs.p99 ?? Infinity) <= 100,
      ballotP99: (underAttack.ballotToReceiptMs.p99 ?? Infinity) <= 2 * (baseline.ballotToReceiptMs.p99 ?? 0),
      rssGrowth: rssPeak - rssBefore <= 100,
    },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await server.stop();
  await scratch.drop();
}
process.exit(0);

function encodeVarUint(n: number): Buffer {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}
