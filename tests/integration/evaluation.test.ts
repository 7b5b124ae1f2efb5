// A 民主评议 through the real server, on SQLite and PostgreSQL: staff plan it (the period's decisions are
// offered as units; an incomplete plan is refused by field; a recorder reads but never writes), open it —
// links come back once; evaluators rate every unit once, concurrently, each counted once however often
// their link submits; staff see counts only, and results only once closed; the database is then read as
// an attacker would, and nothing in it ties an evaluator to a rating; publishing files a record that
// verifies and names no evaluator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { newId } from '../../lib/platform/tokens';
import { generateSigningKey, signEd25519 } from '../../lib/record/node-crypto';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { postJson, staffCookie, startServer, type RunningServer } from '../support/server';

const day = 86_400_000;
const EVALUATORS = 24;
const ratingsOf = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`democratic evaluation on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let staff: string;
    let recorder: string;
    const url = (path: string) => `${server.url}${path}`;
    const get = async (path: string, cookie?: string) => {
      const res = await fetch(url(path), { headers: cookie ? { cookie } : {} });
      return { status: res.status, body: await res.json() as any };
    };
    const token = (link: { path: string }) => link.path.slice('/e/'.length);

    async function plan(title: string) {
      const planned = await postJson(url('/api/meetings'), {
        communityId: community.communityId, form: 'evaluation', level: 'community', type: 'supervision', title,
        venue: '手机评议', scheduledAt: new Date(Date.now() + day).toISOString(), endsAt: new Date(Date.now() + 8 * day).toISOString(),
      }, { cookie: staff });
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      return planned.body.meetingId as string;
    }

    let a: string;
    let b: string;
    let links: { evaluatorId: string; name: string; category: string; path: string }[];
    let unitIds: string[];

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: EVALUATORS - 2 });
      for (const m of community.roster) await db.rosterMember.update({ where: { id: m.id }, data: { categories: '["resident_representative"]' } });
      // Two decisions of a filed record in the period, one unit responsible for both; one outside it.
      const recordId = newId();
      await db.decisionTask.createMany({ data: [
        { id: newId(), recordId, pollId: 'p1', communityId: community.communityId, title: '加装 3 号楼电梯', owner: '物业服务中心', status: 'done', createdAt: new Date(Date.now() - 30 * day) },
        { id: newId(), recordId, pollId: 'p2', communityId: community.communityId, title: '整治楼道堆物', owner: '物业服务中心', status: 'in_progress', createdAt: new Date(Date.now() - 20 * day) },
        { id: newId(), recordId, pollId: 'p3', communityId: community.communityId, title: '去年的事', owner: '旧单位', status: 'done', createdAt: new Date(Date.now() - 400 * day) },
      ] });
      server = await startServer({ databaseUrl: scratch.url });
      staff = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      recorder = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
      a = await plan('下半年民主评议');
      b = await plan('另一场评议');
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('staff plan it from the period’s decisions; incomplete refused by field; the recorder reads, never writes; links come back once', async () => {
      const e = (id: string, path = '') => url(`/api/meetings/${id}/evaluation${path}`);
      const incomplete = await postJson(e(a, '/open'), { overrideReason: '测试' }, { cookie: staff });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['units', 'evaluators']);
      const ymd = (t: number) => new Date(t).toISOString().slice(0, 10);
      const offered = await get(`/api/meetings/${a}/evaluation/decisions?from=${ymd(Date.now() - 183 * day)}&to=${ymd(Date.now())}`, staff);
      expect(offered.body.units).toEqual([{ name: '物业服务中心', commitments: [
        { text: '加装 3 号楼电梯', decision: { recordId: expect.any(String), pollId: 'p1' }, status: 'done' },
        { text: '整治楼道堆物', decision: { recordId: expect.any(String), pollId: 'p2' }, status: 'in_progress' },
      ] }]);
      expect((await get(`/api/meetings/${a}/evaluation/decisions?from=${ymd(Date.now())}&to=${ymd(Date.now())}`, recorder)).status).toBe(403);

      const badCard = await postJson(e(a), { units: [{ name: '居委会', commitments: [] }, { name: '居委会', commitments: [{ text: 'x' }] }] }, { cookie: staff });
      expect(badCard.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['units.0.commitments', 'units.1.name']);
      expect((await postJson(e(a), { periodFrom: '2026-07-01' }, { cookie: recorder })).status).toBe(403);
      expect((await postJson(e(a), { periodFrom: '2026-07-01' })).status).toBe(401);
      const saved = await postJson(e(a), {
        periodFrom: ymd(Date.now() - 183 * day), periodTo: ymd(Date.now()),
        units: [...offered.body.units, { name: '社区居委会', commitments: [{ text: '设立周末便民服务点' }] }],
        evaluators: { categories: ['resident_representative'], others: [{ name: '商户代表 刘先生' }, { name: '业主代表 陈女士' }, { name: '商户代表 刘先生' }] },
      }, { cookie: staff });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.evaluators).toBe(EVALUATORS);
      unitIds = saved.body.plan.units.map((u: { id: string }) => u.id);
      expect(unitIds).toHaveLength(2);

      const opened = await postJson(e(a, '/open'), { overrideReason: '测试：即时评议' }, { cookie: staff });
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      links = opened.body.links;
      expect(links).toHaveLength(EVALUATORS);
      expect(links.slice(-2).map((l) => [l.name, l.category])).toEqual([['商户代表 刘先生', 'stakeholder'], ['业主代表 陈女士', 'stakeholder']]);
      for (const l of links) expect(l.path).toMatch(/^\/e\/[A-Za-z0-9_-]{43}$/);
      const rows = await db.evaluationEvaluator.findMany({ where: { meetingId: a } });
      for (const l of links) expect(rows.some((r) => r.tokenHash === token(l))).toBe(false);
      // Fixed once open.
      expect((await postJson(e(a), { periodFrom: '2026-07-01' }, { cookie: staff })).body.error).toMatchObject({ code: 'INVALID_STATE' });
      expect((await get(`/api/meetings/${a}/evaluation`, recorder)).body).toMatchObject({ phase: 'open', canManage: false, progress: { invited: EVALUATORS, answered: 0 }, results: null });

      await postJson(e(b), { units: [{ name: '物业服务中心', commitments: [{ text: '另一项' }] }], evaluators: { others: [{ name: '某人' }] } }, { cookie: staff });
      expect((await postJson(e(b, '/open'), { overrideReason: '测试：即时评议' }, { cookie: staff })).status).toBe(200);
    });

    it('every evaluator rates once: concurrent submissions, several per link, count once; a link rates its own evaluation only', async () => {
      const page = await get(`/api/e/${token(links[0]!)}`);
      expect(page.body).toMatchObject({ evaluator: { name: links[0]!.name }, rating: true, answered: false, units: [{ name: '物业服务中心' }, { name: '社区居委会' }] });
      const cards = (k: number) => unitIds.map((unitId, j) => ({
        unitId, completion: ratingsOf[(k + j) % 3], performance: ratingsOf[k % 2],
        problems: k % 5 === 0 ? `问题 ${k}` : '', reasons: k === 7 && j === 1 ? '客观原因：审批未通过' : '',
      }));
      const rate = (t: string, body: unknown) => postJson(url(`/api/e/${t}/ratings`), body);
      // Refused by field; every unit exactly once.
      expect((await rate(token(links[0]!), { cards: [{ unitId: unitIds[0], completion: 'great', performance: 'satisfied' }] })).status).toBe(400);
      expect((await rate(token(links[0]!), { cards: cards(0).slice(0, 1) })).body.error.details.issues[0].message).toBe('every_unit_once');
      expect((await rate(token(links[0]!), { cards: [...cards(0), cards(0)[0]] })).status).toBe(400);

      const results = await Promise.all(links.flatMap((l, k) => [0, 1, 2].map(() => rate(token(l), { cards: cards(k) }))));
      expect(results.filter((r) => r.status === 200)).toHaveLength(EVALUATORS);
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.error.code === 'ALREADY_ANSWERED')).toBe(true);
      expect((await db.evaluation.findUniqueOrThrow({ where: { meetingId: a } })).answered).toBe(EVALUATORS);
      expect(await db.evaluationEvaluator.count({ where: { meetingId: a, answered: true } })).toBe(EVALUATORS);
      for (const id of unitIds) expect((await db.evaluationBox.findUniqueOrThrow({ where: { meetingId_unitId: { meetingId: a, unitId: id } } })).count).toBe(EVALUATORS);
      expect((await get(`/api/e/${token(links[0]!)}`)).body).toMatchObject({ answered: true, rating: true });
      // Evaluation B received nothing from A's links.
      expect(await db.evaluationBox.count({ where: { meetingId: b } })).toBe(0);
      // Staff see the count — never who answered, never a result while it is open.
      const view = (await get(`/api/meetings/${a}/evaluation`, staff)).body;
      expect(view).toMatchObject({ progress: { invited: EVALUATORS, answered: EVALUATORS }, results: null });
      expect(Object.keys(view.evaluators[0]).sort()).toEqual(['category', 'hasLink', 'id', 'name']);
      // A made-up link is refused as a replaced one is.
      const fresh = await postJson(url(`/api/meetings/${a}/evaluation/evaluators/${links[1]!.evaluatorId}/link`), {}, { cookie: staff });
      expect(fresh.status).toBe(200);
      expect((await get(`/api/e/${token(links[1]!)}`))).toEqual(await get(`/api/e/${'A'.repeat(43)}`));
      expect((await get(`/api/e/${'A'.repeat(43)}`)).status).toBe(404);
    });

    it('read as an attacker, the database ties no evaluator to a rating', async () => {
      const evaluators = await db.evaluationEvaluator.findMany({ where: { meetingId: a } });
      // The participation holds no time, unit or rating.
      expect(Object.keys(evaluators[0]!).sort()).toEqual(['answered', 'category', 'id', 'meetingId', 'name', 'position', 'rosterMemberId', 'tokenHash']);
      const boxes = await db.evaluationBox.findMany({ where: { meetingId: a } });
      for (const box of boxes) {
        expect(Object.keys(box).sort()).toEqual(['contents', 'count', 'meetingId', 'unitId']);
        const entries = JSON.parse(box.contents) as string[];
        // Sorted: the order is the cards' own, not the answering order.
        expect(entries).toEqual([...entries].sort());
        for (const ev of evaluators) {
          for (const v of [ev.id, ev.name, ev.tokenHash!, ev.rosterMemberId ?? ev.id]) expect(box.contents).not.toContain(v);
        }
        for (const e of entries) expect(Object.keys(JSON.parse(e)).sort()).toEqual(['completion', 'performance', 'problems', 'reasons']);
      }
      // The log holds the lifecycle only.
      const events = await db.meetingEvent.findMany({ where: { meetingId: a } });
      expect(events.map((x) => x.type).filter((t) => t.startsWith('evaluation.'))).toEqual(['evaluation.opened']);
      for (const ev of evaluators) for (const x of events) expect(x.data).not.toContain(ev.id);
    });

    it('closing shows the result table; publishing files a record that verifies and names no evaluator', async () => {
      expect((await postJson(url(`/api/meetings/${a}/evaluation/close`), {}, { cookie: recorder })).status).toBe(403);
      expect((await postJson(url(`/api/meetings/${a}/evaluation/publish`), {}, { cookie: staff })).body.error).toMatchObject({ code: 'INVALID_STATE' });
      expect((await postJson(url(`/api/meetings/${a}/evaluation/close`), {}, { cookie: staff })).status).toBe(200);
      const view = (await get(`/api/meetings/${a}/evaluation`, recorder)).body;
      expect(view.results).toHaveLength(2);
      expect(view.results[0].answers).toBe(EVALUATORS);
      expect(view.results[1].reasons).toEqual(['客观原因：审批未通过']);
      const late = await postJson(url(`/api/e/${token(links[2]!)}/ratings`), { cards: unitIds.map((unitId) => ({ unitId, completion: 'satisfied', performance: 'satisfied' })) });
      expect(late.status).toBe(409);
      expect((await postJson(url(`/api/meetings/${a}/evaluation/note`), { text: '限期整改。' }, { cookie: staff })).status).toBe(200);
      expect((await postJson(url(`/api/meetings/${a}/evaluation/publish`), {}, { cookie: staff })).body).toMatchObject({ note: '限期整改。' });

      let recordId = '';
      for (let i = 0; i < 200 && !recordId; i++) {
        recordId = (await get(`/api/meetings/${a}/record`, staff)).body.record?.recordId ?? '';
        if (!recordId) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recordId).toBeTruthy();
      const { recordJson } = (await get(`/api/records/${recordId}`)).body;
      const body = JSON.parse(recordJson);
      expect(body.meeting.form).toBe('evaluation');
      expect(body.evaluation).toMatchObject({ evaluators: { invited: EVALUATORS, answered: EVALUATORS }, note: '限期整改。' });
      expect(body.evaluation.units[0]).toMatchObject({ name: '物业服务中心', answers: EVALUATORS, commitments: [{ text: '加装 3 号楼电梯', decision: { pollId: 'p1' }, status: 'done' }, { text: '整治楼道堆物' }] });
      expect(body.evaluation.units[0].problems).toEqual([...body.evaluation.units[0].problems].sort());
      for (const ev of await db.evaluationEvaluator.findMany({ where: { meetingId: a } })) {
        for (const v of [ev.id, ev.name, ev.tokenHash!]) expect(recordJson).not.toContain(v);
      }

      let status = '';
      for (const cookie of [staff, recorder]) {
        const key = generateSigningKey();
        const signed = await postJson(url(`/api/records/${recordId}/signatures`), { publicKeyPem: key.publicKeyPem, signature: signEd25519(key.privateKeyPem, new TextEncoder().encode(recordJson)) }, { cookie });
        expect(signed.status, JSON.stringify(signed.body)).toBe(200);
        status = signed.body.status;
      }
      expect(status).toBe('filed');
      expect((await get(`/api/records/${recordId}/verify`)).body).toMatchObject({ valid: true });
    });
  });
}
