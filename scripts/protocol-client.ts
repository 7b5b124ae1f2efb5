// A small Node client of the Yishi protocol (docs/protocol.md), used by the rehearsal tool, the
// benchmarks, the demo script and the integration tests. It keeps the meeting state the same way the
// web client does: a snapshot, then events folded with lib's reducer.
import { io, type Socket } from 'socket.io-client';
import type { CommandInput, CommandName } from '../lib/meeting/commands';
import { applyEvent, type MeetingEvent, type MeetingState } from '../lib/meeting/state';

export type Ack =
  | { ok: true; result: { seq: number; receipt?: string; duplicate?: boolean; seatId?: string; id?: string } }
  | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any, cookie: res.headers.get('set-cookie') };
}

export async function logInStaff(baseUrl: string, username: string, password: string): Promise<string> {
  const r = await postJson(`${baseUrl}/api/auth/login`, { username, password });
  if (r.status !== 200 || !r.cookie) throw new Error(`login failed (${r.status}): ${JSON.stringify(r.body)}`);
  return r.cookie.split(';')[0]!;
}

/**
 * A resident confirms a phone number (docs/protocol.md, residents): asks for a code and confirms it. The code
 * is read from the answer (a server in demo mode) or from `readCode` (a test reading the SMS it captured).
 * Returns the resident cookie (name=value).
 */
export async function confirmResident(baseUrl: string, phone: string, readCode?: () => Promise<string>): Promise<string> {
  const sent = await postJson(`${baseUrl}/api/residents/code`, { phone });
  if (sent.status !== 200) throw new Error(`code request failed (${sent.status}): ${JSON.stringify(sent.body)}`);
  const code: string | undefined = sent.body.demoCode ?? (readCode ? await readCode() : undefined);
  if (!code) throw new Error('the server does not show codes (not in demo mode) and no readCode was given');
  const confirmed = await postJson(`${baseUrl}/api/residents/confirm`, { phone, code });
  if (confirmed.status !== 200 || !confirmed.cookie) throw new Error(`confirming failed (${confirmed.status}): ${JSON.stringify(confirmed.body)}`);
  return confirmed.cookie.split(';')[0]!;
}

export type MeetingClient = Socket & { lastSeq: number; meeting: MeetingState | null; onEventSeq?: (seq: number, at: number) => void };

/** Connects to a meeting; reconnects on its own and tells the server where it left off. */
export function connectMeeting(baseUrl: string, auth: Record<string, unknown>, extraHeaders?: Record<string, string>, opts: { keepState?: boolean } = {}): MeetingClient {
  const keep = opts.keepState ?? true;
  const s = io(baseUrl, {
    path: '/socket.io', transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 1000,
    extraHeaders,
    auth: (cb) => cb({ ...auth, ...(s.lastSeq ? { lastSeq: s.lastSeq } : {}) }),
  }) as MeetingClient;
  s.lastSeq = 0;
  s.meeting = null;
  s.on('meeting:snapshot', (m: { state: MeetingState }) => {
    s.lastSeq = m.state.seq;
    if (keep) s.meeting = m.state;
  });
  s.on('meeting:events', (m: { events: MeetingEvent[] }) => {
    const now = performance.now();
    for (const e of m.events) {
      if (e.seq !== s.lastSeq + 1) continue;
      s.lastSeq = e.seq;
      if (keep && s.meeting) s.meeting = applyEvent(s.meeting, e);
      s.onEventSeq?.(e.seq, now);
    }
  });
  return s;
}

export function sendCommand<C extends CommandName>(s: Socket, name: C, input: Partial<CommandInput<C>> = {}, timeoutMs = 10_000): Promise<Ack> {
  return s.timeout(timeoutMs).emitWithAck('meeting:command', { name, input }) as Promise<Ack>;
}

export function waitFor(cond: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}
