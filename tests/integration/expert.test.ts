// An expert consultation (专家咨询) through the real server, on SQLite and PostgreSQL: staff run its stages
// (the recorder reads but never writes; another community's staff see nothing; a topic of another
// community cannot ask); declining cancels the meeting; each invited expert's personal link gives an
// opinion to that expert's own meeting only, signed with their seat; a wrong, malformed or replaced link
// is refused exactly alike; no opinion after the conclusion; no feedback before it; the feedback closes
// a meeting that did not sit, and its record — with each expert's signed opinion — files and verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { generateSigningKey, signEd25519 } from '../../lib/record/node-crypto';
import { newId } from '../../lib/platform/tokens';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

const day = 86_400_000;

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`expert consultation on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let other: Awaited<ReturnType<typeof makeCommunity>>;
    let staff: string;
    let recorder: string;
    let outsider: string;
    let experts: string[];
    const url = (path: string) => `${server.url}${path}`;
    const get = async (path: string, cookie?: string) => {
      const res = await fetch(url(path), { headers: cookie ? { cookie } : {} });
      return { status: res.status, body: await res.json() as any };
    };
    const x = (id: string, path = '') => url(`/api/meetings/${id}/expert${path}`);
    const token = (link: { path: string }) => link.path.slice('/x/'.length);

    async function plan(title: string) {
      const planned = await postJson(url('/api/meetings'), {
        communityId: community.communityId, form: 'expert', level: 'community', type: 'advisory', title, expertIds: experts, agenda: [{ title: '咨询事项' }],
        venue: '会议室', scheduledAt: new Date(Date.now() + day).toISOString(), endsAt: new Date(Date.now() + day + 7_200_000).toISOString(),
      }, { cookie: staff });
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      return planned.body.meetingId as string;
    }

    let a: string;
    let b: string;
    let c: string;
    let linksA: { seatId: string; name: string; path: string }[];
    let linksB: typeof linksA;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 3 });
      other = await makeCommunity(db, { members: 1 });
      experts = [newId(), newId()];
      await db.expert.createMany({ data: [
        { id: experts[0]!, communityId: community.communityId, name: '王工', field: '建筑结构', organisation: '设计院' },
        { id: experts[1]!, communityId: community.communityId, name: '陈律师', field: '物业法律', organisation: '律所' },
      ] });
      server = await startServer({ databaseUrl: scratch.url });
      staff = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      recorder = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
      outsider = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
      a = await plan('加装电梯结构安全专家咨询');
      b = await plan('另一场专家咨询');
      c = await plan('不予受理的咨询');
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('staff ask and accept; the recorder reads but never writes, another community sees nothing, declining cancels', async () => {
      const ask = { question: '3 号楼加装电梯是否需要加固？', asker: { kind: 'unit', name: '3 号楼业主代表' } };
      expect((await postJson(x(a, '/ask'), ask)).status).toBe(401);
      expect((await postJson(x(a, '/ask'), ask, { cookie: recorder })).status).toBe(403);
      expect((await get(`/api/meetings/${a}/expert`, outsider)).status).toBe(403);
      const foreignTopic = newId();
      await db.topic.create({ data: { id: foreignTopic, communityId: other.communityId, title: '别处的议题', intakePath: 'council_member', submitter: '某人' } });
      const refused = await postJson(x(a, '/ask'), { question: '问题', asker: { kind: 'topic', topicId: foreignTopic } }, { cookie: staff });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.issues[0].path).toBe('asker.topicId');
      for (const id of [a, b, c]) expect((await postJson(x(id, '/ask'), ask, { cookie: staff })).status).toBe(200);
      expect((await postJson(x(a, '/links'), {}, { cookie: staff })).status).toBe(409); // not accepted yet
      expect((await postJson(x(c, '/accept'), { accept: false }, { cookie: staff })).status).toBe(400); // a reason is needed
      expect((await postJson(x(c, '/accept'), { accept: false, reason: '不属于专家咨询范围' }, { cookie: staff })).status).toBe(200);
      expect((await get(`/api/meetings/${c}/expert`, recorder)).body).toMatchObject({ stage: 'declined', meetingStatus: 'cancelled', canManage: false });
      for (const id of [a, b]) expect((await postJson(x(id, '/accept'), { accept: true }, { cookie: staff })).status).toBe(200);
      expect((await get(`/api/meetings/${a}/expert`, staff)).body).toMatchObject({ stage: 'notice', canManage: true, acceptance: { accepted: true } });
    });

    it('each expert’s link gives opinions to their own meeting only; wrong, malformed and replaced links are refused alike', async () => {
      expect((await postJson(x(a, '/links'), {}, { cookie: recorder })).status).toBe(403);
      linksA = (await postJson(x(a, '/links'), {}, { cookie: staff })).body.links;
      linksB = (await postJson(x(b, '/links'), {}, { cookie: staff })).body.links;
      expect(linksA.map((l) => l.name).sort()).toEqual(['王工', '陈律师'].sort());
      // A seat of meeting a is no expert of meeting b.
      expect((await postJson(x(b, `/experts/${linksA[0]!.seatId}/link`), {}, { cookie: staff })).status).toBe(404);

      const wang = linksA.find((l) => l.name === '王工')!;
      const page = await get(`/api/x/${token(wang)}`);
      expect(page.body).toMatchObject({ expertName: '王工', question: '3 号楼加装电梯是否需要加固？', askerName: '3 号楼业主代表', opining: true, opinion: null });
      expect((await postJson(url(`/api/x/${token(wang)}/opinion`), { title: '结构意见', text: '需先做结构检测。' })).status).toBe(200);
      expect((await postJson(url(`/api/x/${token(wang)}/opinion`), { title: '', text: '' })).status).toBe(400);
      // It landed in meeting a, under 王工's seat; meeting b has none.
      expect((await get(`/api/meetings/${a}/expert`, staff)).body.experts.find((e: { name: string }) => e.name === '王工').opinion).toMatchObject({ title: '结构意见', revisions: 1 });
      expect((await get(`/api/meetings/${b}/expert`, staff)).body.experts.every((e: { opinion: unknown }) => e.opinion === null)).toBe(true);

      // Refusals all look the same: a made-up token, a malformed one, one that was replaced.
      const wrong = await get(`/api/x/${'A'.repeat(43)}`);
      expect(wrong.status).toBe(404);
      expect(await get('/api/x/short')).toEqual(wrong);
      const oldB = token(linksB[0]!);
      const reissued = await postJson(x(b, `/experts/${linksB[0]!.seatId}/link`), {}, { cookie: staff });
      expect(reissued.status).toBe(200);
      expect(await get(`/api/x/${oldB}`)).toEqual(wrong);
      const postWrong = await postJson(url(`/api/x/${oldB}/opinion`), { title: 't', text: 't' });
      expect(postWrong.status).toBe(404);
      expect(postWrong.body).toEqual(wrong.body);
      expect((await get(`/api/x/${token(reissued.body.links[0])}`)).body.opining).toBe(true);
      // The database keeps hashes only.
      const stored = await db.expertLink.findMany({ where: { meetingId: a } });
      for (const l of linksA) expect(stored.some((s) => s.tokenHash === token(l))).toBe(false);
    });

    it('no conclusion before the notice, no feedback before the conclusion, no opinion after it', async () => {
      expect((await postJson(x(a, '/conclude'), { conclusion: '可行' }, { cookie: staff })).body.error.details.reason).toBe('not_announced');
      expect((await postJson(url(`/api/meetings/${a}/notice`), { text: '专家咨询公告：请专家提交书面意见。' }, { cookie: staff })).status).toBe(200);
      expect((await postJson(x(a, '/feedback'), { channel: 'direct' }, { cookie: staff })).body.error.details.reason).toBe('no_conclusion');
      const chen = linksA.find((l) => l.name === '陈律师')!;
      expect((await postJson(url(`/api/x/${token(chen)}/opinion`), { title: '法律意见', text: '须经业主依法表决。' })).status).toBe(200);
      expect((await postJson(x(a, '/conclude'), { conclusion: '可加装，须先检测并依法表决。' }, { cookie: recorder })).status).toBe(403);
      expect((await postJson(x(a, '/conclude'), { conclusion: '可加装，须先检测并依法表决。' }, { cookie: staff })).status).toBe(200);
      const late = await postJson(url(`/api/x/${token(chen)}/opinion`), { title: '补充', text: '补充' });
      expect(late.status).toBe(409);
      expect((await get(`/api/x/${token(chen)}`)).body).toMatchObject({ opining: false, opinion: { title: '法律意见' } });
      expect((await postJson(x(a, '/links'), {}, { cookie: staff })).status).toBe(409);
      expect((await postJson(x(a, '/feedback'), { channel: 'topic' }, { cookie: staff })).status).toBe(400); // a unit asked
    });

    it('the feedback closes a meeting that did not sit; its record holds the signed opinions, files and verifies', async () => {
      expect((await postJson(x(a, '/feedback'), { channel: 'direct', note: '已书面函复' }, { cookie: staff })).status).toBe(200);
      let recordId = '';
      for (let i = 0; i < 200 && !recordId; i++) {
        recordId = (await get(`/api/meetings/${a}/record`, staff)).body.record?.recordId ?? '';
        if (!recordId) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recordId).toBeTruthy();
      const { recordJson } = (await get(`/api/records/${recordId}`)).body;
      const body = JSON.parse(recordJson);
      expect(body.meeting.form).toBe('expert');
      expect(body.meeting.startedAt).toBeNull();
      expect(body.expert).toMatchObject({
        question: '3 号楼加装电梯是否需要加固？', asker: { kind: 'unit', name: '3 号楼业主代表', topicId: null }, sat: false,
        conclusion: { text: '可加装，须先检测并依法表决。' }, feedback: { channel: 'direct', note: '已书面函复' },
      });
      expect(body.expert.experts.map((e: { name: string; opinion: { title: string } | null }) => [e.name, e.opinion?.title ?? null]).sort()).toEqual([['王工', '结构意见'], ['陈律师', '法律意见']].sort());
      for (const l of await db.expertLink.findMany({ where: { meetingId: a } })) expect(recordJson).not.toContain(l.tokenHash);

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

    it('with a sitting: a paper opinion entered by staff, the conclusion live, meeting.close only after the feedback; the record says it sat', async () => {
      expect((await postJson(url(`/api/meetings/${b}/notice`), { text: '专家咨询会公告。' }, { cookie: staff })).status).toBe(200);
      const paper = linksB[1]!;
      expect((await postJson(x(b, '/opinions'), { seatId: paper.seatId, title: '书面意见（纸质）', text: '同意。' }, { cookie: recorder })).status).toBe(403);
      expect((await postJson(x(b, '/opinions'), { seatId: paper.seatId, title: '书面意见（纸质）', text: '同意。' }, { cookie: staff })).status).toBe(200);
      const fac = connect(server.url, { meetingId: b }, { cookie: staff });
      try {
        await waitFor(() => !!fac.meeting, 10_000, 'the snapshot');
        // The stages are HTTP-only: the socket refuses them.
        expect(await command(fac, 'expert.conclude', { conclusion: '经 socket' })).toMatchObject({ ok: false });
        const started = await command(fac, 'meeting.start', { overrideReason: '专家时间所限，提前召开' });
        expect(started, JSON.stringify(started)).toMatchObject({ ok: true });
        expect((await postJson(x(b, '/conclude'), { conclusion: '会上一致认为可行。' }, { cookie: staff })).status).toBe(200);
        const early = await command(fac, 'meeting.close', {});
        expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { reason: 'expert_feedback' } } });
        expect((await postJson(x(b, '/feedback'), { channel: 'direct', note: '会后当面答复' }, { cookie: staff })).status).toBe(200);
        expect((await get(`/api/meetings/${b}/expert`, staff)).body).toMatchObject({ meetingStatus: 'live', stage: 'feedback', sat: true });
        const item = fac.meeting!.agenda[0]!.id;
        const closed = await command(fac, 'meeting.close', { decisions: [{ kind: 'item', id: item, action: 'drop', reason: '以书面意见和会上讨论代替' }] });
        expect(closed, JSON.stringify(closed)).toMatchObject({ ok: true });
      } finally {
        fac.disconnect();
      }
      let record: any = null;
      for (let i = 0; i < 200 && !record; i++) {
        const id = (await get(`/api/meetings/${b}/record`, staff)).body.record?.recordId;
        if (id) record = JSON.parse((await get(`/api/records/${id}`)).body.recordJson);
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(record.expert).toMatchObject({ sat: true, conclusion: { text: '会上一致认为可行。' }, feedback: { channel: 'direct', note: '会后当面答复' } });
      expect(record.expert.experts.find((e: { seatId: string }) => e.seatId === paper.seatId).opinion).toMatchObject({ title: '书面意见（纸质）' });
    });
  });
}
