// The district's procedure templates through the real server: the district admin saves an edition (an
// invalid one is refused with reasons naming the template and field), a meeting planned afterwards uses
// it, a meeting planned before keeps its own procedure and lead time, and nobody else may save.
// Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../lib/auth/password';
import { loadDefaultTemplates } from '../../lib/planning/templates';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { newId } from '../../lib/platform/tokens';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

const inDays = (days: number, hour = 9) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour - 8, 0, 0, 0); // hour in Shanghai
  return d.toISOString();
};

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`procedure templates on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let home: Awaited<ReturnType<typeof makeCommunity>>;
    let facCookie: string;
    let adminCookie: string;
    const sockets: ReturnType<typeof connect>[] = [];
    const hearing = (title: string) => ({
      communityId: home.communityId, form: 'hearing', level: 'community', type: 'decision',
      title, venue: '社区议事厅', scheduledAt: inDays(10, 19), endsAt: inDays(10, 21), agenda: [{ title: '加装电梯费用分摊方案' }],
    });
    const stateOf = async (meetingId: string) => {
      const s = connect(server.url, { meetingId }, { cookie: facCookie });
      sockets.push(s);
      await waitFor(() => !!s.meeting, 10_000, 'meeting snapshot');
      return s;
    };

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      home = await makeCommunity(db, { members: 3 });
      const admin = { id: newId(), username: `adm-${home.communityId.slice(0, 8)}`, displayName: '区管理员', role: 'district_admin', passwordHash: await hashPassword(TEST_PASSWORD), districtId: home.districtId, streetId: null, communityId: null };
      await db.staffUser.create({ data: admin });
      server = await startServer({ databaseUrl: scratch.url });
      facCookie = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
      adminCookie = await staffCookie(server.url, admin.username, TEST_PASSWORD);
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('a new edition is used by meetings planned after it; a meeting planned before keeps its own', async () => {
      // Before any edition: the default (a hearing's notice 7 days ahead, its three steps).
      const before = await postJson(`${server.url}/api/meetings`, hearing('听证会（旧版本）'), { cookie: facCookie });
      expect(before.status).toBe(200);
      const current = await (await fetch(`${server.url}/api/templates`, { headers: { cookie: facCookie } })).json();
      expect(current.edition).toBeNull();

      // The district admin gives hearings a 10-day notice and an extra step.
      const edited = loadDefaultTemplates();
      const tpl = edited.templates.find((t) => t.form === 'hearing')!;
      tpl.noticeLeadDays = 10;
      tpl.steps.splice(1, 0, { id: 'hear_objections', name: { 'zh-CN': '听取异议', en: 'Hear objections' }, doneWhen: 'manual' });
      const saved = await postJson(`${server.url}/api/templates`, { templates: edited }, { cookie: adminCookie });
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe('d1');
      const read = await (await fetch(`${server.url}/api/templates`, { headers: { cookie: facCookie } })).json();
      expect(read.edition.version).toBe('d1');
      expect(read.templates.templates.find((t: { form: string }) => t.form === 'hearing').noticeLeadDays).toBe(10);

      const after = await postJson(`${server.url}/api/meetings`, hearing('听证会（新版本）'), { cookie: facCookie });
      const newMeeting = (await stateOf(after.body.meetingId)).meeting!;
      expect(newMeeting.noticeLeadDays).toBe(10);
      expect(newMeeting.procedure).toMatchObject({ version: 'd1' });
      expect(newMeeting.procedure!.steps.map((s) => s.name['zh-CN'])).toEqual(['发布公告', '听取异议', '召开会议', '公布结果']);

      const oldMeeting = (await stateOf(before.body.meetingId)).meeting!;
      expect(oldMeeting.noticeLeadDays).toBe(7);
      expect(oldMeeting.procedure!.version).toBe(loadDefaultTemplates().version);
      expect(oldMeeting.procedure!.steps.map((s) => s.name['zh-CN'])).toEqual(['发布公告', '召开会议', '公布结果']);

      // The start gate of each meeting follows its own lead time.
      const fac = sockets.at(-1)!;
      expect(await command(fac, 'meeting.announce', { text: '听证会公告' })).toMatchObject({ ok: true });
      expect(await command(fac, 'meeting.start', {})).toMatchObject({ ok: false, error: { code: 'NOTICE_LEAD_NOT_MET', details: { requiredDays: 7 } } });
    });

    it('refuses invalid templates with every reason naming the template and field, and saves nothing', async () => {
      const bad = loadDefaultTemplates() as unknown as { templates: Record<string, unknown>[] };
      const hearingTpl = bad.templates.find((t) => t.form === 'hearing')!;
      hearingTpl.noticeLeadDays = 90;
      (hearingTpl.steps as { name: Record<string, string> }[])[0]!.name['zh-CN'] = '';
      const res = await postJson(`${server.url}/api/templates`, { templates: bad }, { cookie: adminCookie });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors).toEqual(expect.arrayContaining([
        expect.stringMatching(/^template "hearing": noticeLeadDays/),
        expect.stringMatching(/^template "hearing": steps\.0\.name\.zh-CN/),
      ]));
      expect(await db.procedureTemplateEdition.count()).toBe(1);
    });

    it('only the district admin saves templates', async () => {
      const body = { templates: loadDefaultTemplates() };
      expect((await postJson(`${server.url}/api/templates`, body, { cookie: facCookie })).status).toBe(403);
      const recorderCookie = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
      expect((await postJson(`${server.url}/api/templates`, body, { cookie: recorderCookie })).status).toBe(403);
      expect((await postJson(`${server.url}/api/templates`, body)).status).toBe(401);
      expect((await fetch(`${server.url}/api/templates`)).status).toBe(401);
      expect(await db.procedureTemplateEdition.count()).toBe(1);
    });
  });
}
