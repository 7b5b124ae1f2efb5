// One contract, run against every database the app supports: SQLite always, PostgreSQL when
// YISHI_TEST_POSTGRES_URL names a server (a throwaway database is created on it and dropped after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, databaseProvider, type Db } from './client.ts';
import { isUniqueViolation } from './errors.ts';
import { applyMigrations } from './migrate.ts';
import { readMigrationList } from './schema-engine.ts';
import { scratchPostgres, scratchSqlite, type ScratchDatabase } from '../../../tests/support/databases';

function databaseContract(makeDatabase: () => Promise<ScratchDatabase>) {
  let scratch: ScratchDatabase;
  let db: Db;

  beforeAll(async () => {
    scratch = await makeDatabase();
  }, 30_000);

  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('applies every migration to an empty database, and a second call is a no-op', async () => {
    const all = readMigrationList(databaseProvider(scratch.url)).migrationDirectories.map((m) => m.path);
    expect(all.length).toBeGreaterThan(0);
    expect(await applyMigrations(scratch.url)).toEqual(all);
    expect(await applyMigrations(scratch.url)).toEqual([]);
    db = createDb(scratch.url);
    expect(await db.district.count()).toBe(0);
  }, 30_000);

  it('rejects a second vote by the same seat in the same poll, recognisably', async () => {
    const vote = { pollId: 'poll-1', seatId: 'seat-1', idempotencyKey: 'k' };
    await db.pollParticipation.create({ data: { ...vote, id: 'p1', receipt: 'r1' } });
    const duplicate = await db.pollParticipation
      .create({ data: { ...vote, id: 'p2', receipt: 'r2' } })
      .catch((err: unknown) => err);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(new Error('something else'))).toBe(false);
    expect(await db.pollParticipation.count({ where: { pollId: 'poll-1' } })).toBe(1);
  });

  it('rolls a failed transaction back as a whole', async () => {
    const failed = db
      .$transaction(async (tx) => {
        await tx.district.create({ data: { id: 'd1', name: '第一区' } });
        await tx.district.create({ data: { id: 'd1', name: 'the same id again' } });
      })
      .catch((err: unknown) => err);
    expect(isUniqueViolation(await failed)).toBe(true);
    expect(await db.district.count()).toBe(0);
  });
}

describe('database contract: SQLite', () => databaseContract(scratchSqlite));

const postgresUrl = process.env.YISHI_TEST_POSTGRES_URL;
if (!postgresUrl) {
  console.warn(
    'PostgreSQL SKIPPED: set YISHI_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres) to run the database contract against PostgreSQL.',
  );
}
describe.skipIf(!postgresUrl)('database contract: PostgreSQL', () =>
  databaseContract(() => scratchPostgres(postgresUrl!)),
);
