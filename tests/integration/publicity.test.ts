// Results publicity (结果公示) through the real server: a meeting held and filed by demo:meeting has its
// decisions on the community board from its filing, for the template's 5 days; a resident with a confirmed
// phone objects, staff answer once, and both are public without the phone; the index reads the publication
// time; after the period objections are refused. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityFacts } from '../../lib/assessment/facts';
import { MeetingHub } from '../../lib/meeting/hub';
import { DEMO_PASSWORD } from '../../lib/demo/seed';
import { createDb, type Db } from '../../lib/platform/db/client';
import { confirmResident } from '../../scripts/protocol-client';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { runScript } from '../support/record';
import { postJson, staffCookie, startServer, type RunningServer } from '../support/server';

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`results publicity on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let recordId: string;
    const board = async () => (await fetch(`${server.url}/api/board/guihu`)).json() as Promise<any>;

    beforeAll(async () => {
      scratch = await target.make();
      const demo = await runScript('demo-meeting', [], { DATABASE_URL: scratch.url });
      if (demo.code !== 0) throw new Error(demo.stdout + demo.stderr);
      recordId = /^record (\S+) filed$/m.exec(demo.stdout)![1]!;
      db = createDb(scratch.url);
      server = await startServer({ databaseUrl: scratch.url, env: { YISHI_DEMO: '1' } });
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('publishes the decisions at filing, takes an objection and an answer, and the index reads the publication', async () => {
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const published = (await board()).publications.find((p: any) => p.recordId === recordId);
      expect(published).toMatchObject({ open: true, meetingTitle: expect.any(String), objections: [] });
      expect(published.decisions.length).toBeGreaterThan(0);
      expect(new Date(published.publishedAt).getTime()).toBe(record.filedAt!.getTime());
      expect(new Date(published.endsAt).getTime() - new Date(published.publishedAt).getTime()).toBe(5 * 86_400_000);

      // No resident session: refused. Markup is stripped, and what is left must still say something.
      expect((await postJson(`${server.url}/api/records/${recordId}/objections`, { text: '我反对这个决定' })).status).toBe(401);
      const phone = '13712345678';
      const resident = await confirmResident(server.url, phone);
      const empty = await postJson(`${server.url}/api/records/${recordId}/objections`, { text: '<b>反对</b>' }, { cookie: resident });
      expect(empty).toMatchObject({ status: 400, body: { error: { details: { issues: [expect.objectContaining({ path: 'text' })] } } } });
      const text = '费用分摊比例没有征求一楼住户意见，<script>x</script>请重新核算。';
      const objected = await postJson(`${server.url}/api/records/${recordId}/objections`, { text }, { cookie: resident });
      expect(objected.status, JSON.stringify(objected.body)).toBe(200);

      const withObjection = JSON.stringify(await board());
      expect(withObjection).toContain('费用分摊比例没有征求一楼住户意见，x请重新核算。');
      expect(withObjection).not.toContain('<script>');
      expect(withObjection).not.toContain(phone);
      const hash = (await db.resultObjection.findUniqueOrThrow({ where: { id: objected.body.objectionId } })).phoneHash;
      expect(withObjection).not.toContain(hash);

      // Staff of the community answer, once; a resident cannot.
      const answerUrl = `${server.url}/api/objections/${objected.body.objectionId}/answer`;
      expect((await postJson(answerUrl, { answer: '已请物业重新核算' }, { cookie: resident })).status).toBe(401);
      const staff = await staffCookie(server.url, 'facilitator', DEMO_PASSWORD);
      expect((await postJson(answerUrl, { answer: '社区已请物业按楼层重新核算，结果将在下次议事会上说明。' }, { cookie: staff })).status).toBe(200);
      expect((await postJson(answerUrl, { answer: '第二次答复' }, { cookie: staff })).status).toBe(409);
      const answered = (await board()).publications.find((p: any) => p.recordId === recordId).objections[0];
      expect(answered).toMatchObject({ answer: '社区已请物业按楼层重新核算，结果将在下次议事会上说明。', answeredBy: '王书记' });

      // The index reads the publication's time, not the filing's: move the publication and the fact follows.
      const later = new Date(record.filedAt!.getTime() + 2 * 86_400_000);
      await db.resultPublication.update({ where: { recordId }, data: { publishedAt: later } });
      const facts = (await communityFacts(db, [record.communityId])).get(record.communityId)!;
      expect(facts.records.find((r) => r.recordId === recordId)!.resultsPublishedAt).toBe(later.toISOString());

      // After the period, objections are closed.
      await db.resultPublication.update({ where: { recordId }, data: { publishedAt: record.filedAt!, endsAt: new Date(Date.now() - 1000) } });
      const late = await postJson(`${server.url}/api/records/${recordId}/objections`, { text: '公示期后才看到，我也有意见。' }, { cookie: resident });
      expect(late).toMatchObject({ status: 409, body: { error: { code: 'INVALID_STATE', details: { reason: 'publicity_closed' } } } });
      expect((await board()).publications.find((p: any) => p.recordId === recordId).open).toBe(false);
    });

    it('a decision is carried out and rated once per phone; the next 民主评议 gets the period’s decisions and ratings as agenda material', async () => {
      const staff = await staffCookie(server.url, 'facilitator', DEMO_PASSWORD);
      const record = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      const task = await db.decisionTask.findFirstOrThrow({ where: { recordId } });
      const [r1, r2] = [await confirmResident(server.url, '13812340001'), await confirmResident(server.url, '13812340002')];
      const rate = (cookie: string, rating: string) => postJson(`${server.url}/api/decisions/${task.id}/ratings`, { rating, comment: '' }, { cookie });
      expect((await rate(r1, 'satisfied')).body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'not_done' } });
      expect((await postJson(`${server.url}/api/decisions/${task.id}/updates`, { status: 'done', note: '已完成' }, { cookie: staff })).body.error.details.reason).toBe('unplanned');
      expect((await postJson(`${server.url}/api/decisions/${task.id}/plan`, { owner: '社区居委会', deadline: new Date(Date.now() + 20 * 86_400_000).toISOString() }, { cookie: staff })).status).toBe(200);
      expect((await postJson(`${server.url}/api/decisions/${task.id}/updates`, { status: 'done', note: '已按决议完成' }, { cookie: staff })).status).toBe(200);
      expect((await rate(r1, 'satisfied')).status).toBe(200);
      const twice = await Promise.all([rate(r2, 'dissatisfied'), rate(r2, 'dissatisfied'), rate(r2, 'dissatisfied')]);
      expect(twice.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const page = await (await fetch(`${server.url}/api/decisions/${task.id}`)).json() as any;
      expect(page).toMatchObject({ status: 'done', ratings: { satisfied: 1, basically_satisfied: 0, dissatisfied: 1 } });
      expect(JSON.stringify(page)).not.toMatch(/phoneHash|13812340001/);

      // The index reads the same facts: the decision's follow-up and its two ratings, named by its task.
      const fact = (await communityFacts(db, [record.communityId])).get(record.communityId)!.records.find((r) => r.recordId === recordId)!;
      const decision = fact.decisions.find((d) => d.pollId === task.pollId)!;
      expect(decision).toMatchObject({ id: task.id, text: task.title, implementation: 'done', followUpRecordedAt: expect.any(String) });
      expect(decision.ratings!.map((x) => x.rating).sort()).toEqual(['dissatisfied', 'satisfied']);
      const { card } = (await (await fetch(`${server.url}/api/scores/${record.communityId}`, { headers: { cookie: staff } })).json()) as any;
      const satisfaction = card.indicators.find((i: any) => i.id === 'outcome.impact.satisfaction');
      expect(satisfaction.explanation.evidence).toContain(task.id);
      expect(satisfaction.explanation.parts[0]).toMatchObject({ key: 'scoring.part.satisfaction', params: { count: 2, percent: 50 } });
      expect(card.indicators.find((i: any) => i.id === 'mechanism.accountability.follow_up').explanation.evidence).toContain(task.id);

      const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      const planned = await postJson(`${server.url}/api/meetings`, {
        communityId: record.communityId, form: 'evaluation', level: 'community', type: 'supervision', title: '下半年民主评议会',
        venue: '社区议事厅', scheduledAt: `${day}T19:00:00+08:00`, endsAt: `${day}T21:00:00+08:00`, agenda: [{ title: '通报半年工作' }],
      }, { cookie: staff });
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      const agenda = (await new MeetingHub(db).state(planned.body.meetingId)).agenda;
      expect(agenda[0]!.title).toBe('通报半年工作');
      const material = agenda.find((a) => a.title.startsWith('评议本期'))!;
      expect(material.notes).toContain(`· ${task.title}：已完成；居民评议 满意 1、基本满意 0、不满意 1`);
    });
  });
}
