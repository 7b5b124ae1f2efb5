// Rehearsal tool: `npm run simulate -- --meeting <join code> --voters N`
// Joins N simulated members through the real protocol (HTTP join + Socket.IO), checks them in and
// votes on whatever poll the facilitator opens, so the hall's Wi-Fi and projector can be tried out
// before a real meeting. It needs a staff login that runs the meeting, to read the members' cards.
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { connectMeeting, logInStaff, postJson, sendCommand, waitFor, type MeetingClient } from './protocol-client';

const { values } = parseArgs({
  options: {
    meeting: { type: 'string' },
    voters: { type: 'string', default: '10' },
    url: { type: 'string', default: process.env.YISHI_URL ?? 'http://localhost:3000' },
    user: { type: 'string', default: process.env.YISHI_USER ?? 'facilitator' },
    password: { type: 'string', default: process.env.YISHI_PASSWORD ?? 'yishi-demo' },
    remote: { type: 'string', default: '0' },
    'max-delay': { type: 'string', default: '5' },
    duration: { type: 'string' },
  },
});

if (!values.meeting) {
  console.error('usage: npm run simulate -- --meeting <join code> --voters N [--remote K] [--url http://host:3000] [--user facilitator --password …] [--duration seconds]');
  process.exit(2);
}
const base = values.url!.replace(/\/$/, '');
const voters = Number(values.voters);
const remote = Number(values.remote);
const maxDelayMs = Number(values['max-delay']) * 1000;

const cookie = await logInStaff(base, values.user!, values.password!);
const accessRes = await fetch(`${base}/api/access?joinCode=${encodeURIComponent(values.meeting)}`, { headers: { cookie } });
const access = (await accessRes.json()) as { error?: { message: string }; seats: { seatId: string; name: string; cardToken: string; remoteToken: string }[] };
if (!accessRes.ok) {
  console.error(`cannot read the meeting's cards: ${access.error?.message}`);
  process.exit(1);
}
const seats = access.seats.slice(0, voters);
if (seats.length < voters) console.warn(`the roster has only ${seats.length} seats; simulating ${seats.length}`);

type Sim = { name: string; client: MeetingClient; voted: Set<string>; latencies: number[] };
const sims: Sim[] = [];
for (const [i, seat] of seats.entries()) {
  const body = i < remote ? { via: 'remote', inviteToken: seat.remoteToken } : { via: 'card', joinCode: values.meeting, cardToken: seat.cardToken };
  const r = await postJson(`${base}/api/join`, body);
  if (r.status !== 200) {
    console.error(`${seat.name}: join failed: ${r.body.error?.message}`);
    continue;
  }
  sims.push({ name: seat.name, client: connectMeeting(base, { participantToken: r.body.participantToken }), voted: new Set(), latencies: [] });
}
await waitFor(() => sims.every((s) => s.client.meeting), 30_000, 'all simulated members connected');
const checkedIn = await Promise.all(sims.map((s) => sendCommand(s.client, 'attendance.checkInSelf')));
console.log(`[simulate] ${sims.length} members connected, ${checkedIn.filter((a) => a.ok).length} checked in (${Math.min(remote, sims.length)} remote)`);
console.log('[simulate] waiting for polls; Ctrl-C to stop');

let ballots = 0;
let refused = 0;
function voteOnOpenPolls(sim: Sim) {
  const poll = sim.client.meeting?.polls.find((p) => p.status === 'open');
  if (!poll || sim.voted.has(poll.id)) return;
  sim.voted.add(poll.id);
  const pick = [...poll.options].sort(() => Math.random() - 0.5).slice(0, poll.kind === 'multiple' ? 1 + Math.floor(Math.random() * poll.maxChoices) : 1);
  const key = randomUUID();
  setTimeout(async () => {
    const t0 = performance.now();
    // Retry with the same key until the server answers: exactly what a phone does on bad Wi-Fi.
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        const ack = await sendCommand(sim.client, 'poll.vote', { pollId: poll.id, choices: pick, idempotencyKey: key }, 5000);
        if (ack.ok) {
          ballots++;
          sim.latencies.push(performance.now() - t0);
        } else {
          refused++;
          console.warn(`${sim.name}: ${ack.error.code} ${ack.error.message}`);
        }
        return;
      } catch {
        await waitFor(() => sim.client.connected, 60_000).catch(() => undefined);
      }
    }
  }, Math.random() * maxDelayMs);
}
for (const sim of sims) {
  sim.client.on('meeting:events', () => voteOnOpenPolls(sim));
  sim.client.on('meeting:snapshot', () => voteOnOpenPolls(sim));
  voteOnOpenPolls(sim);
}

const report = setInterval(() => {
  const all = sims.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const p = (q: number) => (all.length ? all[Math.min(all.length - 1, Math.floor(q * all.length))]!.toFixed(0) : '-');
  const online = sims.filter((s) => s.client.connected).length;
  console.log(`[simulate] online ${online}/${sims.length}; ballots acknowledged ${ballots}, refused ${refused}; receipt latency p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`);
}, 5000);

function stop() {
  clearInterval(report);
  for (const s of sims) s.client.disconnect();
  process.exit(0);
}
process.on('SIGINT', stop);
if (values.duration) setTimeout(stop, Number(values.duration) * 1000);
