// `demo:evaluation` as a user runs it, on a fresh SQLite database (its own in-process server): the 民主评议
// is planned, opened, rated through personal links (an incomplete card, a second answer and a made-up
// link refused), closed and published, its record is filed, `record:export` writes the bundle and
// `record:verify` accepts it. The database and the record are then read back: what the demo printed is
// what happened, and nothing in the record names an evaluator.
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/platform/db/client';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { exportAndVerify, runFilingDemo, storedLog } from '../support/record';

describe('demo:evaluation, record:export and record:verify', () => {
  let scratch: ScratchDatabase;

  afterAll(async () => {
    await scratch?.drop();
  });

  it('runs an evaluation to its published result, files its record, and the bundle verifies offline', async () => {
    scratch = await scratchSqlite();
    const env = { DATABASE_URL: scratch.url, YISHI_PUBLIC_URL: 'https://yishi.example' };
    const demo = await runFilingDemo('demo-evaluation', env);
    const recordId = demo.recordId;
    expect(demo.stdout).toContain(`verify: https://yishi.example/v/${recordId}`);
    expect(demo.stdout).toContain('a card without 履职情况 → 400 BAD_REQUEST');
    expect(demo.stdout).toContain('a second answer from the same link → 409 ALREADY_ANSWERED');
    expect(demo.stdout).toContain('a made-up link → 404');
    expect(demo.stdout).toContain('progress: 4 of 5 evaluators answered');
    expect(demo.stdout).toContain('a rating after the close → 409 INVALID_STATE');

    const db = createDb(scratch.url);
    try {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const { rows, state } = await storedLog(db, record.meetingId);
      expect(state).toMatchObject({ form: 'evaluation', status: 'closed', evaluation: { phase: 'closed', units: 2, evaluators: 5, published: { note: expect.stringContaining('整改') } } });
      expect(state.attendance).toEqual({});
      // The log holds the lifecycle only: no rating is an event.
      expect(rows.map((r) => r.type).filter((t) => t.startsWith('evaluation.'))).toEqual(['evaluation.opened', 'evaluation.closed', 'evaluation.published']);
      const body = JSON.parse(record.body);
      expect(body.evaluation).toMatchObject({ planSha256: state.evaluation!.planSha256, evaluators: { invited: 5, answered: 4 } });
      expect(body.evaluation.units.map((u: { name: string; answers: number }) => [u.name, u.answers])).toEqual([['桂湖花园物业服务中心', 4], ['社区居委会', 4]]);
      expect(body.evaluation.units[0].problems).toEqual(['充电桩安装后部分车位被占用，需要划线管理。']);
      expect(body.evaluation.units[1].reasons).toEqual(['楼道照明改造涉及产权单位审批，年内无法完成。']);
      for (const u of body.evaluation.units) {
        expect(u.completion.satisfied + u.completion.basically_satisfied + u.completion.dissatisfied).toBe(4);
      }
      // No evaluator is in the record: not their names, not their link's hash.
      const evaluators = await db.evaluationEvaluator.findMany({ where: { meetingId: record.meetingId } });
      expect(evaluators).toHaveLength(5);
      for (const ev of evaluators) {
        expect(record.body).not.toContain(ev.name);
        expect(record.body).not.toContain(ev.tokenHash!);
        expect(record.body).not.toContain(ev.id);
      }
    } finally {
      await db.$disconnect();
    }

    const verified = await exportAndVerify(recordId, env);
    expect(verified).toContain(`record ${recordId}`);
  }, 240_000);
});
