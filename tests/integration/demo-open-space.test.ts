// `demo:open-space` as a user runs it, on a fresh SQLite database (its own in-process server): the open
// space runs from marketplace to consensus, its record is filed, `record:export` writes the bundle and
// `record:verify` accepts it. The meeting's log is then read back: what the demo printed is what happened.
import { afterAll, describe, expect, it } from 'vitest';
import { boardPublications, publishResults } from '../../lib/topics/publicity';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { exportAndVerify, runFilingDemo, storedLog } from '../support/record';

describe('demo:open-space, record:export and record:verify', () => {
  let scratch: ScratchDatabase;

  afterAll(async () => {
    await scratch?.drop();
  });

  it('holds an open space to its consensus, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-open-space', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);
    expect(demo.stdout).toMatch(/投点排序 dots: 36 spent/);
    expect(demo.stdout).toContain('小组记录 notes: 5 hosts wrote');

    // The log holds the open space the demo printed: 6 sessions and a merged duplicate, every resident in
    // a session of each slot but the one who left, 3 dots each (one allocation replaced), 2 statements.
    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const { rows, state } = await storedLog(db, record.meetingId);
      const os = state.openSpace!;
      expect(state).toMatchObject({ form: 'open_space', status: 'closed' });
      expect(os.phase).toBe('converged');
      expect(os.sessions.filter((x) => x.mergedInto === null && x.roomId && x.slotId)).toHaveLength(6);
      expect(os.sessions.filter((x) => x.mergedInto !== null)).toHaveLength(1);
      expect(Object.values(os.presence).reduce((n, bySlot) => n + Object.keys(bySlot).length, 0)).toBe(12 * 2 - 1);
      expect(Object.keys(os.dots)).toHaveLength(12);
      expect(Object.values(os.dotTotals).reduce((a, b) => a + b, 0)).toBe(36);
      expect(rows.filter((r) => r.type === 'openSpace.dotsPlaced')).toHaveLength(13);
      expect(os.consensus).toHaveLength(2);
      // Each session's note went into the record as a commitment; the hosts' harvests open from the disclosures.
      const body = JSON.parse(record.body) as { openSpace: { sessions: { notesCommitment?: string }[] } };
      expect(body.openSpace.sessions.filter((x) => x.notesCommitment)).toHaveLength(6);
      expect(record.body).not.toContain('楼栋长协助');
      const disclosures = await db.recordDisclosure.findUniqueOrThrow({ where: { recordId: record.id } });
      // Five harvests name it: once in each note, and once each in the minutes' HTML and Markdown (分组收获).
      expect(disclosures.body.match(/发起人牵头，楼栋长协助/g)).toHaveLength(15);
      // Published on the community board (结果公示): the agreements, as the record states them.
      await publishResults(db, record.id, new Date());
      const [published] = await boardPublications(db, record.communityId);
      expect(published).toMatchObject({ recordId: record.id, hearingResult: null, agreements: os.consensus.map((c) => c.text) });
    } finally {
      await db.$disconnect();
    }

    const verified = await exportAndVerify(recordId, env);
    expect(verified).toContain(`record ${recordId}`);
    expect(verified).toMatch(/✓ signers\s+every required signer signed \(王书记, 李记录\)/);
  }, 240_000); // three scripts, each starting tsx: about 25 s on a quiet machine
});
