// The usual integration-test fixture: a migrated scratch SQLite database, a client on it, and the real
// server (child process) on top; all three torn down after the suite.
import { afterAll, beforeAll } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { scratchSqlite, type ScratchDatabase } from './databases';
import { startServer, type RunningServer } from './server';

export function useScratchServer(opts: { env?: Record<string, string> } = {}): { scratch: ScratchDatabase; db: Db; server: RunningServer } {
  const ctx = {} as { scratch: ScratchDatabase; db: Db; server: RunningServer };
  beforeAll(async () => {
    ctx.scratch = await scratchSqlite();
    await applyMigrations(ctx.scratch.url);
    ctx.db = createDb(ctx.scratch.url);
    ctx.server = await startServer({ databaseUrl: ctx.scratch.url, env: opts.env });
  });
  afterAll(async () => {
    await ctx.server?.stop();
    await ctx.db?.$disconnect();
    await ctx.scratch?.drop();
  });
  return ctx;
}
