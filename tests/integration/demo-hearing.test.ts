// `demo:hearing` as a user runs it, on a fresh SQLite database (its own in-process server): the hearing
// runs from registration to its result, its record is filed, `record:export` writes the bundle and
// `record:verify` accepts it. The meeting's log is then read back: what the demo printed is what happened.
import { afterAll, describe, expect, it } from 'vitest';
import { speakingOrder } from '../../lib/meeting/procedure/hearing/model';
import { boardPublications, publishResults } from '../../lib/topics/publicity';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { exportAndVerify, runFilingDemo, storedLog } from '../support/record';

describe('demo:hearing, record:export and record:verify', () => {
  let scratch: ScratchDatabase;

  afterAll(async () => {
    await scratch?.drop();
  });

  it('holds a hearing to its result, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-hearing', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);
    expect(demo.stdout).toMatch(/报名 registration: 6 applications — 4 speakers admitted .*1 rejected/);
    expect(demo.stdout).toContain('听证代表发言 representatives: 4 turns');

    // The log holds the hearing the demo printed: 4 speakers and an attendee admitted, one rejected; every
    // stage in order; the representatives in the alternating order; 2 confirmations, 1 correction; the result.
    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const { rows, state } = await storedLog(db, record.meetingId);
      const h = state.hearing!;
      expect(state).toMatchObject({ form: 'hearing', status: 'closed' });
      expect(h.registrations.map((r) => r.status)).toEqual(['admitted', 'admitted', 'admitted', 'admitted', 'rejected', 'admitted']);
      expect(h.registrations.find((r) => r.status === 'rejected')!.reason).toBeTruthy();
      expect(rows.filter((r) => r.type === 'hearing.stageChanged').map((r) => JSON.parse(r.data).stage))
        .toEqual(['discipline', 'explanation', 'representatives', 'questioning', 'final', 'summary']);
      const reps = h.turns.filter((t) => t.stage === 'representatives');
      expect(reps.map((t) => t.registrationId)).toEqual(speakingOrder(h).map((r) => r.id));
      expect(reps.map((t) => t.stake)).toEqual(['support', 'oppose', 'support', 'other']);
      expect(h.turns).toHaveLength(14);
      expect(h.turns.every((t) => t.endedAt !== null)).toBe(true);
      expect(h.turns.filter((t) => t.confirmedAt)).toHaveLength(2);
      expect(h.turns.flatMap((t) => t.corrections)).toHaveLength(1);
      expect(h.result?.decision).toBeTruthy();
      // The record keeps the admitted, the transcript and the result; never the application turned down.
      const body = JSON.parse(record.body) as { hearing: { participants: unknown[]; turns: unknown[]; result: { decision: string } } };
      expect(body.hearing.turns).toHaveLength(14);
      expect(body.hearing.result.decision).toBe(h.result!.decision);
      expect(record.body).not.toContain(h.registrations.find((r) => r.status === 'rejected')!.reason!);
      expect(record.body).not.toContain('我家没有车');
      // Published on the community board (结果公示): the hearing's result with its reasons.
      await publishResults(db, record.id, new Date());
      const [published] = await boardPublications(db, record.communityId);
      expect(published).toMatchObject({ recordId: record.id, hearingResult: { decision: h.result!.decision, reasons: h.result!.reasons }, agreements: [] });
    } finally {
      await db.$disconnect();
    }

    const verified = await exportAndVerify(recordId, env);
    expect(verified).toContain(`record ${recordId}`);
    expect(verified).toMatch(/✓ signers\s+every required signer signed \(王书记, 李记录\)/);
  }, 240_000); // three scripts, each starting tsx: about 25 s on a quiet machine
});
