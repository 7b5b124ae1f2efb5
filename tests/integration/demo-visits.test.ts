// `demo:visits` as a user runs it, on a fresh SQLite database (its own in-process server): the round is
// planned, started, its visits logged through the HTTP API — the phone's queue replayed twice — finished
// and concluded, its record is filed, `record:export` writes the bundle and `record:verify` accepts it.
// The database is then read back: what the demo printed is what happened, each visit stored once.
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { exportAndVerify, runFilingDemo, storedLog } from '../support/record';

describe('demo:visits, record:export and record:verify', () => {
  let scratch: ScratchDatabase;

  afterAll(async () => {
    await scratch?.drop();
  });

  it('runs a round of visits to its conclusion, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-visits', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);
    expect(demo.stdout).toContain('6 visits sent, 6 stored; the queue replayed twice: 12 replays answered with the stored visits');
    expect(demo.stdout).toContain('the same id with other content → 409 CONFLICT');
    expect(demo.stdout).toContain('a photo of the first visit sent twice: stored 1, replayed 1');
    expect(demo.stdout).toContain('a visit sent afterwards → 409 INVALID_STATE');

    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      expect(await db.visitEntry.count({ where: { meetingId: record.meetingId } })).toBe(6);
      const { rows, state } = await storedLog(db, record.meetingId);
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

    const verified = await exportAndVerify(recordId, env);
    expect(verified).toContain(`record ${recordId}`);
    expect(verified).toMatch(/✓ signers\s+every required signer signed \(王书记, 李记录\)/);
  }, 240_000);
});
