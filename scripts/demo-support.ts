// What the meeting demos (demo:meeting, demo:open-space, demo:hearing) share: a server in the script's own process on
// the configured database with the demo data, and the end of every meeting — the convener's and the
// recorder's devices sign the frozen record.json and the platform files it; and an open-space session's note
// written as a phone's editor writes it; and a command sent again when the connection's budget says wait.
import { DEMO_PASSWORD, DEMO_USERS, isSeeded, seedDemo } from '../lib/demo/seed';
import { createDb, resolveDatabaseUrl, type Db } from '../lib/platform/db/client';
import { applyMigrations } from '../lib/platform/db/migrate';
import type { RecordStatus } from '../lib/record/format';
import type { SmsSender } from '../lib/platform/sms';
import { generateSigningKey, signEd25519 } from '../lib/record/node-crypto';
import { createYishiServer } from '../server/app';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MINUTES_FIELD } from '../lib/minutes/schema';
import type { Socket } from 'socket.io-client';
import type { CommandInput, CommandName } from '../lib/meeting/commands';
import { logInStaff, postJson, sendCommand, waitFor, type Ack } from './protocol-client';

export const demoUser = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((u) => u.role === role)!.username;

/** Starts the server in this process on the configured database (default ./data/yishi.db), seeding the demo data into an empty one. */
export async function inProcessServer(opts: { sms?: SmsSender } = {}): Promise<{ base: string; db: Db; stop: () => Promise<void> }> {
  const url = resolveDatabaseUrl();
  await applyMigrations(url);
  const db = createDb(url);
  if (!(await isSeeded(db))) await seedDemo(db);
  const server = await createYishiServer({ db, next: null, publicUrl: process.env.YISHI_PUBLIC_URL || undefined, ...(opts.sms ? { sms: opts.sms } : {}) });
  const port = await server.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    db,
    stop: async () => {
      await server.close();
      await db.$disconnect();
    },
  };
}

/** Polls an HTTP read until it returns something; the record is frozen moments after the close. */
export async function until<T>(read: () => Promise<T | null>, what: string, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function getJson(base: string, path: string, cookie: string) {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  const body = (await res.json()) as any;
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${body.error?.message}`);
  return body;
}

/**
 * The convener's and the recorder's own devices log in, make a key, sign the frozen bytes and send the
 * signature; filing follows the last one. Returns the filed record's id (throws if a signer is missing).
 */
export async function signAndFile(base: string, meetingId: string, log: (line: string) => void): Promise<string> {
  const convenerCookie = await logInStaff(base, demoUser('facilitator'), DEMO_PASSWORD);
  for (const username of [demoUser('facilitator'), demoUser('recorder')]) {
    const cookie = await logInStaff(base, username, DEMO_PASSWORD);
    const recordId = await until(async () => (await getJson(base, `/api/meetings/${meetingId}/record`, cookie)).record?.recordId ?? null, 'the frozen record');
    const { recordJson } = await getJson(base, `/api/records/${recordId}`, cookie) as { recordJson: string };
    const key = generateSigningKey();
    const signature = signEd25519(key.privateKeyPem, new TextEncoder().encode(recordJson));
    const r = await postJson(`${base}/api/records/${recordId}/signatures`, { publicKeyPem: key.publicKeyPem, signature }, { cookie });
    if (r.status !== 200) throw new Error(`${username} cannot sign: ${r.status} ${r.body.error?.message}`);
    log(`${username} signed record ${recordId} (status ${r.body.status})`);
  }

  // Filing follows the last signature; a signer still missing means the demo data has more signers.
  const record = await until(async () => {
    const { record } = await getJson(base, `/api/meetings/${meetingId}/record`, convenerCookie) as { record: { recordId: string; status: RecordStatus; signers: { name: string; signedAt: string | null }[] } };
    return record.status === 'filed' || record.signers.some((s) => !s.signedAt) ? record : null;
  }, 'the filing');
  if (record.status !== 'filed') {
    throw new Error(`record ${record.recordId} is ${record.status}; still to sign: ${record.signers.filter((s) => !s.signedAt).map((s) => s.name).join(', ')}`);
  }
  return record.recordId;
}

/**
 * Writes lines under the headings of an open-space session's note through y-websocket, as a phone's
 * editor does (the participant's token authorises it), and waits until a second connection reads them
 * back from the server. `lines[k]` goes under the k-th heading of the harvest template.
 */
export async function writeSessionNote(base: string, docName: string, token: string, lines: string[]): Promise<void> {
  const url = `${base.replace(/^http/, 'ws')}/collab`;
  const open = () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, docName, doc, { WebSocketPolyfill: WebSocket as never, params: { token }, disableBc: true });
    return { doc, provider };
  };
  const writer = open();
  const reader = open();
  try {
    await waitFor(() => writer.provider.synced && reader.provider.synced, 15_000, `${docName} synced`);
    const fragment = writer.doc.getXmlFragment(MINUTES_FIELD);
    writer.doc.transact(() => lines.forEach((line, k) => (fragment.get(k * 2 + 1) as Y.XmlElement).insert(0, [new Y.XmlText(line)])));
    const text = (doc: Y.Doc) => doc.getXmlFragment(MINUTES_FIELD).toString();
    await waitFor(() => lines.every((line) => text(reader.doc).includes(line)), 15_000, `${docName} written`);
  } finally {
    for (const { provider, doc } of [writer, reader]) {
      provider.destroy();
      doc.destroy();
    }
  }
}

/**
 * Sends a command as a console does: told RATE_LIMITED by the connection's budget (a script sends faster
 * than a person clicks), it waits the `retryAfterSec` the server asked for and sends again. A refused
 * command did nothing, so sending it again is safe.
 */
export async function sendPatiently<C extends CommandName>(s: Socket, name: C, input: Partial<CommandInput<C>> = {}): Promise<Ack> {
  for (;;) {
    const ack = await sendCommand(s, name, input);
    if (ack.ok || ack.error.code !== 'RATE_LIMITED' || !ack.error.details?.retryAfterSec) return ack;
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(ack.error.details?.retryAfterSec)));
  }
}
