// The meeting record through the real server (child process) on SQLite and PostgreSQL: frozen on close,
// signed on the convener's and the recorder's devices, filed; the exported bundle verifies with OpenSSL
// alone and with record:verify; tampering in the database is named by the server's own checks; a
// restart between the last signature and the filing files the record.
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthMessage } from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { hashPassword } from '../../lib/auth/password';
import { MeetingHub } from '../../lib/meeting/hub';
import { CloseCode, MessageType } from '../../lib/minutes/collab/protocol';
import { MINUTES_FIELD, minutesDocName } from '../../lib/minutes/schema';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { newId } from '../../lib/platform/tokens';
import { canonicalJson } from '../../lib/record/canonical';
import { BUNDLE_FILES } from '../../lib/record/export';
import { generateSigningKey, signEd25519 } from '../../lib/record/node-crypto';
import { createRecordService } from '../../lib/record/service';
import type { CheckId } from '../../lib/record/verify';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { makeKeys, signedBundle } from '../factories/record';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { holdMeeting, runScript, verifyWithOpenSsl } from '../support/record';
import { postJson, staffCookie, startServer, waitFor, webSocketWithCookie, type RunningServer } from '../support/server';

type Status = { recordId: string; status: string; hash: string; chainSeq: number; signers: { role: string; name: string; signedAt: string | null; keyFingerprint: string | null }[] };
type Verification = { valid: boolean; recordHash: string; checks: { id: CheckId; status: string; detail: string }[] };

/** A PDF's text as a reader's viewer extracts it (poppler's pdftotext). */
async function pdfText(pdf: ArrayBuffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'yishi-pdf-'));
  try {
    await writeFile(join(dir, 'r.pdf'), Buffer.from(pdf));
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const failedChecks = (v: Verification) => [...new Set(v.checks.filter((c) => c.status === 'fail').map((c) => c.id))].sort();

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`meeting record (${target.name})`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    const cookies = { convener: '', recorder: '', colleague: '' };
    const work: string[] = [];
    let first: Status;
    let second: Status;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 5 });
      // A second facilitator of the community: may read the record, is not among its signers.
      await db.staffUser.create({
        data: {
          id: newId(), username: `colleague-${community.communityId.slice(0, 8)}`, displayName: '副主任', role: 'facilitator',
          passwordHash: await hashPassword(TEST_PASSWORD), districtId: community.districtId, streetId: community.streetId, communityId: community.communityId,
        },
      });
      server = await startServer({ databaseUrl: scratch.url });
      cookies.convener = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      cookies.recorder = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
      cookies.colleague = await staffCookie(server.url, `colleague-${community.communityId.slice(0, 8)}`, TEST_PASSWORD);
    });

    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
      for (const dir of work) await rm(dir, { recursive: true, force: true });
    });

    const getJson = async (path: string, cookie = cookies.convener) => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      return { status: res.status, body: (await res.json()) as any };
    };
    const recordOf = async (meetingId: string) => (await getJson(`/api/meetings/${meetingId}/record`)).body.record as Status | null;
    const verifyRoute = async (recordId: string) => (await getJson(`/api/records/${recordId}/verify`)).body as Verification;
    /** What a signer's device does: sign exactly the bytes of record.json with its own key. */
    const deviceSignature = (recordJson: string, key = generateSigningKey()) =>
      ({ publicKeyPem: key.publicKeyPem, signature: signEd25519(key.privateKeyPem, new TextEncoder().encode(recordJson)) });
    const postSignature = (recordId: string, cookie: string, body: unknown) =>
      postJson(`${server.url}/api/records/${recordId}/signatures`, body, { cookie });
    /** The verification and chain checks the server runs, called in this process on the same database. */
    const records = () => createRecordService(db, new MeetingHub(db), () => Promise.reject(new Error('not used')));

    /** Holds a meeting, waits for its frozen record, and has the convener and the recorder sign it. */
    async function filedRecord(): Promise<Status> {
      const meeting = await makeMeeting(db, community);
      await holdMeeting(server.url, community, meeting);
      await expect.poll(() => recordOf(meeting.id), { timeout: 15_000 }).not.toBeNull();
      const { recordId } = (await recordOf(meeting.id))!;
      const { recordJson } = (await getJson(`/api/records/${recordId}`)).body;
      for (const cookie of [cookies.convener, cookies.recorder]) expect((await postSignature(recordId, cookie, deviceSignature(recordJson))).status).toBe(200);
      const status = (await recordOf(meeting.id))!;
      expect(status.status).toBe('filed');
      return status;
    }

    it('is frozen when the meeting closes, refuses non-signers and bad signatures, and is filed after both signatures', async () => {
      const meeting = await makeMeeting(db, community);
      await holdMeeting(server.url, community, meeting);
      await expect.poll(() => recordOf(meeting.id), { timeout: 15_000 }).not.toBeNull();
      const frozen = (await recordOf(meeting.id))!;
      expect(frozen).toMatchObject({ status: 'awaiting_signatures', chainSeq: 1 });
      expect(frozen.signers.map((s) => [s.role, s.name, s.signedAt])).toEqual([['convener', '主持人', null], ['recorder', '记录员', null]]);
      const { recordId } = frozen;
      const bundle = (await getJson(`/api/records/${recordId}`)).body;
      const recordJson: string = bundle.recordJson;
      expect(JSON.parse(recordJson)).toMatchObject({ meetingId: meeting.id, polls: [{ voted: 5, tally: { yes: 3, no: 2, abstain: 0 } }] });
      expect(bundle.signatures).toEqual([]);

      // Refused: no session, a staff member who is not a signer, a signature over other bytes, a key of another kind.
      expect((await postSignature(recordId, '', deviceSignature(recordJson))).status).toBe(401);
      const outsider = await postSignature(recordId, cookies.colleague, deviceSignature(recordJson));
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.code).toBe('FORBIDDEN');
      const wrongBytes = await postSignature(recordId, cookies.convener, deviceSignature(`${recordJson}\n`));
      expect(wrongBytes.status).toBe(400);
      expect(wrongBytes.body.error.message).toMatch(/does not verify/);
      const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      expect((await postSignature(recordId, cookies.convener, { ...deviceSignature(recordJson), publicKeyPem: ecKey })).status).toBe(400);
      expect((await postSignature(recordId, cookies.convener, { publicKeyPem: 'x', signature: 'not base64' })).status).toBe(400);
      expect(await db.recordSignature.count({ where: { recordId } })).toBe(0);
      expect(await db.signingKey.count()).toBe(0);

      // The convener signs: still waiting for the recorder.
      const convenerKey = generateSigningKey();
      const byConvener = await postSignature(recordId, cookies.convener, deviceSignature(recordJson, convenerKey));
      expect(byConvener.status).toBe(200);
      expect(byConvener.body.status).toBe('awaiting_signatures');
      expect(byConvener.body.signers.map((s: Status['signers'][number]) => !!s.signedAt)).toEqual([true, false]);
      expect((await verifyRoute(recordId)).checks.find((c) => c.id === 'signers')).toMatchObject({ status: 'fail' });
      // The same key cannot be claimed by the recorder.
      expect((await postSignature(recordId, cookies.recorder, deviceSignature(recordJson, convenerKey))).status).toBe(403);

      const byRecorder = await postSignature(recordId, cookies.recorder, deviceSignature(recordJson));
      expect(byRecorder.status).toBe(200);
      expect(byRecorder.body.status).toBe('filed');
      const filed = (await getJson(`/api/records/${recordId}`)).body;
      expect(filed.recordJson).toBe(recordJson);
      expect(filed.signatures.map((s: { role: string }) => s.role)).toEqual(['convener', 'recorder', 'platform']);
      expect(filed.filing.statement).toMatchObject({ recordId, recordHash: frozen.hash, chain: { seq: 1, previousRecordHash: null } });
      // Filed: no more signatures.
      expect((await postSignature(recordId, cookies.convener, deviceSignature(recordJson))).status).toBe(409);

      const verification = await verifyRoute(recordId);
      expect(verification.valid).toBe(true);
      expect(verification.recordHash).toBe(frozen.hash);
      expect(verification.checks.every((c) => c.status === 'pass')).toBe(true);
      first = (await recordOf(meeting.id))!;
    });

    it('keeps the minutes read-only once the meeting is closed: a writer is told (4423), a follower’s edit is refused', async () => {
      const meetingId = (await db.meetingRecord.findUniqueOrThrow({ where: { id: first.recordId } })).meetingId;
      const doc = new Y.Doc();
      const denied: string[] = [];
      const closed: number[] = [];
      const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, minutesDocName(meetingId), doc, {
        WebSocketPolyfill: webSocketWithCookie(cookies.recorder) as never, disableBc: true, maxBackoffTime: 200,
      });
      provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => readAuthMessage(decoder, doc, (_doc, reason) => denied.push(reason));
      // As the editor does: told the minutes are locked, it follows them read-only.
      provider.on('closed', (event) => {
        closed.push(event.code);
        provider.params = { ...provider.params, readonly: '1' };
        provider.connect();
      });
      try {
        await waitFor(() => closed.length > 0, 15_000, 'the writer told');
        expect(closed[0]).toBe(CloseCode.Locked);
        await waitFor(() => provider.synced, 15_000, 'minutes synced read-only');
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText('会后补记的一段话。')]);
        doc.getXmlFragment(MINUTES_FIELD).insert(0, [p]);
        await waitFor(() => denied.length > 0, 10_000, 'the edit refused');
        expect(denied[0]).toMatch(/read-only/);
        const md = await (await fetch(`${server.url}/api/minutes/${meetingId}/export?format=md`, { headers: { cookie: cookies.recorder } })).text();
        expect(md).toContain('是否同意方案？');
        expect(md).not.toContain('会后补记的一段话。');
      } finally {
        provider.destroy();
        doc.destroy();
      }
    });

    it('exports a bundle that OpenSSL alone and record:verify accept', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'yishi-bundle-'));
      work.push(dir);
      for (const file of BUNDLE_FILES) {
        const res = await fetch(`${server.url}/api/records/${first.recordId}/files/${file}`);
        expect(res.status).toBe(200);
        await writeFile(join(dir, file), Buffer.from(await res.arrayBuffer()));
      }
      // record.json is exactly the stored, signed bytes.
      const stored = await db.meetingRecord.findUniqueOrThrow({ where: { id: first.recordId } });
      expect(await readFile(join(dir, 'record.json'), 'utf8')).toBe(stored.body);
      expect((await readFile(join(dir, 'record.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');

      const openssl = await verifyWithOpenSsl(dir);
      expect(openssl.map((r) => r.role)).toEqual(['convener', 'recorder', 'platform']);
      for (const r of openssl) {
        expect(r.code, r.output).toBe(0);
        expect(r.output).toContain('Signature Verified Successfully');
      }

      const platformPem = join(dir, 'platform.pem');
      await writeFile(platformPem, (await db.platformKey.findUniqueOrThrow({ where: { id: 'platform' } })).publicKeyPem);
      const cli = await runScript('record-verify', [dir, '--platform-key', platformPem]);
      expect(cli.code, cli.stdout + cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/✓ platform_key/);
      expect(cli.stdout).toMatch(/1 of 1 bundle\(s\) valid/);

      // One byte of record.json changed: OpenSSL and the CLI both refuse it.
      const bytes = await readFile(join(dir, 'record.json'));
      bytes[bytes.indexOf('"voted":5') + 8] = '4'.charCodeAt(0);
      await writeFile(join(dir, 'record.json'), bytes);
      expect((await verifyWithOpenSsl(dir)).every((r) => r.code !== 0)).toBe(true);
      const tampered = await runScript('record-verify', [dir]);
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toMatch(/✗ hash/);
    });

    it('names a changed byte of the stored record (hash) and a swapped signing key (signature, keys)', async () => {
      const row = await db.meetingRecord.findUniqueOrThrow({ where: { id: first.recordId } });
      const at = row.body.indexOf('"voted":5') + 8;
      await db.meetingRecord.update({ where: { id: row.id }, data: { body: `${row.body.slice(0, at)}4${row.body.slice(at + 1)}` } });
      try {
        const v = await verifyRoute(row.id);
        expect(v.valid).toBe(false);
        expect(failedChecks(v)).toEqual(['hash', 'signature', 'signers']);
        expect(v.checks.find((c) => c.id === 'hash')!.detail).toContain(row.hash);
      } finally {
        await db.meetingRecord.update({ where: { id: row.id }, data: { body: row.body } });
      }
      expect((await verifyRoute(row.id)).valid).toBe(true);

      const key = await db.signingKey.findFirstOrThrow({ where: { staffUserId: community.facilitator.id } });
      await db.signingKey.update({ where: { id: key.id }, data: { publicKeyPem: generateSigningKey().publicKeyPem } });
      try {
        const v = await verifyRoute(row.id);
        expect(failedChecks(v)).toEqual(['keys', 'signature', 'signers']);
        expect(v.checks.find((c) => c.id === 'keys')!.detail).toContain('convener 主持人');
      } finally {
        await db.signingKey.update({ where: { id: key.id }, data: { publicKeyPem: key.publicKeyPem } });
      }
      expect((await verifyRoute(row.id)).valid).toBe(true);
    });

    it('links the second record of the community to the first; renumbered records break the chain', async () => {
      second = await filedRecord();
      expect(second.chainSeq).toBe(2);
      const v = await verifyRoute(second.recordId);
      expect(v.valid).toBe(true);
      expect(v.checks.find((c) => c.id === 'chain')!.detail).toBe('record #2 links to record #1');
      expect(JSON.parse((await getJson(`/api/records/${second.recordId}`)).body.recordJson).chain.previousRecordHash).toBe(first.hash);
      expect(await records().verifyCommunityChain(community.communityId)).toEqual({ records: 2, problems: [] });

      // Swap the two rows' positions (through a free number: the position is unique per community).
      const setSeq = (id: string, chainSeq: number) => db.meetingRecord.update({ where: { id }, data: { chainSeq } });
      await setSeq(first.recordId, 99);
      await setSeq(second.recordId, 1);
      await setSeq(first.recordId, 2);
      try {
        for (const id of [first.recordId, second.recordId]) {
          const swapped = await verifyRoute(id);
          expect(swapped.valid).toBe(false);
          expect(failedChecks(swapped)).toEqual(['chain']);
        }
        const chain = await records().verifyCommunityChain(community.communityId);
        expect(chain.problems).toEqual(expect.arrayContaining([
          expect.objectContaining({ recordId: second.recordId, problem: 'gap' }),
          expect.objectContaining({ recordId: first.recordId, problem: 'gap' }),
        ]));
      } finally {
        await setSeq(first.recordId, 99);
        await setSeq(second.recordId, 2);
        await setSeq(first.recordId, 1);
      }
      expect((await verifyRoute(second.recordId)).valid).toBe(true);
      expect((await records().verifyCommunityChain(community.communityId)).problems).toEqual([]);
    });

    it('the public view names no resident and leads to no other record: harvesting from one id finds nothing', async () => {
      const names = community.roster.map((m) => m.name);
      const known = [first.recordId, second.recordId];
      const seen: string[] = [];
      const queue = [second.recordId];
      while (queue.length) {
        const id = queue.shift()!;
        if (seen.includes(id)) continue;
        seen.push(id);
        const paths = [`/api/records/${id}`, `/api/records/${id}/verify`, ...['record.json', 'signatures.json', 'filing.json'].map((f) => `/api/records/${id}/files/${f}`)];
        for (const path of paths) {
          const res = await fetch(`${server.url}${path}`);
          expect(res.status, path).toBe(200);
          const text = await res.text();
          for (const name of names) expect(text, `${path} names ${name}`).not.toContain(name);
          queue.push(...known.filter((other) => other !== id && text.includes(other)));
        }
      }
      expect(seen).toEqual([second.recordId]);
      // The printed copy too: its text names nobody (seats as 成员 N).
      const pdf = await pdfText(await (await fetch(`${server.url}/api/records/${second.recordId}/files/record.pdf`)).arrayBuffer());
      expect(pdf).toContain('成员 1');
      for (const name of names) expect(pdf).not.toContain(name);
      // The chain stays checkable: the link is the previous record's hash, not its id.
      const view = (await getJson(`/api/records/${second.recordId}`, '')).body;
      expect(view.chain.previous).toEqual({ seq: 1, hash: first.hash });
      expect(JSON.parse(view.recordJson).chain.previousRecordHash).toBe(first.hash);
    });

    it('gives staff of the area the disclosures, each matching a commitment of the record; staff of another community are refused', async () => {
      const neighbour = await makeCommunity(db, { members: 1, name: '邻近社区' });
      const outsider = await staffCookie(server.url, neighbour.facilitator.username, TEST_PASSWORD);
      const path = `/api/records/${second.recordId}/disclosures`;
      expect((await getJson(path, '')).status).toBe(401);
      const refused = await getJson(path, outsider);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');

      const record = JSON.parse((await getJson(`/api/records/${second.recordId}`, '')).body.recordJson);
      for (const cookie of [cookies.recorder, cookies.colleague]) {
        const { status, body } = await getJson(path, cookie);
        expect(status).toBe(200);
        const disclosures = body.disclosures as [string, string][];
        // Each disclosure is [salt, value]; its SHA-256 over the canonical JSON is the commitment in the signed record.
        for (const [salt] of disclosures) expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
        const byCommitment = new Map(disclosures.map((d) => [createHash('sha256').update(canonicalJson(d)).digest('hex'), d[1]]));
        expect(record.roster.map((s: { nameCommitment: string }) => byCommitment.get(s.nameCommitment)).sort()).toEqual(community.roster.map((m) => m.name).sort());
        expect(byCommitment.get(record.minutes.htmlCommitment)).toContain('是否同意方案？');
      }
      // Staff's printed copy names them; nobody else gets it.
      const named = await fetch(`${server.url}/api/records/${second.recordId}/disclosed.pdf`, { headers: { cookie: cookies.recorder } });
      expect(named.status).toBe(200);
      expect(named.headers.get('content-type')).toBe('application/pdf');
      expect(await pdfText(await named.arrayBuffer())).toContain(community.roster[0]!.name);
      expect((await fetch(`${server.url}/api/records/${second.recordId}/disclosed.pdf`, { headers: { cookie: outsider } })).status).toBe(403);
      expect((await fetch(`${server.url}/api/records/${second.recordId}/disclosed.pdf`)).status).toBe(401);
    });

    it('record:verify needs a trusted platform key or its fingerprint, and fails a fully forged bundle', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'yishi-trust-'));
      work.push(dir);
      for (const file of ['record.json', 'signatures.json', 'filing.json']) {
        await writeFile(join(dir, file), Buffer.from(await (await fetch(`${server.url}/api/records/${second.recordId}/files/${file}`)).arrayBuffer()));
      }
      const platform = await db.platformKey.findUniqueOrThrow({ where: { id: 'platform' } });
      const platformPem = join(dir, 'platform.pem');
      await writeFile(platformPem, platform.publicKeyPem);

      const untrusted = await runScript('record-verify', [dir], { YISHI_PLATFORM_FINGERPRINT: '' });
      expect(untrusted.code, untrusted.stdout).toBe(1);
      expect(untrusted.stderr).toMatch(/platform_key: .*trusted/);
      for (const trusted of [
        await runScript('record-verify', [dir, '--platform-fingerprint', platform.fingerprint]),
        await runScript('record-verify', [dir, '--platform-key', platformPem]),
        await runScript('record-verify', [dir], { YISHI_PLATFORM_FINGERPRINT: platform.fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ') }),
      ]) {
        expect(trusted.code, trusted.stdout + trusted.stderr).toBe(0);
        expect(trusted.stdout).toMatch(/✓ platform_key/);
      }

      // A bundle made from scratch: the record edited, signed by its own "convener", "recorder" and "platform", filed by them.
      const genuine = JSON.parse(await readFile(join(dir, 'record.json'), 'utf8'));
      const forged = await signedBundle({ ...genuine, meeting: { ...genuine.meeting, title: '从未召开的会议' } }, makeKeys());
      const forgedDir = await mkdtemp(join(tmpdir(), 'yishi-forged-'));
      work.push(forgedDir);
      await writeFile(join(forgedDir, 'record.json'), forged.recordBytes);
      await writeFile(join(forgedDir, 'signatures.json'), JSON.stringify(forged.signatures));
      await writeFile(join(forgedDir, 'filing.json'), JSON.stringify(forged.filing));
      for (const run of [
        await runScript('record-verify', [forgedDir], { YISHI_PLATFORM_FINGERPRINT: '' }),
        await runScript('record-verify', [forgedDir, '--platform-fingerprint', platform.fingerprint]),
        await runScript('record-verify', [forgedDir, '--platform-key', platformPem]),
      ]) {
        expect(run.code, run.stdout).toBe(1);
        expect(run.stdout).toMatch(/✗ platform_key/);
      }
    });

    it('still verifies and files a record stored in format 1, before the upgrade', async () => {
      const legacy = await makeCommunity(db, { members: 1, name: '旧格式社区' });
      const v1 = JSON.parse(await readFile(join(import.meta.dirname, '..', 'fixtures', 'record-v1', 'record.json'), 'utf8'));
      expect(v1.format).toBe('yishi.meeting-record/1');
      const recordId = newId();
      const record = {
        ...v1, recordId, meetingId: newId(),
        community: { ...v1.community, id: legacy.communityId },
        signers: [
          { role: 'convener', staffId: legacy.facilitator.id, name: legacy.facilitator.displayName },
          { role: 'recorder', staffId: legacy.recorder.id, name: legacy.recorder.displayName },
        ],
        chain: { communityId: legacy.communityId, seq: 1, previousRecordHash: null },
      };
      const body = canonicalJson(record);
      await db.meetingRecord.create({
        data: {
          id: recordId, meetingId: record.meetingId, communityId: legacy.communityId, chainSeq: 1, previousHash: null,
          hash: createHash('sha256').update(body).digest('hex'), body, status: 'awaiting_signatures', frozenAt: new Date(record.frozenAt),
        },
      });
      for (const staff of [legacy.facilitator, legacy.recorder]) {
        const signed = await postSignature(recordId, await staffCookie(server.url, staff.username, TEST_PASSWORD), deviceSignature(body));
        expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      }
      const v = await verifyRoute(recordId);
      expect(v.valid, JSON.stringify(v.checks)).toBe(true);
      expect((await getJson(`/api/records/${recordId}`, '')).body.recordJson).toBe(body);
    });

    it('files a record after a restart between the last signature and the filing', async () => {
      // The state a crash leaves: every signature stored and the record moved to "signed", not yet filed.
      await db.meetingRecord.update({
        where: { id: second.recordId },
        data: { status: 'signed', filedAt: null, filing: null, filingSignature: null, platformSignature: null, platformKeyId: null },
      });
      expect((await getJson(`/api/records/${second.recordId}`)).body.filing).toBeUndefined();
      await server.stop();
      server = await startServer({ databaseUrl: scratch.url, port: server.port });
      const status = (await getJson(`/api/records/${second.recordId}`)).body;
      expect(status.status).toBe('filed');
      expect((await verifyRoute(second.recordId)).valid).toBe(true);
    });

    it('names a dropped record: its successor’s link and the community chain fail', async () => {
      await db.meetingRecord.delete({ where: { id: first.recordId } });
      const v = await verifyRoute(second.recordId);
      expect(v.valid).toBe(false);
      expect(failedChecks(v)).toEqual(['chain']);
      expect(v.checks.find((c) => c.status === 'fail')!.detail).toBe('record #1 of this community is missing');
      expect((await records().verifyCommunityChain(community.communityId)).problems).toEqual([
        { recordId: second.recordId, seq: 2, problem: 'gap' },
        { recordId: second.recordId, seq: 2, problem: 'link' },
      ]);
    });
  });
}
