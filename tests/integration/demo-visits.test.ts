// `demo:visits` as a user runs it, on a fresh SQLite database (its own in-process server): the round is
// planned, started, its visits logged through the HTTP API — the phone's queue replayed twice — finished
// and concluded, its record is filed, `record:export` writes the bundle and `record:verify` accepts it.
// The database is then read back: what the demo printed is what happened, each visit stored once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { foldEvents, type MeetingEvent } from '../../lib/meeting/state';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { runScript } from '../support/record';

describe('demo:visits, record:export and record:verify', () => {
  let scratch: ScratchDatabase;
  let out: string;

  afterAll(async () => {
    await scratch?.drop();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('runs a round of visits to its conclusion, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runScript('demo-visits', [], env);
    expect(demo.code, demo.stdout + demo.stderr).toBe(0);
    const recordId = /^record (\S+) filed$/m.exec(demo.stdout)?.[1];
    expect(recordId, demo.stdout).toBeTruthy();
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);
    expect(demo.stdout).toContain('6 visits sent, 6 stored; the queue replayed twice: 12 replays answered with the stored visits');
    expect(demo.stdout).toContain('the same id with other content → 409 CONFLICT');
    expect(demo.stdout).toContain('a photo of the first visit sent twice: stored 1, replayed 1');
    expect(demo.stdout).toContain('a visit sent afterwards → 409 INVALID_STATE');

    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId! } });
      expect(await db.visitEntry.count({ where: { meetingId: record.meetingId } })).toBe(6);
      const rows = await db.meetingEvent.findMany({ where: { meetingId: record.meetingId }, orderBy: { seq: 'asc' } });
      const state = foldEvents(record.meetingId, rows.map((r) => ({ seq: r.seq, type: r.type, data: JSON.parse(r.data), at: r.at.toISOString(), actor: r.actor }) as MeetingEvent));
      expect(state).toMatchObject({ form: 'visit', status: 'closed', visits: { phase: 'finished' } });
      expect(state.agenda).toEqual([]);
      expect(state.attendance).toEqual({});
      // The log holds the lifecycle only: no visit is an event.
      expect(rows.map((r) => r.type).filter((t) => t.startsWith('visits.'))).toEqual(['visits.started', 'visits.finished', 'visits.concluded']);
      const body = JSON.parse(record.body);
      expect(body.visits).toMatchObject({ planned: 6, plannedVisited: 5, agreement: { agree: 3, conditional: 1, disagree: 1, undecided: 1 } });
      expect(body.visits.entries).toHaveLength(6);
      expect(body.visits.entries.flatMap((e: { photos?: unknown[] }) => e.photos ?? [])).toHaveLength(1);
      expect(await db.visitPhoto.count({ where: { meetingId: record.meetingId } })).toBe(1);
      expect(body.visits.conclusion.text).toBe(state.visits!.conclusion!.text);
      expect(record.body).not.toContain('13912345678');
      expect(record.body).not.toContain('3号楼1单元101');
    } finally {
      await db.$disconnect();
    }

    out = await mkdtemp(join(tmpdir(), 'yishi-export-'));
    const exported = await runScript('record-export', [recordId!, out], env);
    expect(exported.code, exported.stdout + exported.stderr).toBe(0);
    const fingerprint = /^platform key fingerprint: ([0-9a-f]{64}) /m.exec(exported.stdout)?.[1];
    expect(fingerprint, exported.stdout).toBeTruthy();
    const verified = await runScript('record-verify', [out, '--platform-fingerprint', fingerprint!]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`record ${recordId}`);
    expect(verified.stdout).toMatch(/✓ signers\s+every required signer signed \(王书记, 李记录\)/);
  }, 240_000);
});
