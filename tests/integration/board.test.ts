// The community board by its short code (/c/<code>): staff set the code (validated, unique, authorised),
// the board answers at the code and at an old id (which the page redirects), codes are unique in the
// database, and the migration gave every existing community one. Notice attachments: upload (type from
// the bytes, size and count limits, only the facilitator, only before the start), public download only
// once a published notice carries the file (headers), withdrawal as a correction notice, and the record
// carries each file's name, size and SHA-256. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityBoardAt } from '../../lib/planning/board';
import { CommunityCode } from '../../lib/planning/board-path';
import { createDb, type Db } from '../../lib/platform/db/client';
import { isUniqueViolation } from '../../lib/platform/db/errors';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { noFilter, readMigrationList, withSchemaEngine } from '../../lib/platform/db/schema-engine';
import { newId } from '../../lib/platform/tokens';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { createHash } from 'node:crypto';
import { holdMeeting } from '../support/record';
import { postJson, staffCookie, startServer, type RunningServer } from '../support/server';
import { docxBytes, pdfBytes, pngBytes, storedZip } from '../support/zip';

const CODE_MIGRATION = '20261202065747_community_code';

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`community board by code on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let home: Awaited<ReturnType<typeof makeCommunity>>;
    let other: Awaited<ReturnType<typeof makeCommunity>>;
    let cookie: string;
    const setCode = (communityId: string, code: unknown, c = cookie) => postJson(`${server.url}/api/communities/${communityId}/code`, { code }, c ? { cookie: c } : {});

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      home = await makeCommunity(db, { members: 1 });
      other = await makeCommunity(db, { members: 1, name: '别的社区', code: 'other-c' });
      server = await startServer({ databaseUrl: scratch.url });
      cookie = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
    });
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('a new community gets a short code that is a valid board address', () => {
      expect(CommunityCode.safeParse(home.code)).toMatchObject({ success: true, data: home.code });
      expect(home.code).toMatch(/^[2-9a-hjkmnp-z]{6}$/);
    });

    it('staff set a readable code (typed in capitals, stored lowercase) and the board answers at it', async () => {
      const res = await setCode(home.communityId, '  GuiHu-2 ');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: home.communityId, code: 'guihu-2' });
      const board = await (await fetch(`${server.url}/api/board/guihu-2`)).json() as { community: { id: string; code: string } };
      expect(board.community).toMatchObject({ id: home.communityId, code: 'guihu-2' });
    });

    it('refuses a bad code naming the field, another community’s code, and staff who may not plan here', async () => {
      for (const bad of ['ab', '-guihu', 'guihu-', 'gui--hu', 'gui hu', 'guí', 'a/b', 'x'.repeat(33), 42]) {
        const res = await setCode(home.communityId, bad);
        expect(res.status, String(bad)).toBe(400);
        expect(res.body.error.details.issues).toContainEqual(expect.objectContaining({ path: 'code' }));
      }
      const taken = await setCode(home.communityId, 'OTHER-C');
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'code' } });
      const otherCookie = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
      expect((await setCode(home.communityId, 'mine', otherCookie)).status).toBe(403);
      const recorder = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
      expect((await setCode(home.communityId, 'mine', recorder)).status).toBe(403);
      expect((await setCode(home.communityId, 'mine', '')).status).toBe(401);
      expect((await db.community.findUniqueOrThrow({ where: { id: home.communityId } })).code).toBe('guihu-2');
    });

    it('the database keeps codes unique', async () => {
      const err = await db.community.create({ data: { id: newId(), streetId: home.streetId, name: '重复', code: 'other-c' } }).catch((e: unknown) => e);
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('an old /c/<id> link and a code in capitals find the board but are not its address (the page redirects); the code is', async () => {
      expect(await communityBoardAt(db, home.communityId)).toMatchObject({ canonical: false, board: { community: { code: 'guihu-2' } } });
      expect(await communityBoardAt(db, 'GUIHU-2')).toMatchObject({ canonical: false, board: { community: { id: home.communityId } } });
      expect(await communityBoardAt(db, 'guihu-2')).toMatchObject({ canonical: true });
      const byId = await (await fetch(`${server.url}/api/board/${home.communityId}`)).json() as { community: { code: string } };
      expect(byId.community.code).toBe('guihu-2');
      const unknown = await fetch(`${server.url}/api/board/no-such-board`);
      expect(unknown.status).toBe(404);
    });
  });

  describe.skipIf(!target.enabled)(`notice attachments on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let home: Awaited<ReturnType<typeof makeCommunity>>;
    let cookie: string;
    const upload = (meetingId: string, name: string, bytes: Uint8Array, c: string | null = cookie) =>
      fetch(`${server.url}/api/attachments?meetingId=${meetingId}&name=${encodeURIComponent(name)}`, {
        method: 'POST', body: Buffer.from(bytes), headers: { 'content-type': 'application/pdf', origin: server.url, ...(c ? { cookie: c } : {}) },
      }).then(async (r) => ({ status: r.status, body: await r.json() as any }));
    const download = (id: string, c?: string) => fetch(`${server.url}/api/attachments/${id}`, c ? { headers: { cookie: c } } : {});
    const board = async () => (await fetch(`${server.url}/api/board/${home.code}`)).json() as Promise<any>;
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      home = await makeCommunity(db, { members: 2 });
      server = await startServer({ databaseUrl: scratch.url });
      cookie = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
    });
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('refuses what is not a permitted file by its bytes, an empty or too large one, a sixth, and anyone but the facilitator', async () => {
      const meeting = await makeMeeting(db, home);
      const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
      expect((await upload(meeting.id, 'plan.pdf', html)).body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'file', reason: 'unsupported_type' } });
      expect((await upload(meeting.id, 'a.zip', storedZip([{ name: 'x.txt', data: 'x' }]))).body.error.details.reason).toBe('unsupported_type');
      expect((await upload(meeting.id, 'empty.pdf', new Uint8Array())).body.error.details.reason).toBe('empty');
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(pdfBytes());
      const tooLarge = await upload(meeting.id, 'big.pdf', big);
      expect(tooLarge.status).toBe(400);
      expect(tooLarge.body.error.details.reason).toBe('too_large');
      const recorder = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
      expect((await upload(meeting.id, 'a.pdf', pdfBytes(), recorder)).status).toBe(403);
      expect((await upload(meeting.id, 'a.pdf', pdfBytes(), null)).status).toBe(401);
      const elsewhere = await makeCommunity(db, { members: 0 });
      const stranger = await staffCookie(server.url, elsewhere.facilitator.username, TEST_PASSWORD);
      expect((await upload(meeting.id, 'a.pdf', pdfBytes(), stranger)).status).toBe(403);
      for (let i = 0; i < 5; i++) expect((await upload(meeting.id, `第${i}份.pdf`, pdfBytes(String(i)))).status).toBe(200);
      expect((await upload(meeting.id, 'sixth.pdf', pdfBytes())).body.error).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'too_many', limit: 5 } });
      expect(await db.noticeAttachment.count({ where: { meetingId: meeting.id } })).toBe(5);
    });

    it('a file is public only once a published notice carries it; served with its real type, name and safe headers', async () => {
      const meeting = await makeMeeting(db, home);
      const pdf = pdfBytes('加装电梯费用分摊方案');
      const up = await upload(meeting.id, 'C:\\fakepath\\费用分摊方案.exe', pdf);
      expect(up.status).toBe(200);
      expect(up.body).toMatchObject({ fileName: '费用分摊方案.pdf', mimeType: 'application/pdf', size: pdf.length, sha256: sha(pdf), noticeId: null });
      const png = await upload(meeting.id, '现场照片.png', pngBytes());
      const docx = await upload(meeting.id, '说明.docx', docxBytes());
      expect(docx.body.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

      // Waiting: staff of the meeting may fetch it, nobody else learns it exists.
      expect((await download(up.body.id)).status).toBe(404);
      expect((await download(up.body.id, cookie)).status).toBe(200);

      const notice = await postJson(`${server.url}/api/meetings/${meeting.id}/notice`, { text: '听证会公告' }, { cookie });
      expect(notice.status).toBe(200);
      const shown = (await board()).upcoming.find((m: { id: string }) => m.id === meeting.id);
      expect(shown.notices[0].attachments).toEqual([
        { id: up.body.id, name: '费用分摊方案.pdf', size: pdf.length, mimeType: 'application/pdf' },
        { id: png.body.id, name: '现场照片.png', size: pngBytes().length, mimeType: 'image/png' },
        { id: docx.body.id, name: '说明.docx', size: docxBytes().length, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      ]);

      const res = await download(up.body.id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="______.pdf"; filename*=UTF-8''${encodeURIComponent('费用分摊方案.pdf')}`);
      expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(pdf));
      const image = await download(png.body.id);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(image.headers.get('content-disposition')).toMatch(/^inline; /);
      expect((await download('no-such-file')).status).toBe(404);
    });

    it('deleting a waiting file removes it; withdrawing a published one needs a reason and is a correction notice; nothing changes after the start; the record carries the hashes', async () => {
      const meeting = await makeMeeting(db, home);
      const plan = pdfBytes('平面图');
      const kept = await upload(meeting.id, '平面图.pdf', plan);
      const wrong = await upload(meeting.id, '错传的表.pdf', pdfBytes('错'));
      await postJson(`${server.url}/api/meetings/${meeting.id}/notice`, { text: '议事会公告' }, { cookie });
      const draft = await upload(meeting.id, '草稿.pdf', pdfBytes('草稿'));
      expect((await postJson(`${server.url}/api/attachments/${draft.body.id}/withdraw`, {}, { cookie })).body).toMatchObject({ deleted: true });
      expect(await db.noticeAttachment.findUnique({ where: { id: draft.body.id } })).toBeNull();

      const noReason = await postJson(`${server.url}/api/attachments/${wrong.body.id}/withdraw`, {}, { cookie });
      expect(noReason.body.error.details.issues).toContainEqual(expect.objectContaining({ path: 'reason' }));
      const recorder = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
      expect((await postJson(`${server.url}/api/attachments/${wrong.body.id}/withdraw`, { reason: '传错了文件' }, { cookie: recorder })).status).toBe(403);
      // Two staff withdrawing at once: one correction, one refusal.
      const both = await Promise.all([1, 2].map(() => postJson(`${server.url}/api/attachments/${wrong.body.id}/withdraw`, { reason: '传错了文件' }, { cookie })));
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(both.find((r) => r.status === 200)!.body).toMatchObject({ withdrawn: true });
      expect((await download(wrong.body.id)).status).toBe(404);
      expect((await db.noticeAttachment.findUniqueOrThrow({ where: { id: wrong.body.id } })).data.length).toBe(0);
      const shown = (await board()).upcoming.find((m: { id: string }) => m.id === meeting.id);
      expect(shown.notices.map((n: { kind: string; attachments: unknown[] }) => [n.kind, n.attachments.length])).toEqual([['notice', 1], ['revision', 0]]);
      expect(shown.notices[1].text).toBe('更正：撤下公告附件“错传的表.pdf”。原因：传错了文件');

      await holdMeeting(server.url, home, meeting);
      expect((await upload(meeting.id, 'late.pdf', pdfBytes())).body.error.code).toBe('INVALID_STATE');
      expect((await postJson(`${server.url}/api/attachments/${kept.body.id}/withdraw`, { reason: '会后撤下' }, { cookie })).body.error.code).toBe('INVALID_STATE');
      expect((await download(kept.body.id)).status).toBe(200);

      let body: string | undefined;
      await expect.poll(async () => (body = (await db.meetingRecord.findUnique({ where: { meetingId: meeting.id } }))?.body), { timeout: 15_000 }).toBeTruthy();
      const record = JSON.parse(body!);
      expect(record.meeting.notices).toEqual([
        expect.objectContaining({ kind: 'notice', text: '议事会公告', attachments: [{ name: '平面图.pdf', size: plan.length, sha256: sha(plan) }, { name: '错传的表.pdf', size: pdfBytes('错').length, sha256: sha(pdfBytes('错')) }] }),
        expect.objectContaining({ kind: 'revision', withdrawnAttachments: [{ name: '错传的表.pdf', size: pdfBytes('错').length, sha256: sha(pdfBytes('错')) }] }),
      ]);
      expect(record.meeting.notices[1].attachments).toBeUndefined();
    });
  });

  describe.skipIf(!target.enabled)(`community code migration on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    afterAll(async () => {
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('gives every existing community a distinct valid code', async () => {
      scratch = await target.make();
      const list = readMigrationList(target.name);
      await withSchemaEngine(scratch.url, (engine) => engine.applyMigrations({
        migrationsList: { ...list, migrationDirectories: list.migrationDirectories.filter((d) => d.path < CODE_MIGRATION) },
        filters: noFilter,
      }));
      db = createDb(scratch.url);
      const districtId = newId();
      const streetId = newId();
      await db.$executeRawUnsafe(`INSERT INTO "District" ("id", "name") VALUES ('${districtId}', '旧区')`);
      await db.$executeRawUnsafe(`INSERT INTO "Street" ("id", "districtId", "name") VALUES ('${streetId}', '${districtId}', '旧街道')`);
      const ids = Array.from({ length: 20 }, () => newId());
      for (const id of ids) await db.$executeRawUnsafe(`INSERT INTO "Community" ("id", "streetId", "name") VALUES ('${id}', '${streetId}', '旧社区')`);
      await db.$disconnect();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      const rows = await db.community.findMany({ where: { id: { in: ids } }, select: { code: true } });
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((r) => r.code)).size).toBe(20);
      for (const r of rows) expect(CommunityCode.safeParse(r.code).success).toBe(true);
    });
  });
}
