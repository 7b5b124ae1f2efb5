// `demo:written` as a user runs it, on a fresh SQLite database (its own in-process server): the written
// consultation is written, sent, answered through personal links (one answer changed), closed with its
// conclusion, its record is filed, `record:export` writes the bundle and `record:verify` accepts it. The
// database is then read back: what the demo printed is what happened, and the record holds final answers.
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { exportAndVerify, runFilingDemo, storedLog } from '../support/record';

describe('demo:written, record:export and record:verify', () => {
  let scratch: ScratchDatabase;

  afterAll(async () => {
    await scratch?.drop();
  });

  it('runs a written consultation to its conclusion, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-written', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);
    expect(demo.stdout).toContain('disagrees without reasons → 400 BAD_REQUEST');
    expect(demo.stdout).toContain('a made-up link → 404');
    expect(demo.stdout).toContain('a reply after the close → 409 INVALID_STATE');
    expect(demo.stdout).toMatch(/replies: 同意 1, 修改意见 2, 不同意 1, 未回复 1/);

    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const { rows, state } = await storedLog(db, record.meetingId);
      expect(state).toMatchObject({ form: 'written', status: 'closed', written: { phase: 'closed', addressees: 5 } });
      expect(state.attendance).toEqual({});
      // The log holds the lifecycle only: no reply is an event.
      expect(rows.map((r) => r.type).filter((t) => t.startsWith('written.'))).toEqual(['written.sent', 'written.closed']);
      const body = JSON.parse(record.body);
      expect(body.written.document.sha256).toBe(state.written!.documentSha256);
      expect(body.written.document.attachment).toMatchObject({ fileName: '选址示意图.pdf', mimeType: 'application/pdf' });
      expect(body.written.counts).toEqual({ agree: 1, amend: 2, disagree: 1, none: 1 });
      expect(body.written.conclusion).toBe(state.written!.conclusion);
      // The changed answer: its latest revision counts, and the record says it was revised.
      const changed = body.written.addressees.find((a: { revisions: number }) => a.revisions === 2);
      expect(changed).toMatchObject({ answer: 'amend', text: '建议同时加装雨棚和监控。' });
      expect(body.written.addressees.find((a: { name: string }) => a.name === '周主任')).toMatchObject({ unit: '辖区供电所', answer: null, text: null });
      // No token, and no token hash, is ever in the record.
      const hashes = (await db.writtenAddressee.findMany({ where: { meetingId: record.meetingId } })).map((a) => a.tokenHash!);
      expect(hashes).toHaveLength(5);
      for (const h of hashes) expect(record.body).not.toContain(h);
    } finally {
      await db.$disconnect();
    }

    const verified = await exportAndVerify(recordId, env);
    expect(verified).toContain(`record ${recordId}`);
    expect(verified).toMatch(/✓ signers\s+every required signer signed \(王书记, 李记录\)/);
  }, 240_000);
});
