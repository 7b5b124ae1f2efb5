// The one way to get a database client. SQLite (a file, nothing to install) is the default; a
// postgres:// URL switches to PostgreSQL. Both clients come from the same schema (prisma/generate.mjs).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import { PrismaClient as PostgresClient } from './generated/postgres/client.ts';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';

/** Callers use this type for either database: the models are identical, only the adapter differs. */
export type Db = SqliteClient;

export type Provider = 'sqlite' | 'postgresql';

export const defaultDatabaseUrl = 'file:./data/yishi.db';

/** DATABASE_URL, else the embedded SQLite file, so the server, tests and CLIs agree. */
export function resolveDatabaseUrl(): string {
  return process.env.DATABASE_URL || defaultDatabaseUrl;
}

export function databaseProvider(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

/**
 * Makes sure the SQLite file can be opened with several connections and processes at once, and returns
 * its path. WAL lets readers proceed while one writer writes; the mode is stored in the file, so setting
 * it once is enough, but doing it on every open is cheap and covers files made elsewhere.
 */
export function prepareSqliteFile(url: string): string {
  const path = url.replace(/^file:/, '');
  if (path === ':memory:') return path;
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.close();
  return path;
}

export function createDb(url: string = resolveDatabaseUrl()): Db {
  if (databaseProvider(url) === 'postgresql') {
    // Same models, different generated class: the cast is what lets callers ignore the provider.
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  // `timeout` is SQLite's busy timeout: wait this long for another connection's write lock
  // instead of failing at once with SQLITE_BUSY.
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: prepareSqliteFile(url), timeout: 10_000 }) });
}
