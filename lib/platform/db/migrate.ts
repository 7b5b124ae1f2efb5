// Brings a database up to date with prisma/migrations (or prisma/postgres/migrations). Called on every
// server start and by tests. Uses Prisma's own engine (as wasm) and its `_prisma_migrations` table, so
// `prisma migrate deploy` and `prisma migrate status` read the same history.
import Database from 'better-sqlite3';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { databaseProvider, type Provider } from './client.ts';
import { readMigrationList, noFilter, withSchemaEngine } from './schema-engine.ts';

/**
 * Applies the migrations the database has not seen yet and returns their names (empty when it is up to
 * date). Rejects if a migration fails or an applied one was edited; Prisma records a failed migration
 * and refuses to continue until it is resolved.
 */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = databaseProvider(url);
  // The common case — nothing to do — is answered with one read, without starting the engine: the
  // engine takes a write lock on SQLite, which would wait on any other process that has the file open.
  if (await isUpToDate(url, provider)) return [];
  return withSchemaEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationList(provider),
      filters: noFilter,
    });
    return appliedMigrationNames;
  });
}

const APPLIED_SQL = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

async function isUpToDate(url: string, provider: Provider): Promise<boolean> {
  const wanted = readMigrationList(provider).migrationDirectories.map((d) => d.path);
  let applied: string[];
  try {
    if (provider === 'sqlite') {
      const path = url.replace(/^file:/, '');
      if (!existsSync(path)) return false;
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        applied = (db.prepare(APPLIED_SQL).all() as { migration_name: string }[]).map((r) => r.migration_name);
      } finally {
        db.close();
      }
    } else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        applied = (await client.query<{ migration_name: string }>(APPLIED_SQL)).rows.map((r) => r.migration_name);
      } finally {
        await client.end();
      }
    }
  } catch {
    return false; // no migrations table yet, or unreadable: let the engine decide
  }
  const done = new Set(applied);
  return wanted.every((name) => done.has(name));
}
