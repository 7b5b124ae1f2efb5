// Planning through the real server: a facilitator creates a hearing over HTTP, the board shows nothing
// until its notice is published, the start is refused before the 7-day lead time and allowed with a
// reason that the log keeps; a cancelled meeting keeps its notices. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingHub } from '../../lib/meeting/hub';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

const inDays = (days: number, hour = 9) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour - 8, 0, 0, 0); // hour in Shanghai
  return d.toISOString();
};

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`planning on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let home: Awaited<ReturnType<typeof makeCommunity>>;
    let other: Awaited<ReturnType<typeof makeCommunity>>;
    let cookie: string;
    const sockets: ReturnType<typeof connect>[] = [];
    const hearing = () => ({
      communityId: home.communityId, form: 'hearing', level: 'community', type: 'decision',
      title: '老旧小区加装电梯听证会', venue: '社区议事厅', scheduledAt: inDays(10, 19), endsAt: inDays(10, 21),
      agenda: [{ title: '加装电梯费用分摊方案' }],
    });
    const board = async () => (await fetch(`${server.url}/api/board/${home.code}`)).json() as Promise<any>;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      home = await makeCommunity(db, { members: 5 });
      other = await makeCommunity(db, { members: 1, name: '别的社区' });
      server = await startServer({ databaseUrl: scratch.url });
      cookie = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('refuses a plan that is invalid, out of the planner’s area, or names a convener from elsewhere, naming the field', async () => {
      const late = await postJson(`${server.url}/api/meetings`, { ...hearing(), endsAt: inDays(9) }, { cookie });
      expect(late.status).toBe(400);
      expect(late.body.error.details.issues).toContainEqual(expect.objectContaining({ path: 'endsAt' }));
      const gridless = await postJson(`${server.url}/api/meetings`, { ...hearing(), level: 'grid' }, { cookie });
      expect(gridless.body.error.details.issues).toContainEqual(expect.objectContaining({ path: 'placeId' }));
      const stranger = await postJson(`${server.url}/api/meetings`, { ...hearing(), convenerId: other.facilitator.id }, { cookie });
      expect(stranger.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'convenerId' } });
      const otherCookie = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
      expect((await postJson(`${server.url}/api/meetings`, hearing(), { cookie: otherCookie })).status).toBe(403);
      const recorderCookie = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
      expect((await postJson(`${server.url}/api/meetings`, hearing(), { cookie: recorderCookie })).status).toBe(403);
      expect((await postJson(`${server.url}/api/meetings`, hearing())).status).toBe(401);
      expect(await db.meeting.count({ where: { communityId: home.communityId } })).toBe(0);
    });

    it('create → notice on the board → start refused before the lead time → started with a reason the log keeps', async () => {
      const created = await postJson(`${server.url}/api/meetings`, hearing(), { cookie });
      expect(created.status).toBe(200);
      const { meetingId } = created.body as { meetingId: string };
      expect(await db.meeting.findUnique({ where: { id: meetingId }, select: { status: true, endsAt: true } })).toMatchObject({ status: 'draft', endsAt: new Date(hearing().endsAt) });
      expect((await board()).upcoming).toEqual([]); // a draft is not public

      const text = '定于下月举行加装电梯听证会，欢迎居民旁听。';
      const notice = await postJson(`${server.url}/api/meetings/${meetingId}/notice`, { text }, { cookie });
      expect(notice.status).toBe(200);
      const shown = (await board()).upcoming;
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ id: meetingId, status: 'announced', joinCode: null, notices: [{ kind: 'notice', text }] });

      const fac = connect(server.url, { meetingId }, { cookie });
      sockets.push(fac);
      await waitFor(() => !!fac.meeting, 10_000, 'facilitator snapshot');
      expect(fac.meeting!.noticeLeadDays).toBe(7);
      expect(await command(fac, 'meeting.start', {})).toMatchObject({ ok: false, error: { code: 'NOTICE_LEAD_NOT_MET', details: { requiredDays: 7, announcedDaysAgo: 0 } } });
      expect(await command(fac, 'meeting.start', { overrideReason: '台风过境，须当晚决定' })).toMatchObject({ ok: true });
      const logged = await db.meetingEvent.findFirst({ where: { meetingId, type: 'meeting.statusChanged' }, orderBy: { seq: 'desc' } });
      expect(JSON.parse(logged!.data)).toEqual({ status: 'live', reason: '台风过境，须当晚决定' });
      expect(await command(fac, 'meeting.edit', { title: '改名' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    });

    it('a cancelled meeting keeps its notices and the cancellation on the board', async () => {
      const { body } = await postJson(`${server.url}/api/meetings`, { ...hearing(), title: '停车位规划听证会' }, { cookie });
      await postJson(`${server.url}/api/meetings/${body.meetingId}/notice`, { text: '停车位规划听证会公告' }, { cookie });
      const fac = connect(server.url, { meetingId: body.meetingId }, { cookie });
      sockets.push(fac);
      await waitFor(() => !!fac.meeting, 10_000, 'facilitator snapshot');
      expect(await command(fac, 'meeting.cancel', { reason: '方案已由业委会撤回' })).toMatchObject({ ok: true });
      const cancelled = (await board()).upcoming.find((m: { id: string }) => m.id === body.meetingId);
      expect(cancelled).toMatchObject({ status: 'cancelled', notices: [{ kind: 'notice' }, { kind: 'cancellation', text: '方案已由业委会撤回' }] });
      expect((await postJson(`${server.url}/api/meetings/${body.meetingId}/notice`, { text: '再公告' }, { cookie })).body.error.code).toBe('INVALID_STATE');
    });
    it('staff add and rename grids and compounds; a grid meeting must name one of the community’s grids', async () => {
      const grid = await postJson(`${server.url}/api/communities/${home.communityId}/grids`, { name: '第一网格' }, { cookie });
      expect(grid.status).toBe(200);
      expect((await postJson(`${server.url}/api/communities/${home.communityId}/grids`, { name: '第一网格' }, { cookie })).body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
      expect((await postJson(`${server.url}/api/grids/${grid.body.id}`, { name: '一网格' }, { cookie })).body).toEqual({ id: grid.body.id, name: '一网格' });
      const compound = await postJson(`${server.url}/api/grids/${grid.body.id}/compounds`, { name: '桂湖小区' }, { cookie });
      expect(compound.status).toBe(200);
      const otherCookie = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
      expect((await postJson(`${server.url}/api/grids/${grid.body.id}/compounds`, { name: '别人的小区' }, { cookie: otherCookie })).status).toBe(403);
      expect((await postJson(`${server.url}/api/communities/${home.communityId}/grids`, { name: '' }, { cookie })).status).toBe(400);

      const ok = await postJson(`${server.url}/api/meetings`, { ...hearing(), form: 'dialogue', level: 'compound', placeId: compound.body.id }, { cookie });
      expect(ok.status).toBe(200);
      const otherGrid = await db.grid.create({ data: { id: crypto.randomUUID(), communityId: other.communityId, name: '外网格' } });
      const wrong = await postJson(`${server.url}/api/meetings`, { ...hearing(), level: 'grid', placeId: otherGrid.id }, { cookie });
      expect(wrong.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'placeId' } });
    });
    it('the roster is edited in place; a retired member is not seated in a new meeting', async () => {
      const url = `${server.url}/api/communities/${home.communityId}/roster`;
      const bad = await postJson(url, { name: '赵大爷', categories: ['council_member'], phone: '12345' }, { cookie });
      expect(bad.body.error.details.issues).toContainEqual(expect.objectContaining({ path: 'phone' }));
      expect((await postJson(url, { name: '赵大爷', categories: [] }, { cookie })).status).toBe(400);
      const added = await postJson(url, { name: '赵大爷', categories: ['council_member', 'owners_committee'], building: '3栋', phone: '13800138000' }, { cookie });
      expect(added.body).toMatchObject({ name: '赵大爷', kind: 'council', categories: ['council_member', 'owners_committee'] });
      const edited = await postJson(`${server.url}/api/roster/${added.body.id}`, { name: '赵建国', categories: ['resident_representative'], building: '3栋' }, { cookie });
      expect(edited.body).toMatchObject({ name: '赵建国', kind: 'representative', phone: '' });
      const otherCookie = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
      expect((await postJson(`${server.url}/api/roster/${added.body.id}/retire`, {}, { cookie: otherCookie })).status).toBe(403);
      const retiree = home.roster[0]!;
      expect((await postJson(`${server.url}/api/roster/${retiree.id}/retire`, {}, { cookie })).body.retiredAt).toBeTruthy();
      const list = await (await fetch(url, { headers: { cookie } })).json() as { members: { id: string; retiredAt: string | null }[] };
      expect(list.members.at(-1)).toMatchObject({ id: retiree.id });

      const { body } = await postJson(`${server.url}/api/meetings`, { ...hearing(), form: 'council', invitedCategories: ['council_member', 'resident_representative'] }, { cookie });
      const seated = await db.meetingSeat.findMany({ where: { meetingId: body.meetingId }, select: { rosterMemberId: true } });
      expect(seated.map((x) => x.rosterMemberId)).toContain(added.body.id);
      expect(seated.map((x) => x.rosterMemberId)).not.toContain(retiree.id);
    });

    it('a meeting seats its invited categories and the people invited by name; only voting categories vote', async () => {
      const url = `${server.url}/api/communities/${home.communityId}/roster`;
      const secretary = (await postJson(url, { name: '钱书记', categories: ['party_committee'] }, { cookie })).body.id as string;
      const neighbour = (await postJson(url, { name: '孙阿姨', categories: ['stakeholder'], building: '5栋' }, { cookie })).body.id as string;
      const councillor = (await postJson(url, { name: '周委员', categories: ['council_member', 'party_committee'] }, { cookie })).body.id as string;
      const plan = (extra: object) => postJson(`${server.url}/api/meetings`, { ...hearing(), form: 'council', invitedCategories: ['council_member', 'party_committee'], ...extra }, { cookie });

      expect((await plan({ memberIds: [other.roster[0]!.id] })).body.error.details.field).toBe('memberIds');
      const { body } = await plan({ memberIds: [neighbour] });
      const seats = await db.meetingSeat.findMany({ where: { meetingId: body.meetingId }, select: { rosterMemberId: true, canVote: true } });
      const vote = new Map(seats.map((x) => [x.rosterMemberId, x.canVote]));
      expect(vote.get(councillor)).toBe(true); // a council member votes, whatever else they are
      expect(vote.get(secretary)).toBe(false); // 党组织成员 take part without a vote
      expect(vote.get(neighbour)).toBe(false); // invited by name, in no invited category
      // The meeting's own state says the same to every role (the phone shows no ballot to a non-voting seat).
      const state = await new MeetingHub(db).state(body.meetingId);
      expect(state.seats.filter((x) => !x.canVote).map((x) => x.name).sort()).toEqual(['孙阿姨', '钱书记']);
    });
    it('imports a 500-row CSV roster, an Excel sheet and a GB18030 CSV; a sheet with bad rows imports nothing and says where', async () => {
      const upload = async (bytes: Uint8Array | string, type: string) => {
        const body = typeof bytes === 'string' ? bytes : Buffer.from(bytes);
        const res = await fetch(`${server.url}/api/roster/import?communityId=${home.communityId}`, { method: 'POST', headers: { cookie, 'content-type': type }, body });
        return { status: res.status, body: await res.json() as any };
      };
      const before = await db.rosterMember.count({ where: { communityId: home.communityId } });
      const rows = Array.from({ length: 500 }, (_, i) => `居民${i + 1},居民代表、群众,${(i % 12) + 1}栋,`);
      const ok = await upload(`\ufeff姓名,类别,楼栋,手机\n${rows.join('\n')}\n`, 'text/csv');
      expect(ok).toMatchObject({ status: 200, body: { imported: 500 } });
      expect(await db.rosterMember.count({ where: { communityId: home.communityId } })).toBe(before + 500);

      const bad = await upload('姓名,类别,楼栋,手机\n赵一,居民代表,1栋,13800138000\n,群众,2栋,\n钱二,外星人,3栋,\n孙三,群众,4栋,12345\n', 'text/csv');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors).toEqual([
        { line: 3, field: 'name', code: 'required' },
        { line: 4, field: 'categories', code: 'unknown_category', value: '外星人' },
        { line: 5, field: 'phone', code: 'invalid', value: '12345' },
      ]);
      expect(await db.rosterMember.count({ where: { communityId: home.communityId, name: '赵一' } })).toBe(0);

      const ExcelJS = (await import('exceljs')).default;
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('名册');
      sheet.addRows([['姓名', '类别', '楼栋', '手机'], ['周秀英', '议事协商委员会成员、居民代表', '5栋', '13900139000'], ['吴建国', '居务监督委员会成员', '6栋', '']]);
      const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
      expect(await upload(xlsx, 'application/octet-stream')).toMatchObject({ status: 200, body: { imported: 2 } });
      const zhou = await db.rosterMember.findFirst({ where: { communityId: home.communityId, name: '周秀英' } });
      expect(zhou).toMatchObject({ kind: 'council', categories: JSON.stringify(['council_member', 'resident_representative']), building: '5栋', phone: '13900139000' });

      // Excel on a Chinese Windows saves CSV in GB18030 (GBK): 姓名,类别 / 郑和,群众
      const gbk = Uint8Array.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc0, 0xe0, 0xb1, 0xf0, 0x0a, 0xd6, 0xa3, 0xba, 0xcd, 0x2c, 0xc8, 0xba, 0xd6, 0xda, 0x0a]);
      expect(await upload(gbk, 'text/csv')).toMatchObject({ status: 200, body: { imported: 1 } });
      expect(await db.rosterMember.count({ where: { communityId: home.communityId, name: '郑和' } })).toBe(1);
      expect((await upload(new Uint8Array([0, 1, 2, 3, 0]), 'text/csv')).body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'file' } });
    });
  });
}
