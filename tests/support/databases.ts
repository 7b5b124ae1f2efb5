// Throwaway databases for tests: a SQLite file always, PostgreSQL when YISHI_TEST_POSTGRES_URL names a
// server (a fresh database is created on it and dropped afterwards). `.ci/run` always sets the variable.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type ScratchDatabase = { url: string; drop(): Promise<void> };

export const postgresServerUrl = process.env.YISHI_TEST_POSTGRES_URL || null;

export async function scratchSqlite(): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-test-'));
  return { url: `file:${join(dir, 'nested', 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function scratchPostgres(serverUrl: string): Promise<ScratchDatabase> {
  const database = `yishi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The databases every data-touching suite runs against, with a plain note when PostgreSQL is skipped. */
export function databaseTargets(): { name: 'sqlite' | 'postgresql'; make: () => Promise<ScratchDatabase>; enabled: boolean }[] {
  if (!postgresServerUrl) {
    console.warn('[tests] PostgreSQL SKIPPED: set YISHI_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres) to run it.');
  }
  return [
    { name: 'sqlite', make: scratchSqlite, enabled: true },
    { name: 'postgresql', make: () => scratchPostgres(postgresServerUrl!), enabled: !!postgresServerUrl },
  ];
}
