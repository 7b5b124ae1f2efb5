// `npm run demo:cycle` against a real server in demo mode, on SQLite and PostgreSQL: the whole topic cycle
// through the protocol (twelve confirmed phones, proposal and co-signatures, review, agenda, the meeting held
// and filed, results published, an objection answered, the decision carried out and rated), then what the
// topic's public page, the board and the index make of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../lib/demo/seed';
import { createDb, type Db } from '../../lib/platform/db/client';
import { DEMO_PASSWORD } from '../../lib/demo/seed';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { runScript } from '../support/record';
import { staffCookie, startServer, type RunningServer } from '../support/server';

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`demo:cycle on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;

    beforeAll(async () => {
      scratch = await target.make();
      // The server migrates the scratch database; the demo community (without its history) is then added.
      server = await startServer({ databaseUrl: scratch.url, env: { YISHI_DEMO: '1' } });
      db = createDb(scratch.url);
      await seedDemo(db);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('runs the cycle and prints it; the topic’s journey, the board and the index follow it to the rating', async () => {
      const run = await runScript('demo-cycle', ['--url', server.url], {}, 240_000);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({
        coSigners: 12, intakePath: 'joint_residents', topicStatus: 'accepted', decisionStatus: 'done',
        ratings: { satisfied: 2, basically_satisfied: 1, dissatisfied: 0 }, publishedAt: expect.any(String),
      });
      // The journey goes on past the agenda: filed, published, carried out — in time order.
      expect(out.journey.slice(-4)).toEqual(['on_agenda', 'record_filed', 'published', 'decision_done']);
      expect(out.journey.slice(0, 2)).toEqual(['proposed', 'joint_reached']);
      const topic = await (await fetch(`${server.url}/api/topics/${out.topicId}`)).json() as { steps: { kind: string; at: string }[] };
      const times = topic.steps.map((s) => Date.parse(s.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));

      // The board shows the published results with the objection answered; the record is filed.
      const board = await (await fetch(`${server.url}/api/board/guihu`)).json() as { publications: { recordId: string; objections: { answer: string | null }[] }[] };
      expect(board.publications.find((p) => p.recordId === out.recordId)!.objections).toEqual([expect.objectContaining({ answer: '扶手已列入维修方案，和路灯一起施工。' })]);
      expect(await db.meetingRecord.findUniqueOrThrow({ where: { id: out.recordId } })).toMatchObject({ status: 'filed', meetingId: out.meetingId });

      // The index: the joint topic is the evidence of its intake path, the decision of follow-up and satisfaction.
      const staff = await staffCookie(server.url, 'facilitator', DEMO_PASSWORD);
      const communityId = (await db.meetingRecord.findUniqueOrThrow({ where: { id: out.recordId } })).communityId;
      const { card } = await (await fetch(`${server.url}/api/scores/${communityId}`, { headers: { cookie: staff } })).json() as { card: { indicators: { id: string; explanation: { rule?: string; evidence: string[] } }[] } };
      const evidence = (id: string) => card.indicators.find((i) => i.id === id)!.explanation.evidence;
      expect(evidence('topic.intake.paths')).toContain(out.topicId);
      const taskId = out.decisionUrl.split('/d/')[1];
      expect(evidence('mechanism.accountability.follow_up')).toContain(taskId);
      expect(evidence('outcome.impact.satisfaction')).toContain(taskId);
    }, 300_000);
  });
}
