// `demo:expert` as a user runs it, on a fresh SQLite database (its own in-process server): the question
// is asked by a topic, accepted, announced, both invited experts give written opinions through their
// links (one revised), the conclusion is written without a sitting and fed back on the topic's journey,
// its record is filed, `record:export` writes the bundle and `record:verify` accepts it. The database is
// then read back: what the demo printed is what happened.
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { exportAndVerify, runFilingDemo, storedLog } from '../support/record';

describe('demo:expert, record:export and record:verify', () => {
  let scratch: ScratchDatabase;

  afterAll(async () => {
    await scratch?.drop();
  });

  it('runs an expert consultation to its feedback, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-expert', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain('links before acceptance → 409 INVALID_STATE');
    expect(demo.stdout).toContain('a made-up link → 404');
    expect(demo.stdout).toContain('an opinion after the conclusion → 409 INVALID_STATE');
    expect(demo.stdout).toMatch(/meeting closed, sat: false/);

    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const { rows, state } = await storedLog(db, record.meetingId);
      expect(state).toMatchObject({ form: 'expert', status: 'closed', startedAt: null });
      expect(rows.map((r) => r.type).filter((t) => t.startsWith('expert.'))).toEqual([
        'expert.asked', 'expert.accepted', 'expert.opinionGiven', 'expert.opinionGiven', 'expert.opinionGiven', 'expert.concluded', 'expert.fedBack',
      ]);
      const body = JSON.parse(record.body);
      expect(body.expert).toMatchObject({ sat: false, acceptance: { accepted: true }, conclusion: { text: state.expert!.conclusion!.text }, feedback: { channel: 'topic', at: state.expert!.feedback!.at } });
      expect(body.expert.asker.kind).toBe('topic');
      // Each expert signs their final opinion; the revised one counts.
      expect(body.expert.experts).toHaveLength(2);
      expect(body.expert.experts[0].opinion).toMatchObject({ title: '结构安全意见（修订）', revisions: 2 });
      expect(body.expert.experts[1].opinion).toMatchObject({ title: '业主表决与责任意见', revisions: 1 });
      // The answer went back on the asking topic's public journey.
      const step = await db.topicStep.findFirst({ where: { topicId: body.expert.asker.topicId, kind: 'expert_feedback' } });
      expect(JSON.parse(step!.detail)).toMatchObject({ meetingId: record.meetingId, conclusion: body.expert.conclusion.text });
      // No token hash is ever in the record.
      const hashes = (await db.expertLink.findMany({ where: { meetingId: record.meetingId } })).map((l) => l.tokenHash);
      expect(hashes).toHaveLength(2);
      for (const h of hashes) expect(record.body).not.toContain(h);
    } finally {
      await db.$disconnect();
    }

    const verified = await exportAndVerify(recordId, env);
    expect(verified).toContain(`record ${recordId}`);
  }, 240_000);
});
