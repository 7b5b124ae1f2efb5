// `demo:questionnaire` as a user runs it, on a fresh SQLite database (its own in-process server): the
// questionnaire is built, opened, answered, revised, closed and published through the HTTP API, its record
// is filed, `record:export` writes the bundle and `record:verify` accepts it. The database is then read
// back: what the demo printed is what happened, and the record holds aggregates only.
import { afterAll, describe, expect, it } from 'vitest';
import { boardPublications } from '../../lib/topics/publicity';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { exportAndVerify, runFilingDemo, storedLog } from '../support/record';

describe('demo:questionnaire, record:export and record:verify', () => {
  let scratch: ScratchDatabase;

  afterAll(async () => {
    await scratch?.drop();
  });

  it('runs a questionnaire to its published result, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-questionnaire', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);
    expect(demo.stdout).toContain('resident 1 again → 409 ALREADY_ANSWERED');
    expect(demo.stdout).toContain('→ 409 VERSION_SUPERSEDED');
    expect(demo.stdout).toMatch(/results: 8 responses \(version 1: 6, version 2: 2\)/);

    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const { rows, state } = await storedLog(db, record.meetingId);
      expect(state).toMatchObject({ form: 'questionnaire', status: 'closed', questionnaire: { phase: 'closed', versions: [{ version: 1 }, { version: 2 }] } });
      expect(state.agenda).toEqual([]);
      expect(state.attendance).toEqual({});
      // The log holds the lifecycle only: no answer is an event.
      expect(rows.map((r) => r.type).filter((t) => t.startsWith('questionnaire.'))).toEqual([
        'questionnaire.versionPublished', 'questionnaire.opened', 'questionnaire.versionPublished', 'questionnaire.closed', 'questionnaire.summaryPublished',
      ]);
      const body = JSON.parse(record.body);
      expect(body.questionnaire).toMatchObject({ anonymous: true, responses: 8, versions: [{ version: 1, responses: 6 }, { version: 2, responses: 2 }] });
      expect(body.questionnaire.summary.text).toBe(state.questionnaire!.summary!.text);
      expect(record.body).not.toContain('路灯太暗');
      const [published] = await boardPublications(db, record.communityId);
      expect(published).toMatchObject({ recordId: record.id, questionnaireResult: { responses: 8, summary: state.questionnaire!.summary!.text } });
    } finally {
      await db.$disconnect();
    }

    const verified = await exportAndVerify(recordId, env);
    expect(verified).toContain(`record ${recordId}`);
    expect(verified).toMatch(/✓ signers\s+every required signer signed \(王书记, 李记录\)/);
  }, 240_000);
});
