// The consultation index through the real server: a filed record and an accepted upload raise the
// score, a pending or rejected upload does not; uploads are checked (type, size, indicator) and only
// the right roles upload and review; open dashboards hear of changes on the /scores namespace.
import { describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { hashPassword } from '../../lib/auth/password';
import { runPastMeetings } from '../../lib/demo/history';
import { seededRandom } from '../../lib/demo/random';
import { loadDefaultCatalogue } from '../../lib/scoring/catalogue';
import { yearOf } from '../../lib/scoring/period';
import { newId } from '../../lib/platform/tokens';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { staffCookie } from '../support/server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('consultation index scores', () => {
  const ctx = useScratchServer();
  const assessed = loadDefaultCatalogue().indicators.find((i) => i.method.kind === 'assessed' && !i.method.partial)!;

  async function setUp() {
    const home = await makeCommunity(ctx.db, { members: 8 });
    const assessor = { id: newId(), username: `ass-${home.communityId.slice(0, 8)}`, displayName: '考核员', role: 'assessor', passwordHash: await hashPassword(TEST_PASSWORD), districtId: home.districtId, streetId: null, communityId: null };
    await ctx.db.staffUser.create({ data: assessor });
    const facilitatorCookie = await staffCookie(ctx.server.url, home.facilitator.username, TEST_PASSWORD);
    const assessorCookie = await staffCookie(ctx.server.url, assessor.username, TEST_PASSWORD);
    return { home, facilitatorCookie, assessorCookie };
  }

  const get = async (path: string, cookie: string) => {
    const res = await fetch(`${ctx.server.url}${path}`, { headers: { cookie } });
    return { status: res.status, body: await res.json() as any };
  };
  const upload = async (cookie: string, communityId: string, year: number, file: Buffer, type = 'application/pdf', indicatorId = assessed.id) => {
    const q = new URLSearchParams({ communityId, indicatorId, year: String(year), title: '议事会照片', fileName: '议事会照片.pdf' });
    const res = await fetch(`${ctx.server.url}/api/evidence?${q}`, { method: 'POST', headers: { cookie, 'content-type': type }, body: new Uint8Array(file) });
    return { status: res.status, body: await res.json() as any };
  };
  const review = async (cookie: string, id: string, body: unknown) => {
    const res = await fetch(`${ctx.server.url}/api/evidence/${id}/review`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() as any };
  };

  it('raises the score for a filed record and an accepted upload, not for a pending or rejected one', async () => {
    const { home, facilitatorCookie, assessorCookie } = await setUp();
    const scheduledAt = new Date(Date.now() - 3 * 86400_000);
    const year = yearOf(scheduledAt);
    const score = async () => (await get(`/api/scores/${home.communityId}?year=${year}`, facilitatorCookie)).body.card.total as number;

    const before = await score();
    const identity = (u: typeof home.facilitator) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role as 'facilitator', scope: { districtId: u.districtId, streetId: u.streetId, communityId: u.communityId } });
    await runPastMeetings(ctx.db, [{
      communityId: home.communityId, convener: identity(home.facilitator), recorders: [{ ...identity(home.recorder), role: 'recorder' }],
      title: '季度议事会', form: 'council', type: 'decision', level: 'community', venue: '议事厅', scheduledAt,
      announcedDaysAhead: 7, attendance: 1, remoteShare: 0.5, agenda: [{ title: '议题', motion: '同意方案', support: 1 }],
    }], seededRandom(7));
    const afterRecord = await score();
    expect(afterRecord).toBeGreaterThan(before);
    const evidence = (await get(`/api/scores/${home.communityId}/evidence?year=${year}`, facilitatorCookie)).body;
    expect(evidence.records).toHaveLength(1);
    expect(evidence.records[0]).toMatchObject({ status: 'filed', verified: true });
    expect(evidence.records[0].indicators.length).toBeGreaterThan(0);

    // Watch the district's scores like an open dashboard.
    const watcher = ioClient(`${ctx.server.url}/scores`, { extraHeaders: { cookie: facilitatorCookie }, transports: ['websocket'] });
    const heard: string[] = [];
    watcher.on('scores:changed', (e: { communityId: string }) => heard.push(e.communityId));
    await new Promise<void>((resolve, reject) => { watcher.once('connect', resolve); watcher.once('connect_error', reject); });

    const rejected = await upload(facilitatorCookie, home.communityId, year, PDF);
    expect(rejected.status).toBe(200);
    expect(await score()).toBe(afterRecord); // pending counts nothing
    expect((await review(assessorCookie, rejected.body.id, { decision: 'reject', reason: '' })).status).toBe(400); // a rejection needs a reason
    expect((await review(assessorCookie, rejected.body.id, { decision: 'reject', reason: '照片看不清' })).status).toBe(200);
    expect(await score()).toBe(afterRecord);
    expect((await review(assessorCookie, rejected.body.id, { decision: 'accept' })).status).toBe(409); // decided once

    const accepted = await upload(facilitatorCookie, home.communityId, year, PDF);
    expect((await review(assessorCookie, accepted.body.id, { decision: 'accept' })).status).toBe(200);
    expect(await score()).toBe(afterRecord + assessed.points);
    await expect.poll(() => heard.filter((c) => c === home.communityId).length).toBeGreaterThanOrEqual(4);
    watcher.disconnect();

    const list = (await get(`/api/evidence?communityId=${home.communityId}&year=${year}`, facilitatorCookie)).body.uploads;
    expect(list.map((u: any) => [u.status, u.reviewReason])).toEqual(expect.arrayContaining([['rejected', '照片看不清'], ['accepted', null]]));

    // The file comes back under its own (Chinese) name.
    const file = await fetch(`${ctx.server.url}/api/evidence/${accepted.body.id}/file`, { headers: { cookie: assessorCookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('议事会照片.pdf')}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);

    // A record whose stored body was corrupted stops counting, and the pages still answer.
    await ctx.db.meetingRecord.updateMany({ where: { communityId: home.communityId }, data: { body: 'not json at all' } });
    expect(await score()).toBe(before + assessed.points);
    const damaged = (await get(`/api/scores/${home.communityId}/evidence?year=${year}`, facilitatorCookie)).body;
    expect(damaged.records[0]).toMatchObject({ verified: false });
  });

  it('lets the district admin save an edited catalogue as a new edition that the scores then use, and refuses an invalid one', async () => {
    const { home, facilitatorCookie } = await setUp();
    const admin = { id: newId(), username: `adm-${home.communityId.slice(0, 8)}`, displayName: '管理员', role: 'district_admin', passwordHash: await hashPassword(TEST_PASSWORD), districtId: home.districtId, streetId: null, communityId: null };
    await ctx.db.staffUser.create({ data: admin });
    const adminCookie = await staffCookie(ctx.server.url, admin.username, TEST_PASSWORD);
    const post = async (cookie: string, body: unknown) => {
      const res = await fetch(`${ctx.server.url}/api/catalogue`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() as any };
    };
    const edited = structuredClone(loadDefaultCatalogue());
    edited.grades = { ...edited.grades, '1A': 620 };
    expect((await post(facilitatorCookie, { year: 2026, catalogue: edited })).status).toBe(403);
    const broken = structuredClone(edited);
    broken.indicators[0]!.points += 5; // the basic tier no longer sums to 600
    const refused = await post(adminCookie, { year: 2026, catalogue: broken });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors.join('\n')).toMatch(/600/);
    // A lowest line under 600 (the standard gives no grade there) is refused too.
    const lenient = await post(adminCookie, { year: 2026, catalogue: { ...structuredClone(edited), grades: { ...edited.grades, '1A': 300 } } });
    expect(lenient.status).toBe(400);
    expect(lenient.body.error.details.errors).toContain('grade 1A: line 300 is below 600, under which the standard gives no grade');
    const saved = await post(adminCookie, { year: 2026, catalogue: edited });
    expect(saved).toMatchObject({ status: 200, body: { version: '2026-d1' } });
    const score = (await get(`/api/scores/${home.communityId}?year=2026`, facilitatorCookie)).body;
    expect(score.edition.version).toBe('2026-d1');
    expect(score.catalogue.grades['1A']).toBe(620);
  });

  it('refuses bad files and the wrong roles with clear errors, storing nothing', async () => {
    const { home, facilitatorCookie, assessorCookie } = await setUp();
    const year = 2026;
    const renamed = await upload(facilitatorCookie, home.communityId, year, Buffer.from('just text, not a PDF'));
    expect(renamed).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', details: { field: 'file', reason: 'type_mismatch' } } } });
    const wrongType = await upload(facilitatorCookie, home.communityId, year, PDF, 'application/x-msdownload');
    expect(wrongType.status).toBe(400);
    const tooBig = await upload(facilitatorCookie, home.communityId, year, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(tooBig).toMatchObject({ status: 400, body: { error: { details: { field: 'file', reason: 'too_large' } } } });
    const noSuchIndicator = await upload(facilitatorCookie, home.communityId, year, PDF, 'application/pdf', 'no.such.indicator');
    expect(noSuchIndicator).toMatchObject({ status: 400, body: { error: { details: { field: 'indicatorId' } } } });
    expect((await upload(assessorCookie, home.communityId, year, PDF)).status).toBe(403);
    expect(await ctx.db.evidenceUpload.count({ where: { communityId: home.communityId } })).toBe(0);

    const ok = await upload(facilitatorCookie, home.communityId, year, PDF);
    expect((await review(facilitatorCookie, ok.body.id, { decision: 'accept' })).status).toBe(403);
    const other = await makeCommunity(ctx.db, { name: '别的社区' });
    const outsider = await staffCookie(ctx.server.url, other.facilitator.username, TEST_PASSWORD);
    expect((await get(`/api/scores/${home.communityId}?year=${year}`, outsider)).status).toBe(403);
    expect((await upload(outsider, home.communityId, year, PDF)).status).toBe(403);
  });
});
