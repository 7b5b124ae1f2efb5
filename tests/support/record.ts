// Helpers for the record suites and the demos' suites: hold a short meeting through the real protocol,
// run a demo and the record CLIs as a user would, read a meeting's log back, and check an exported
// bundle with OpenSSL alone.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unfinishedWork } from '../../lib/meeting/closing';
import { eventOfRow } from '../../lib/meeting/events';
import { foldEvents } from '../../lib/meeting/state';
import type { Db } from '../../lib/platform/db/client';
import { majorityPresets } from '../../lib/voting/outcome';
import { TEST_PASSWORD, type makeCommunity } from '../factories/community';
import { command, connect, postJson, staffCookie, waitFor, type Ack } from './server';

const root = join(import.meta.dirname, '..', '..');

function ok(ack: Ack, what: string) {
  if (!ack.ok) throw new Error(`${what}: ${ack.error.code} ${ack.error.message}`);
}

/**
 * Runs a meeting from start to close: every roster member checks in with their card, one speaks, and
 * all vote on a named motion (the first `yes`, the rest alternating). Returns when the close is acknowledged.
 */
export async function holdMeeting(baseUrl: string, community: Awaited<ReturnType<typeof makeCommunity>>, meeting: { id: string; joinCode: string }) {
  const cookie = await staffCookie(baseUrl, community.facilitator.username, TEST_PASSWORD);
  const fac = connect(baseUrl, { meetingId: meeting.id }, { cookie });
  const members: ReturnType<typeof connect>[] = [];
  try {
    await waitFor(() => !!fac.meeting, 10_000, 'facilitator');
    ok(await command(fac, 'meeting.start'), 'meeting.start');
    const itemId = fac.meeting!.agenda[0]!.id;
    ok(await command(fac, 'agenda.start', { itemId }), 'agenda.start');
    for (const m of community.roster) {
      const r = await postJson(`${baseUrl}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
      if (r.status !== 200) throw new Error(`join: ${JSON.stringify(r.body)}`);
      members.push(connect(baseUrl, { participantToken: r.body.participantToken }));
    }
    await waitFor(() => members.every((s) => !!s.meeting), 10_000, 'members');
    for (const s of members) ok(await command(s, 'attendance.checkInSelf'), 'checkInSelf');
    ok(await command(members[0]!, 'speaker.request', { stance: 'support' }), 'speaker.request');
    await waitFor(() => fac.meeting!.speakers.length === 1, 10_000, 'speaking request');
    const speakerId = fac.meeting!.speakers[0]!.id;
    ok(await command(fac, 'speaker.grant', { id: speakerId }), 'speaker.grant');
    ok(await command(fac, 'speaker.end', { id: speakerId }), 'speaker.end');
    ok(await command(fac, 'poll.create', { question: '是否同意方案？', kind: 'motion', rule: majorityPresets.simple_majority }), 'poll.create');
    await waitFor(() => fac.meeting!.polls.length === 1, 10_000, 'poll');
    const pollId = fac.meeting!.polls[0]!.id;
    ok(await command(fac, 'poll.open', { pollId }), 'poll.open');
    for (const [i, s] of members.entries()) {
      ok(await command(s, 'poll.vote', { pollId, choices: [i % 2 === 0 ? 'yes' : 'no'], idempotencyKey: randomUUID() }), 'vote');
    }
    ok(await command(fac, 'poll.close', { pollId }), 'poll.close');
    ok(await command(fac, 'agenda.finish', { itemId }), 'agenda.finish');
    await waitFor(() => fac.meeting!.agenda.find((a) => a.id === itemId)?.status === 'done', 10_000, 'item finished');
    // The meeting's other items were not reached: closing defers them, as the closing step requires.
    const decisions = unfinishedWork(fac.meeting!).map((w) => ({ kind: w.kind, id: w.id, action: 'defer' as const }));
    ok(await command(fac, 'meeting.close', { decisions }), 'meeting.close');
  } finally {
    for (const s of [fac, ...members]) s.disconnect();
  }
}

export type ScriptRun = { code: number | null; stdout: string; stderr: string };

/** `npx tsx scripts/<name>.ts …` from the repository root, as `npm run` would run it. */
export function runScript(name: string, args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join('scripts', `${name}.ts`), ...args], { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs a demo that files a record (`npm run demo:…` on its own database): throws, with its output,
 * unless it exits 0 and prints `record <id> filed`.
 */
export async function runFilingDemo(name: string, env: Record<string, string>): Promise<{ stdout: string; recordId: string }> {
  const run = await runScript(name, [], env);
  const recordId = /^record (\S+) filed$/m.exec(run.stdout)?.[1];
  if (run.code !== 0 || !recordId) throw new Error(`${name} exited ${run.code} without filing a record:\n${run.stdout}${run.stderr}`);
  return { stdout: run.stdout, recordId };
}

/** A meeting's stored log, as rows and folded into its state: what a demo printed is checked against it. */
export async function storedLog(db: Db, meetingId: string) {
  const rows = await db.meetingEvent.findMany({ where: { meetingId }, orderBy: { seq: 'asc' } });
  return { rows, state: foldEvents(meetingId, rows.map(eventOfRow)) };
}

/**
 * `record:export` of a filed record into a fresh folder, then `record:verify` of that folder with the
 * platform key fingerprint the export printed, as someone checking a bundle would. Throws, with the
 * output, unless both exit 0; returns what verify printed. The folder is removed afterwards.
 */
export async function exportAndVerify(recordId: string, env: Record<string, string>): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'yishi-export-'));
  try {
    const exported = await runScript('record-export', [recordId, out], env);
    const fingerprint = /^platform key fingerprint: ([0-9a-f]{64}) /m.exec(exported.stdout)?.[1];
    if (exported.code !== 0 || !fingerprint) throw new Error(`record-export exited ${exported.code}:\n${exported.stdout}${exported.stderr}`);
    const verified = await runScript('record-verify', [out, '--platform-fingerprint', fingerprint]);
    if (verified.code !== 0) throw new Error(`record-verify exited ${verified.code}:\n${verified.stdout}${verified.stderr}`);
    return verified.stdout;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * Checks every signature of signatures.json over record.json with OpenSSL alone: the key PEM and the
 * raw signature go into files and `openssl pkeyutl -verify -rawin` reads them. Returns one result per entry.
 */
export async function verifyWithOpenSsl(dir: string): Promise<{ role: string; name: string; code: number | null; output: string }[]> {
  const entries = JSON.parse(await readFile(join(dir, 'signatures.json'), 'utf8')) as { role: string; name: string; publicKeyPem: string; signature: string }[];
  const work = await mkdtemp(join(tmpdir(), 'yishi-openssl-'));
  try {
    const results = [];
    for (const [i, e] of entries.entries()) {
      const key = join(work, `key-${i}.pem`);
      const sig = join(work, `sig-${i}.bin`);
      await writeFile(key, e.publicKeyPem);
      await writeFile(sig, Buffer.from(e.signature, 'base64'));
      const args = ['pkeyutl', '-verify', '-pubin', '-inkey', key, '-rawin', '-in', join(dir, 'record.json'), '-sigfile', sig];
      results.push(await new Promise<{ role: string; name: string; code: number | null; output: string }>((resolve) => {
        execFile('openssl', args, (err, stdout, stderr) => resolve({ role: e.role, name: e.name, code: err ? (typeof err.code === 'number' ? err.code : null) : 0, output: stdout + stderr }));
      }));
    }
    return results;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
