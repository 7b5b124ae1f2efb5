// The community board by its short code (/c/<code>): staff set the code (validated, unique, authorised),
// the board answers at the code and at an old id (which the page redirects), codes are unique in the
// database, and the migration gave every existing community one. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityBoardAt } from '../../lib/planning/board';
import { CommunityCode } from '../../lib/planning/board-path';
import { createDb, type Db } from '../../lib/platform/db/client';
import { isUniqueViolation } from '../../lib/platform/db/errors';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { noFilter, readMigrationList, withSchemaEngine } from '../../lib/platform/db/schema-engine';
import { newId } from '../../lib/platform/tokens';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { postJson, staffCookie, startServer, type RunningServer } from '../support/server';

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
