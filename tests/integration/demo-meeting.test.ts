// The record CLIs end to end, as a user runs them: `demo:meeting` holds a meeting on a fresh SQLite
// database and files its record, `record:export` writes the bundle and prints the platform key's
// fingerprint, `record:verify` accepts the bundle against that fingerprint and refuses it once one byte
// of record.json is changed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { runFilingDemo, runScript } from '../support/record';

describe('demo:meeting, record:export and record:verify', () => {
  let scratch: ScratchDatabase;
  let out: string;

  afterAll(async () => {
    await scratch?.drop();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('files a demo meeting’s record, exports it, and verifies the bundle offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-meeting', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);

    out = await mkdtemp(join(tmpdir(), 'yishi-export-'));
    const exported = await runScript('record-export', [recordId, out], env);
    expect(exported.code, exported.stdout + exported.stderr).toBe(0);
    for (const f of ['record.json', 'signatures.json', 'filing.json', 'record.pdf']) expect(exported.stdout).toContain(join(out, f));

    const fingerprint = /^platform key fingerprint: ([0-9a-f]{64}) /m.exec(exported.stdout)?.[1];
    expect(fingerprint, exported.stdout).toBeTruthy();
    const verified = await runScript('record-verify', [out, '--platform-fingerprint', fingerprint!]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`record ${recordId}`);
    expect(verified.stdout).toMatch(/✓ signers\s+every required signer signed \(王书记, 李记录\)/);

    // One byte of the record changed: a digit of the first poll's vote count.
    const path = join(out, 'record.json');
    const bytes = await readFile(path);
    const at = bytes.indexOf('"voted":') + 8;
    bytes[at] = bytes[at] === 0x39 ? 0x38 : bytes[at]! + 1;
    await writeFile(path, bytes);
    const tampered = await runScript('record-verify', [out, '--platform-fingerprint', fingerprint!]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/✗ hash/);
    expect(tampered.stderr).toMatch(/: (hash|signature): /);

    // Usage and I/O errors are not verification failures.
    expect((await runScript('record-verify', [])).code).toBe(2);
    expect((await runScript('record-verify', [join(out, 'missing')])).code).toBe(2);
    expect((await runScript('record-verify', [out, '--platform-fingerprint', 'abc'])).code).toBe(2);
    expect((await runScript('record-export', ['no-such-record', join(out, 'x')], env)).code).toBe(1);
  });
});
