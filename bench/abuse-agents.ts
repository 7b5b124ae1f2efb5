// The other processes of `npm run bench:abuse`, so that neither measures its own event loop:
//   probe <url> <ms>                              GET /api/health every 20 ms for <ms>; prints the latencies
//   attack <url> <cookie> <meetingId> <readerToken> <commands> <frames> <frameBytes> <handshakes>
//                                                 runs the attack; prints what the server answered
// Each prints one JSON line on stdout when done.
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { connectMeeting, sendCommand, waitFor } from '../scripts/protocol-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function probe(url: string, forMs: number) {
  const latencies: number[] = [];
  const end = performance.now() + forMs;
  while (performance.now() < end) {
    const t0 = performance.now();
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - t0);
    await sleep(20);
  }
  return { latencies };
}

/** One facilitator connection's command flood, sent 500 at a time as fast as they are answered. */
async function flood(url: string, cookie: string, meetingId: string, commands: number) {
  const attacker = connectMeeting(url, { meetingId }, { cookie }, { keepState: false });
  await waitFor(() => attacker.connected, 10_000, 'attacker');
  const answers = { ok: 0, rateLimited: 0, other: 0 };
  for (let i = 0; i < commands; i += 500) {
    const acks = await Promise.all(Array.from({ length: 500 }, (_, k) => sendCommand(attacker, 'message.show', { text: `刷屏 ${i + k}` }, 60_000).catch(() => null)));
    for (const a of acks) {
      if (a?.ok) answers.ok++;
      else if (a?.error.code === 'RATE_LIMITED') answers.rateLimited++;
      else answers.other++;
    }
  }
  attacker.disconnect();
  return answers;
}

/** A read-only minutes connection (a participant while the minutes are public) sending huge updates. */
async function oversizedFrames(url: string, meetingId: string, token: string, frames: number, bytes: number) {
  const payload = Buffer.concat([Buffer.from([0, 2]), encodeVarUint(bytes), randomBytes(bytes)]);
  const closes: Record<number, number> = {};
  const target = `${url.replace('http', 'ws')}/collab/minutes:${meetingId}?token=${encodeURIComponent(token)}`;
  for (let i = 0; i < frames; i++) {
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(target);
      ws.on('open', () => ws.send(payload, () => undefined));
      ws.on('error', () => undefined);
      ws.on('close', (c) => resolve(c));
    });
    closes[code] = (closes[code] ?? 0) + 1;
  }
  return closes;
}

async function badHandshakes(url: string, handshakes: number) {
  let refused = 0;
  for (let i = 0; i < handshakes; i += 100) {
    await Promise.all(Array.from({ length: 100 }, () => new Promise<void>((resolve) => {
      const s = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: { participantToken: randomBytes(32).toString('base64url') } });
      s.on('connect_error', () => { refused++; s.close(); resolve(); });
      s.on('connect', () => { s.close(); resolve(); });
    })));
  }
  return { refused };
}

function encodeVarUint(n: number): Buffer {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

const [mode, url, ...rest] = process.argv.slice(2);
if (mode === 'probe') {
  console.log(JSON.stringify(await probe(url!, Number(rest[0]))));
} else if (mode === 'attack') {
  const [cookie, meetingId, reader, commands, frames, frameBytes, handshakes] = rest as [string, string, string, string, string, string, string];
  const [floodAnswers, oversizedCloseCodes, refused] = await Promise.all([
    flood(url!, cookie, meetingId, Number(commands)),
    oversizedFrames(url!, meetingId, reader, Number(frames), Number(frameBytes)),
    badHandshakes(url!, Number(handshakes)),
  ]);
  console.log(JSON.stringify({ floodAnswers, oversizedCloseCodes, badHandshakesRefused: refused.refused }));
}
process.exit(0);
