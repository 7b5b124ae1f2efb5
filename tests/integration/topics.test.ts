// Topic intake through the real server: residents confirm phones with one-time codes, propose, add a
// photo and co-sign (once per phone, even when the requests race); the public page and the board show
// counts, never who signed; staff register the other paths' topics and review them; an accepted topic is
// offered to planning, linked by the meeting that takes it up, and counts in the index, a rejected one
// does not. A second server sends its codes through an HTTP SMS provider (a fake on port 0).
// Runs on SQLite and PostgreSQL.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/platform/tokens';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { LogSmsSender } from '../../lib/platform/sms';
import { PhoneIdentity } from '../../lib/residents/phone-identity';
import { yearOf } from '../../lib/scoring/period';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { postJson, staffCookie, startServer, type RunningServer } from '../support/server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** twelve residents: a phone, a declared name and building each (all distinct, none a substring of another) */
const marks = '甲乙丙丁戊己庚辛壬癸子丑';
const residents = Array.from({ length: 12 }, (_, i) => ({
  phone: `1380013${String(5000 + i)}`, name: `居民${marks[i]}某`, building: `${marks[i]}区楼栋`,
}));
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const inDays = (days: number, hour = 9) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour - 8, 0, 0, 0); // hour in Shanghai
  return d.toISOString();
};

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`topics on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let home: Awaited<ReturnType<typeof makeCommunity>>;
    let other: Awaited<ReturnType<typeof makeCommunity>>;
    let staff: string;
    /** resident cookies, by index into `residents` */
    const cookies: string[] = [];
    /** every one-time code the server showed, to look for in the database */
    const codesSeen: string[] = [];
    const phonesUsed: string[] = residents.map((r) => r.phone);
    let joint: string; // the twelve-signature proposal of residents[0]
    let second: string; // residents[1]'s proposal

    const url = (path: string) => `${server.url}${path}`;
    const get = async (path: string, cookie?: string) => {
      const res = await fetch(url(path), { headers: cookie ? { cookie } : {} });
      return { status: res.status, body: (await res.json()) as any };
    };
    const postBytes = async (path: string, bytes: Uint8Array, cookie: string, type = 'application/octet-stream') => {
      const res = await fetch(url(path), { method: 'POST', headers: { cookie, 'content-type': type }, body: new Uint8Array(bytes) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const requestCode = async (phone: string) => {
      const r = await postJson(url('/api/residents/code'), { phone });
      if (r.body.demoCode) codesSeen.push(r.body.demoCode);
      return r;
    };
    const confirm = (phone: string, code: string) => postJson(url('/api/residents/confirm'), { phone, code });
    const coSign = (topicId: string, i: number) =>
      postJson(url(`/api/topics/${topicId}/cosign`), { name: residents[i]!.name, building: residents[i]!.building, adult: true }, { cookie: cookies[i]! });
    const withdraw = (topicId: string, i: number) => postJson(url(`/api/topics/${topicId}/cosign/withdraw`), {}, { cookie: cookies[i]! });
    const review = (topicId: string, body: unknown, cookie = staff) => postJson(url(`/api/topics/${topicId}/review`), body, { cookie });
    const phoneHash = (phone: string) => new PhoneIdentity(db, new LogSmsSender(false)).phoneHash(phone);
    /** What the public sees must not say who co-signed: no name, building, number (masked or not) or hash. */
    const expectNoCoSigners = async (json: string, coSigners: number[]) => {
      for (const i of coSigners) {
        const r = residents[i]!;
        for (const secret of [r.name, r.building, r.phone, masked(r.phone), await phoneHash(r.phone)]) expect(json, `public JSON shows ${secret}`).not.toContain(secret);
      }
      // (the journey's threshold step carries the count, `coSigners: 10`, never a list)
      expect(json).not.toMatch(/phoneHash|phoneMasked|"coSigners":\[/);
    };

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      home = await makeCommunity(db, { members: 3 });
      other = await makeCommunity(db, { members: 1, name: '别的社区' });
      server = await startServer({ databaseUrl: scratch.url, env: { YISHI_DEMO: '1' } });
      staff = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
    });
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('twelve residents confirm their phones; one proposes with a photo, eleven co-sign: a joint topic whose public page names none of them', async () => {
      for (const r of residents) {
        const sent = await requestCode(r.phone);
        expect(sent.status).toBe(200);
        expect(sent.body.demoCode).toMatch(/^\d{6}$/);
        const ok = await confirm(r.phone, sent.body.demoCode);
        expect(ok.status).toBe(200);
        expect(ok.cookie).toMatch(/^yishi_resident=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
        expect(ok.body.resident.phoneMasked).toBe(masked(r.phone));
        cookies.push(ok.cookie!.split(';')[0]!);
      }
      // The log sender prints what a phone would have received.
      expect(server.output()).toContain(`[sms] to ${residents[0]!.phone}: 【议事】您的验证码是 ${codesSeen[0]}`);
      expect((await get('/api/residents/me', cookies[3])).body.resident).toMatchObject({ phoneMasked: masked(residents[3]!.phone) });
      expect((await get('/api/residents/me')).body.resident).toBeNull();

      const proposal = { title: '东门加装路灯', description: '东门到菜市场一段晚上没有路灯，老人摔倒过两次。', place: '东门', declaration: { name: residents[0]!.name, building: residents[0]!.building, adult: true } };
      expect((await postJson(url(`/api/communities/${home.communityId}/topics`), proposal)).status).toBe(401); // no confirmed phone
      expect((await postJson(url(`/api/communities/${home.communityId}/topics`), { ...proposal, declaration: { ...proposal.declaration, adult: 'true' } }, { cookie: cookies[0]! })).status).toBe(400);
      const proposed = await postJson(url(`/api/communities/${home.communityId}/topics`), proposal, { cookie: cookies[0]! });
      expect(proposed.status).toBe(200);
      joint = proposed.body.topicId;

      const png = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a7' } }).png().toBuffer();
      const photo = await postBytes(`/api/topics/${joint}/photos`, png, cookies[0]!);
      expect(photo.status).toBe(200);
      expect(photo.body).toMatchObject({ width: 1600, height: 1067 });
      expect((await postBytes(`/api/topics/${joint}/photos`, Buffer.from('not a photo at all'), cookies[0]!)).body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'photo' } });
      expect((await postBytes(`/api/topics/${joint}/photos`, png, cookies[1]!)).status).toBe(403); // only the proposer
      const served = await fetch(url(`/api/topic-photos/${photo.body.photoId}`));
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 1600 });

      for (let i = 1; i < 12; i++) {
        const signed = await coSign(joint, i);
        expect(signed.status, `co-signer ${i}`).toBe(200);
        expect(signed.body.coSigners).toBe(i + 1);
        // The proposer's own signature counts: the tenth phone (index 9) makes it joint.
        expect((await db.topic.findUniqueOrThrow({ where: { id: joint } })).intakePath).toBe(i + 1 >= 10 ? 'joint_residents' : 'online_platform');
      }

      const page = await get(`/api/topics/${joint}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        id: joint, status: 'submitted', intakePath: 'joint_residents', proposal: true, submitter: residents[0]!.name,
        coSign: { have: 12, missing: 0, reached: true }, photos: [{ id: photo.body.photoId }], mine: null,
      });
      expect(page.body.steps.map((s: { kind: string }) => s.kind)).toEqual(['proposed', 'joint_reached']);
      await expectNoCoSigners(JSON.stringify(page.body), [...Array(11).keys()].map((i) => i + 1));
      expect(JSON.stringify(page.body)).not.toContain(residents[0]!.phone);
      expect(JSON.stringify(page.body)).not.toContain(await phoneHash(residents[0]!.phone));
      expect((await get(`/api/topics/${joint}`, cookies[5])).body.mine).toEqual({ signed: true, proposer: false });
      expect((await get(`/api/topics/${joint}`, cookies[0])).body.mine).toEqual({ signed: true, proposer: true });

      const board = await get(`/api/board/${home.code}`);
      expect(board.status).toBe(200);
      expect(board.body.topics).toEqual([expect.objectContaining({ id: joint, intakePath: 'joint_residents', coSign: { have: 12, missing: 0, reached: true } })]);
      await expectNoCoSigners(JSON.stringify(board.body), [...Array(11).keys()].map((i) => i + 1));

      // Staff who plan the community see who signed: names, buildings and masked numbers only.
      const listed = (await get(`/api/communities/${home.communityId}/topics`, staff)).body.topics.find((t: { id: string }) => t.id === joint);
      expect(listed.coSigners).toHaveLength(12);
      expect(listed.coSigners[11]).toMatchObject({ name: residents[11]!.name, building: residents[11]!.building, phoneMasked: masked(residents[11]!.phone) });
      expect(JSON.stringify(listed)).not.toContain(residents[11]!.phone);
      expect(JSON.stringify(listed)).not.toContain(await phoneHash(residents[11]!.phone));
      expect(JSON.stringify(listed)).not.toContain(await phoneHash(residents[0]!.phone));
    });

    it('a phone co-signs a topic once: a repeat is 409, and of five sent together exactly one counts', async () => {
      const again = await coSign(joint, 1);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'already_signed' } });
      expect((await coSign(joint, 0)).status).toBe(409); // the proposer has signed by proposing
      expect(await db.topicCoSign.count({ where: { topicId: joint } })).toBe(12);

      const proposed = await postJson(url(`/api/communities/${home.communityId}/topics`), {
        title: '三栋楼道堆物清理', description: '三栋一楼楼道堆满旧家具，挡住消防通道。', declaration: { name: residents[1]!.name, building: residents[1]!.building, adult: true },
      }, { cookie: cookies[1]! });
      second = proposed.body.topicId;
      const race = await Promise.all(Array.from({ length: 5 }, () => coSign(second, 2)));
      expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
      expect(await db.topicCoSign.count({ where: { topicId: second, phoneHash: await phoneHash(residents[2]!.phone) } })).toBe(1);
      expect((await get(`/api/topics/${second}`)).body.coSign).toEqual({ have: 2, missing: 8, reached: false });
    });

    it('a proposal takes at most five photos, also when they are sent together; a registered topic is not co-signed', async () => {
      const png = (n: number) => sharp({ create: { width: 40 + n, height: 30, channels: 3, background: '#888' } }).png().toBuffer();
      const sent = await Promise.all([0, 1, 2, 3, 4, 5, 6].map(async (n) => postBytes(`/api/topics/${second}/photos`, await png(n), cookies[1]!)));
      expect(sent.filter((r) => r.status === 200)).toHaveLength(5);
      expect(sent.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(['CONFLICT', 'CONFLICT']);
      const photos = await db.topicFile.findMany({ where: { topicId: second, kind: 'photo' }, orderBy: { position: 'asc' } });
      expect(photos.map((p) => p.position)).toEqual([0, 1, 2, 3, 4]);
      expect((await get(`/api/topics/${second}`)).body.photos).toHaveLength(5);

      const registered = await postJson(url('/api/topics'), { communityId: home.communityId, intakePath: 'council_member', title: '垃圾分类投放点', submitter: '议事会成员' }, { cookie: staff });
      expect((await coSign(registered.body.topicId, 3)).body.error.code).toBe('INVALID_STATE');
      await review(registered.body.topicId, { decision: 'reject', reason: '重复议题' });
    });

    it('a co-signer withdraws before review; below ten the topic is online again, and the journey says so', async () => {
      expect((await coSign(second, 3)).body.coSigners).toBe(3);
      const gone = await withdraw(second, 2);
      expect(gone.status).toBe(200);
      expect(gone.body.coSigners).toBe(2);
      expect((await withdraw(second, 2)).status).toBe(404); // nothing left to withdraw
      expect((await withdraw(second, 1)).body.error.code).toBe('INVALID_STATE'); // the proposer's signature stays
      expect((await get(`/api/topics/${second}`)).body.coSign.have).toBe(2);

      expect((await withdraw(joint, 11)).body.coSigners).toBe(11);
      expect((await withdraw(joint, 10)).body.coSigners).toBe(10);
      expect((await get(`/api/topics/${joint}`)).body.intakePath).toBe('joint_residents');
      expect((await withdraw(joint, 9)).body.coSigners).toBe(9);
      let page = (await get(`/api/topics/${joint}`)).body;
      expect(page).toMatchObject({ intakePath: 'online_platform', coSign: { have: 9, missing: 1, reached: false } });
      expect(page.steps.map((s: { kind: string }) => s.kind)).toEqual(['proposed', 'joint_reached', 'joint_lost']);
      for (const i of [9, 10, 11]) expect((await coSign(joint, i)).status).toBe(200);
      page = (await get(`/api/topics/${joint}`)).body;
      expect(page).toMatchObject({ intakePath: 'joint_residents', coSign: { have: 12 } });
      expect(page.steps.map((s: { kind: string }) => s.kind)).toEqual(['proposed', 'joint_reached', 'joint_lost', 'joint_reached']);
    });

    it('a phone proposes at most three topics a day', async () => {
      const propose = (n: number) => postJson(url(`/api/communities/${home.communityId}/topics`), {
        title: `第${n}个建议的议题`, description: '同一个手机号一天内提出的又一个议题。', declaration: { name: residents[7]!.name, building: residents[7]!.building, adult: true },
      }, { cookie: cookies[7]! });
      for (const n of [1, 2, 3]) expect((await propose(n)).status).toBe(200);
      const fourth = await propose(4);
      expect(fourth.status).toBe(429);
      expect(fourth.body.error.code).toBe('RATE_LIMITED');
      expect(await db.topic.count({ where: { proposerPhoneHash: await phoneHash(residents[7]!.phone) } })).toBe(3);
    });

    it('withdrawals and co-signatures racing at the threshold leave the path matching the count, and the journey with it', async () => {
      const proposed = await postJson(url(`/api/communities/${home.communityId}/topics`), {
        title: '垃圾房异味整治', description: '五栋旁的垃圾房夏天异味很重，希望加装除臭设备。', declaration: { name: residents[2]!.name, building: residents[2]!.building, adult: true },
      }, { cookie: cookies[2]! });
      const raced = proposed.body.topicId as string;
      for (let i = 3; i < 12; i++) expect((await coSign(raced, i)).status).toBe(200); // 10 with the proposer: joint
      const consistent = async () => {
        const topic = await db.topic.findUniqueOrThrow({ where: { id: raced } });
        const count = await db.topicCoSign.count({ where: { topicId: raced } });
        const kinds = (await db.topicStep.findMany({ where: { topicId: raced }, orderBy: { at: 'asc' } })).map((s) => s.kind);
        const net = kinds.filter((k) => k === 'joint_reached').length - kinds.filter((k) => k === 'joint_lost').length;
        expect({ count, path: topic.intakePath, net }).toEqual({ count: 10, path: 'joint_residents', net: 1 });
      };
      await consistent();
      // Each round one phone leaves while another joins: the count passes through 9 or 11 and ends at 10.
      let [signed, unsigned] = [11, 0];
      for (let round = 0; round < 10; round++) {
        const [left, joined] = await Promise.all([withdraw(raced, signed), coSign(raced, unsigned)]);
        expect([left.status, joined.status]).toEqual([200, 200]);
        await consistent();
        [signed, unsigned] = [unsigned, signed];
      }
    });

    it('a review racing co-signatures at nine: each signature lands before the review or not at all, and the path is what the count makes it', async () => {
      const proposed = await postJson(url(`/api/communities/${home.communityId}/topics`), {
        title: '健身器材更新', description: '小广场的健身器材生锈松动，希望更换。', declaration: { name: residents[8]!.name, building: residents[8]!.building, adult: true },
      }, { cookie: cookies[8]! });
      const topicId = proposed.body.topicId as string;
      for (let i = 0; i < 8; i++) expect((await coSign(topicId, i)).status).toBe(200); // 9 with the proposer
      const [reviewed, ...signed] = await Promise.all([review(topicId, { decision: 'reject', reason: '已由街道统一更换' }), coSign(topicId, 9), coSign(topicId, 10), coSign(topicId, 11)]);
      expect(reviewed.status).toBe(200);
      for (const r of signed) expect([200, 409]).toContain(r.status);
      const count = await db.topicCoSign.count({ where: { topicId } });
      expect(count).toBe(9 + signed.filter((r) => r.status === 200).length);
      const topic = await db.topic.findUniqueOrThrow({ where: { id: topicId } });
      expect(topic.intakePath).toBe(count >= 10 ? 'joint_residents' : 'online_platform');
    });

    it('one-time codes: a wrong one is 400, five wrong tries spend it, an expired or replaced one fails, a fourth request is 429; only hashes are stored', async () => {
      const [w1, w2, exp, lim] = ['13912340001', '13912340002', '13912340003', '13912340004'];
      phonesUsed.push(w1, w2, exp, lim);
      const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

      // Four wrong tries leave the code usable.
      const c2 = (await requestCode(w2)).body.demoCode as string;
      for (let i = 0; i < 4; i++) expect((await confirm(w2, wrongOf(c2))).body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'code' } });
      expect((await confirm(w2, c2)).status).toBe(200);
      expect((await confirm(w2, c2)).status).toBe(400); // used once

      // Six wrong tries: the code is spent and even the right one fails.
      const c1 = (await requestCode(w1)).body.demoCode as string;
      for (let i = 0; i < 6; i++) expect((await confirm(w1, wrongOf(c1))).status).toBe(400);
      const late = await confirm(w1, c1);
      expect(late.status).toBe(400);
      expect(late.cookie).toBeNull();
      expect((await confirm(w1, 'abc123')).status).toBe(400);

      // An expired code fails.
      const c3 = (await requestCode(exp)).body.demoCode as string;
      await db.phoneCode.updateMany({ where: { phoneHash: await phoneHash(exp) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await confirm(exp, c3)).status).toBe(400);

      // A new code replaces the one before; three codes per number, the fourth is refused.
      const first = (await requestCode(lim)).body.demoCode as string;
      const latest = (await requestCode(lim)).body.demoCode as string;
      if (first !== latest) expect((await confirm(lim, first)).status).toBe(400);
      expect((await confirm(lim, latest)).status).toBe(200);
      expect((await requestCode(lim)).status).toBe(200);
      const limited = await requestCode(lim);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');

      // Two requests sent together (a double tap): the newer code works.
      const twice = '13912340005';
      phonesUsed.push(twice);
      const both = await Promise.all([requestCode(twice), requestCode(twice)]);
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      const tries = [];
      for (const r of both) tries.push(await confirm(twice, r.body.demoCode));
      const session = tries.find((t) => t.status === 200);
      expect(session).toBeDefined();
      // Logging out ends the session on the server, not only in the browser.
      const cookie = session!.cookie!.split(';')[0]!;
      expect((await get('/api/residents/me', cookie)).body.resident).not.toBeNull();
      expect((await postJson(url('/api/residents/logout'), {}, { cookie })).status).toBe(200);
      expect((await get('/api/residents/me', cookie)).body.resident).toBeNull();
      expect((await postJson(url(`/api/topics/${joint}/cosign`), { name: '某人', building: '某楼', adult: true }, { cookie })).status).toBe(401);

      // The database keeps hashes of codes and numbers, never a code or a number.
      const codes = await db.phoneCode.findMany();
      expect(codes.length).toBeGreaterThanOrEqual(codesSeen.length);
      for (const row of codes) for (const code of codesSeen) {
        expect(row.codeHash).not.toContain(code);
        expect(row.phoneHash).not.toContain(code);
      }
      const stored = JSON.stringify([
        codes, await db.residentSession.findMany(), await db.topicCoSign.findMany(), await db.topic.findMany(), await db.topicStep.findMany(),
      ]);
      for (const phone of phonesUsed) {
        expect(stored, phone).not.toContain(phone);
        expect(stored).not.toContain(phone.slice(3)); // nor its last eight digits
      }
      const masks = [...(await db.residentSession.findMany()), ...(await db.topicCoSign.findMany())].map((r) => r.phoneMasked);
      expect(masks.length).toBeGreaterThan(12);
      for (const m of masks) expect(m).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
      expect(masks).toContain('138****5000');
    });

    it('a resident cookie gives no staff rights; staff of another community and a recorder may not review', async () => {
      const resident = cookies[0]!;
      expect((await get(`/api/communities/${home.communityId}/topics`, resident)).status).toBe(401);
      expect((await review(joint, { decision: 'reject', reason: '试图冒充工作人员' }, resident)).status).toBe(401);
      expect((await postJson(url('/api/topics'), { communityId: home.communityId, intakePath: 'grid_worker', title: '冒充登记的议题', submitter: '某人' }, { cookie: resident })).status).toBe(401);
      expect((await postBytes(`/api/topics/${joint}/submissions?name=x.pdf`, PDF, resident, 'application/pdf')).status).toBe(401);
      expect((await get(`/api/communities/${home.communityId}/planning`, resident)).status).toBe(401);

      const otherStaff = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
      expect((await review(joint, { decision: 'reject', reason: '别的社区' }, otherStaff)).status).toBe(403);
      expect((await get(`/api/communities/${home.communityId}/topics`, otherStaff)).status).toBe(403);
      const recorder = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
      expect((await review(joint, { decision: 'accept', level: 'community', type: 'decision' }, recorder)).status).toBe(403);
      expect((await db.topic.findUniqueOrThrow({ where: { id: joint } })).status).toBe('submitted');
    });

    it('staff register, accept, merge, refer and reject; a second review is 409; the index counts the accepted topic only', async () => {
      const register = (intakePath: string, title: string) => postJson(url('/api/topics'), { communityId: home.communityId, intakePath, title, submitter: '网格员李明' }, { cookie: staff });
      expect((await register('joint_residents', '冒充联名的议题')).status).toBe(400);
      const written = (await register('grid_worker', '二号楼屋面漏水')).body.topicId as string;
      const referred = (await register('resident_unit', '学校门口接送拥堵')).body.topicId as string;
      const rejected = (await register('deputy', '建议修建地铁站')).body.topicId as string;

      const file = await postBytes(`/api/topics/${written}/submissions?name=${encodeURIComponent('网格员来信.pdf')}`, PDF, staff, 'application/pdf');
      expect(file.status).toBe(200);
      const fetched = await fetch(url(`/api/topic-files/${file.body.fileId}`), { headers: { cookie: staff } });
      expect(fetched.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await fetched.arrayBuffer()).equals(PDF)).toBe(true);
      expect((await fetch(url(`/api/topic-files/${file.body.fileId}`), { headers: { cookie: cookies[0]! } })).status).toBe(401);
      expect((await postBytes(`/api/topics/${written}/submissions?name=a.pdf`, Buffer.from('MZ executable'), staff)).status).toBe(400);

      // The score before review: no accepted topic, so no intake path has evidence.
      const year = yearOf(new Date());
      const intakeScores = async () => {
        const card = (await get(`/api/scores/${home.communityId}?year=${year}`, staff)).body.card;
        return card.indicators.filter((i: { explanation: { rule: string } }) => i.explanation.rule === 'intake_paths') as { earned: number; explanation: { evidence: string[] } }[];
      };
      const before = await intakeScores();
      expect(before.length).toBeGreaterThan(0);
      for (const ind of before) expect(ind.explanation.evidence).toEqual([]);

      const grid = (await postJson(url(`/api/communities/${home.communityId}/grids`), { name: '第一网格' }, { cookie: staff })).body.id as string;
      const foreignGrid = (await postJson(url(`/api/communities/${other.communityId}/grids`), { name: '外网格' }, { cookie: await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD) })).body.id as string;
      // Before the reviews, residents[4] co-signs the second proposal (to withdraw after review).
      expect((await coSign(second, 4)).status).toBe(200);

      // The grid's 网格长 is named on the community page; an accepted grid topic is routed to them.
      const posts = url(`/api/communities/${home.communityId}/posts`);
      expect((await postJson(posts, { post: 'grid_lead', placeId: home.communityId, staffId: home.recorder.id }, { cookie: staff })).body.error.details.field).toBe('placeId');
      expect((await postJson(posts, { post: 'grid_lead', placeId: grid, staffId: other.facilitator.id }, { cookie: staff })).body.error.details.field).toBe('staffId');
      expect((await postJson(posts, { post: 'grid_lead', placeId: grid, staffId: home.recorder.id }, { cookie: await staffCookie(server.url, home.recorder.username, TEST_PASSWORD) })).status).toBe(403);
      expect((await postJson(posts, { post: 'grid_lead', placeId: grid, staffId: home.facilitator.id }, { cookie: staff })).status).toBe(200);
      expect((await postJson(posts, { post: 'grid_lead', placeId: grid, staffId: home.recorder.id }, { cookie: staff })).status).toBe(200); // replaces the holder
      expect(await db.staffUser.count({ where: { communityId: home.communityId, post: 'grid_lead' } })).toBe(1);

      expect((await review(joint, { decision: 'accept', level: 'grid', type: 'decision' })).body.error.details.field).toBe('placeId');
      expect((await review(joint, { decision: 'accept', level: 'grid', placeId: foreignGrid, type: 'decision' })).body.error.details.field).toBe('placeId');
      const accepted = await review(joint, { decision: 'accept', level: 'grid', placeId: grid, type: 'decision' });
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('accepted');
      expect(await db.topic.findUniqueOrThrow({ where: { id: joint } })).toMatchObject({
        status: 'accepted', level: 'grid', placeId: grid, type: 'decision', intakePath: 'joint_residents', convenerId: home.recorder.id,
      });
      expect((await get(`/api/topics/${joint}`)).body.steps.find((x: { kind: string }) => x.kind === 'accepted').detail).toMatchObject({ convener: home.recorder.displayName, post: 'grid_lead' });

      expect((await review(written, { decision: 'merge', intoTopicId: written })).status).toBe(400); // not into itself
      expect((await review(written, { decision: 'merge', intoTopicId: joint })).body.status).toBe('merged');
      expect((await review(referred, { decision: 'refer', to: '区教育局', reason: '学校周边交通由区教育局牵头' })).body.status).toBe('referred');
      expect((await review(rejected, { decision: 'reject', reason: '' })).status).toBe(400); // a rejection says why
      expect((await review(rejected, { decision: 'reject', reason: '地铁规划不属社区议事范围' })).body.status).toBe('rejected');
      expect((await review(second, { decision: 'reject', reason: '已列入物业日常清理' })).body.status).toBe('rejected');

      // Decided once.
      for (const id of [joint, written, referred, rejected, second]) {
        const repeat = await review(id, { decision: 'reject', reason: '再审一次' });
        expect(repeat.status, id).toBe(409);
        expect(repeat.body.error.code).toBe('INVALID_STATE');
      }
      expect((await review(rejected, { decision: 'accept', level: 'community', type: 'decision' })).status).toBe(409);

      // The reasons are public; the merge shows on both topics.
      expect((await get(`/api/topics/${rejected}`)).body).toMatchObject({ status: 'rejected', reason: '地铁规划不属社区议事范围', proposal: false });
      expect((await get(`/api/topics/${second}`)).body).toMatchObject({ status: 'rejected', reason: '已列入物业日常清理' });
      expect((await get(`/api/topics/${referred}`)).body).toMatchObject({ status: 'referred', referredTo: '区教育局', reason: '学校周边交通由区教育局牵头' });
      expect((await get(`/api/topics/${written}`)).body).toMatchObject({ status: 'merged', mergedIntoId: joint });
      const jointPage = (await get(`/api/topics/${joint}`)).body;
      expect(jointPage.steps.map((s: { kind: string }) => s.kind).slice(-2)).toEqual(['accepted', 'merged_from']);
      // A written submission stays with staff.
      expect(JSON.stringify((await get(`/api/topics/${written}`)).body)).not.toContain(file.body.fileId);

      // After review co-signatures stand: no new one, no withdrawal, no photo.
      expect((await withdraw(second, 4)).body.error.code).toBe('INVALID_STATE');
      expect((await withdraw(joint, 5)).body.error.code).toBe('INVALID_STATE');
      expect((await coSign(second, 6)).body.error.code).toBe('INVALID_STATE');
      expect(await db.topicCoSign.count({ where: { topicId: second } })).toBe(3);
      expect(await db.topicCoSign.count({ where: { topicId: joint } })).toBe(12);
      const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).png().toBuffer();
      expect((await postBytes(`/api/topics/${joint}/photos`, png, cookies[0]!)).body.error.code).toBe('INVALID_STATE');

      // The index: the accepted joint topic is the intake path's evidence; merged, referred and rejected ones are not.
      const after = await intakeScores();
      for (const [n, ind] of after.entries()) {
        expect(ind.explanation.evidence).toEqual([joint]);
        expect(ind.earned).toBeGreaterThan(before[n]!.earned);
      }
    });

    it('the accepted topic is offered to planning and linked by the meeting that takes it up; a rejected one cannot be', async () => {
      const options = (await get(`/api/communities/${home.communityId}/planning`, staff)).body;
      expect(options.topics.map((t: { id: string }) => t.id)).toEqual([joint]);
      expect(options.topics[0]).toMatchObject({ level: 'grid', type: 'decision', intakePath: 'joint_residents' });

      const plan = (agenda: unknown[]) => postJson(url('/api/meetings'), {
        communityId: home.communityId, form: 'council', level: 'community', type: 'decision', title: '东门路灯议事会', venue: '社区议事厅',
        scheduledAt: inDays(10, 19), endsAt: inDays(10, 21), agenda,
      }, { cookie: staff });
      const rejectedId = (await db.topic.findFirstOrThrow({ where: { communityId: home.communityId, status: 'rejected', proposerPhoneHash: null } })).id;
      const refused = await plan([{ title: '地铁站', topicId: rejectedId }]);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.field).toBe('agenda');
      const planned = await plan([{ title: '东门加装路灯', topicId: joint }, { title: '其他事项' }]);
      expect(planned.status).toBe(200);
      const meetingId = planned.body.meetingId as string;
      expect(meetingId).toBeTruthy();

      const listed = (await get(`/api/communities/${home.communityId}/topics`, staff)).body.topics.find((t: { id: string }) => t.id === joint);
      expect(listed.meetingIds).toEqual([meetingId]);
      // A draft meeting is not public: the topic's page does not show it yet.
      const page = (await get(`/api/topics/${joint}`)).body;
      expect(page.meetings).toEqual([]);
      expect(page.steps.map((s: { kind: string }) => s.kind)).not.toContain('on_agenda');
      expect(await db.meeting.count({ where: { communityId: home.communityId } })).toBe(1);
    });

    it('escalation: a compound topic goes to the grid, then the community, each back in review there, then is reported to the street; the journey keeps every reason', async () => {
      const gridId = newId();
      const compoundId = newId();
      await db.grid.create({ data: { id: gridId, communityId: home.communityId, name: '第一网格' } });
      await db.compound.create({ data: { id: compoundId, gridId, name: '桂花苑' } });
      const topicId = (await postJson(url('/api/topics'), { communityId: home.communityId, intakePath: 'council_member', title: '桂花苑车棚充电起火隐患', submitter: '议事会成员王强' }, { cookie: staff })).body.topicId as string;
      const escalate = (reason: string, cookie = staff) => postJson(url(`/api/topics/${topicId}/escalate`), { reason }, { cookie });

      // Not yet accepted: nothing to escalate. A resident cannot; a reason is needed.
      expect((await escalate('小区无法解决')).body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'not_escalatable' } });
      expect((await review(topicId, { decision: 'accept', level: 'compound', placeId: compoundId, type: 'coordination' })).status).toBe(200);
      expect((await escalate('小区无法解决', cookies[0]!)).status).toBe(401);
      expect((await escalate(' ')).status).toBe(400);

      expect(await escalate('小区议事会无权改动消防设施，需网格协调物业和消防')).toMatchObject({ status: 200, body: { level: 'grid' } });
      let row = await db.topic.findUniqueOrThrow({ where: { id: topicId } });
      expect(row).toMatchObject({ status: 'submitted', level: 'grid', placeId: gridId });
      // In the grid's review queue, with where it came from and why.
      const queued = (await get(`/api/communities/${home.communityId}/topics`, staff)).body.topics.find((t: any) => t.id === topicId);
      expect(queued.escalation).toMatchObject({ from: 'compound', to: 'grid', reason: '小区议事会无权改动消防设施，需网格协调物业和消防' });
      expect((await escalate('再上报')).status).toBe(409); // awaiting review at the grid: accept it first

      expect((await review(topicId, { decision: 'accept', level: 'grid', placeId: gridId, type: 'coordination' })).status).toBe(200);
      expect(await escalate('涉及三个小区的充电桩统一规划')).toMatchObject({ status: 200, body: { level: 'community' } });
      row = await db.topic.findUniqueOrThrow({ where: { id: topicId } });
      expect(row).toMatchObject({ status: 'submitted', level: 'community', placeId: home.communityId });
      expect((await review(topicId, { decision: 'accept', level: 'community', placeId: null, type: 'decision' })).status).toBe(200);
      expect(await escalate('需街道协调供电公司增容')).toMatchObject({ status: 200, body: { level: 'street' } });
      row = await db.topic.findUniqueOrThrow({ where: { id: topicId } });
      expect(row).toMatchObject({ status: 'referred', referredTo: '测试街道', reason: '需街道协调供电公司增容' });

      const journey = (await get(`/api/topics/${topicId}`)).body.steps.filter((st: any) => st.kind === 'escalated').map((st: any) => [st.detail.from, st.detail.to]);
      expect(journey).toEqual([['compound', 'grid'], ['grid', 'community'], ['community', 'street']]);
      expect((await escalate('还能再上报吗')).status).toBe(409);
    });

    it('the ledger lists topics with path, escalations and meetings, filters them, and exports CSV and XLSX that no cell can turn into a formula', async () => {
      const sneaky = (await postJson(url('/api/topics'), { communityId: home.communityId, intakePath: 'deputy', title: '=HYPERLINK("http://evil","点")', submitter: '@某代表' }, { cookie: staff })).body.topicId as string;
      const ledger = (await get(`/api/communities/${home.communityId}/ledger`, staff)).body.rows as any[];
      expect(ledger.find((r) => r.id === sneaky)).toMatchObject({ intakePath: 'deputy', status: 'submitted', escalations: [], meetings: [] });
      const escalated = ledger.find((r) => r.title === '桂花苑车棚充电起火隐患');
      expect(escalated.escalations.map((e: any) => e.to)).toEqual(['grid', 'community', 'street']);
      const onlyDeputy = (await get(`/api/communities/${home.communityId}/ledger?intakePath=deputy`, staff)).body.rows as any[];
      expect(onlyDeputy.length).toBeGreaterThan(0);
      expect(onlyDeputy.every((r) => r.intakePath === 'deputy')).toBe(true);
      expect((await get(`/api/communities/${home.communityId}/ledger?intakePath=nope`, staff)).status).toBe(400);
      expect((await get(`/api/communities/${home.communityId}/ledger`, cookies[0]!)).status).toBe(401);

      const bytes = Buffer.from(await (await fetch(url(`/api/communities/${home.communityId}/ledger?format=csv&locale=zh-CN`), { headers: { cookie: staff } })).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheet programs need for Chinese
      const csv = bytes.subarray(3).toString('utf8');
      expect(csv.startsWith('议题,征集路径,提出人,状态')).toBe(true);
      expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""点"")",人大代表、政协委员提交,"'@某代表",待审核`);
      expect(csv).toContain('社区→街道：需街道协调供电公司增容');

      const xlsx = await fetch(url(`/api/communities/${home.communityId}/ledger?format=xlsx&locale=en`), { headers: { cookie: staff } });
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('Topic');
      const cell = sheet.getColumn(1).values.find((v) => typeof v === 'string' && v.startsWith('=HYPERLINK'));
      expect(cell).toBe('=HYPERLINK("http://evil","点")'); // a string cell, not a formula
    });

    describe('with an HTTP SMS provider', () => {
      let provider: Server;
      let smsServer: RunningServer;
      let answer = 200;
      const received: { headers: IncomingMessage['headers']; body: any }[] = [];

      beforeAll(async () => {
        provider = createServer((req, res) => {
          let body = '';
          req.on('data', (c) => (body += c));
          req.on('end', () => {
            received.push({ headers: req.headers, body: JSON.parse(body) });
            res.writeHead(answer, { 'content-type': 'application/json' });
            res.end(answer < 300 ? '{}' : '{"error":"balance 0 on account gh-relay-7"}');
          });
        });
        await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
        const port = (provider.address() as AddressInfo).port;
        // Demo mode is on, yet a real provider never lets the page show the code.
        smsServer = await startServer({
          databaseUrl: scratch.url,
          env: { YISHI_SMS_URL: `http://127.0.0.1:${port}/sms`, YISHI_SMS_TOKEN: 'provider-token', YISHI_SMS_SENDER: '桂湖社区', YISHI_DEMO: '1' },
        });
      });
      afterAll(async () => {
        await smsServer?.stop();
        await new Promise<void>((resolve) => (provider ? provider.close(() => resolve()) : resolve()));
      });

      it('sends the code to the provider, never to the page, and the code the phone received confirms it', async () => {
        const phone = '13712345678';
        const sent = await postJson(`${smsServer.url}/api/residents/code`, { phone: '+86 137-1234-5678' });
        expect(sent.status).toBe(200);
        expect(sent.body).not.toHaveProperty('demoCode');
        expect(received).toHaveLength(1);
        expect(received[0]!.headers.authorization).toBe('Bearer provider-token');
        expect(received[0]!.body).toMatchObject({ to: phone, sender: '桂湖社区' });
        const code = /验证码是 (\d{6})/.exec(received[0]!.body.text)?.[1];
        expect(code).toMatch(/^\d{6}$/);
        expect(smsServer.output()).not.toContain(code!);

        const ok = await postJson(`${smsServer.url}/api/residents/confirm`, { phone, code });
        expect(ok.status).toBe(200);
        expect(ok.body.resident.phoneMasked).toBe('137****5678');
        const cookie = ok.cookie!.split(';')[0]!;
        expect((await fetch(`${smsServer.url}/api/residents/me`, { headers: { cookie } }).then((r) => r.json()) as any).resident.phoneMasked).toBe('137****5678');
      });

      it('answers 503 when the provider fails, and the code sent before still works', async () => {
        const phone = '13712340000';
        expect((await postJson(`${smsServer.url}/api/residents/code`, { phone })).status).toBe(200);
        const delivered = /验证码是 (\d{6})/.exec(received.at(-1)!.body.text)![1]!;
        answer = 500;
        const failed = await postJson(`${smsServer.url}/api/residents/code`, { phone });
        expect(failed.status).toBe(503);
        expect(failed.body.error.code).toBe('UNAVAILABLE');
        expect(failed.body).not.toHaveProperty('demoCode');
        // What the gateway said is for the operator's log, not for whoever asked for a code.
        expect(JSON.stringify(failed.body)).not.toContain('gh-relay-7');
        expect(smsServer.output()).toContain('[sms] provider answered 500: {"error":"balance 0 on account gh-relay-7"}');
        // A code that never reached the phone does not replace the one that did.
        answer = 200;
        expect((await postJson(`${smsServer.url}/api/residents/confirm`, { phone, code: delivered })).status).toBe(200);
      });
    });
  });
}
