// Prisma's schema engine (the migrations half of Prisma) as WebAssembly, talking to the database through
// the same driver adapters as the client. The CLI's native schema-engine is a download, which fails
// offline; this needs none.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { databaseProvider, prepareSqliteFile, type Provider } from './client.ts';

const prismaDir = fileURLToPath(new URL('../../../prisma', import.meta.url));

/** Each provider's schema and migrations (prisma/generate.mjs derives the PostgreSQL schema). */
export const layout: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: join(prismaDir, 'schema.prisma'), migrations: join(prismaDir, 'migrations') },
  postgresql: {
    schema: join(prismaDir, 'postgres/schema.prisma'),
    migrations: join(prismaDir, 'postgres/migrations'),
  },
};

/** We manage every table the schema declares; nothing is external. */
export const noFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

// The wasm-bindgen glue keeps its instance in a module variable, so instantiate once per process.
// (The package's own entry does `import './schema_engine_bg.wasm'`, which Node 20 cannot load.)
let instantiated: Promise<void> | undefined;
function instantiate(): Promise<void> {
  instantiated ??= (async () => {
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = readFileSync(join(dirname(glue), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return instantiated;
}

/** Runs `use` with a schema engine connected to the database at `url`, then releases every connection. */
export async function withSchemaEngine<T>(
  url: string,
  use: (engine: SchemaEngine, provider: Provider) => Promise<T>,
): Promise<T> {
  await instantiate();
  const provider = databaseProvider(url);
  let pool: pg.Pool | undefined;
  let sqlite: PrismaBetterSqlite3 | undefined;
  if (provider === 'postgresql') {
    pool = new pg.Pool({ connectionString: url });
    // adapter-pg rejects PostgreSQL's one-byte "char" type (oid 18), which the engine meets when it
    // reads pg_catalog to describe a database (e.g. for a diff). It is text for the engine's purposes.
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
    (pool as { query: unknown }).query = async (...args: unknown[]) => {
      const result = await query(...args);
      for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return result;
    };
  } else {
    sqlite = new PrismaBetterSqlite3({ url: prepareSqliteFile(url), timeout: 10_000 });
  }
  // Track what the engine opens so nothing outlives the call (a PostgreSQL database cannot be dropped
  // while connected; an open SQLite handle would linger until garbage collection).
  const opened: { dispose(): Promise<void> }[] = [];
  const factory = sqlite ?? new PrismaPg(pool!);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[layout[provider].schema, readFileSync(layout[provider].schema, 'utf8')]] },
    // Tracing output only: failures come back as rejected promises.
    () => {},
    bindMigrationAwareSqlAdapterFactory({
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => track(await factory.connect()),
      connectToShadowDb: async () => track(await factory.connectToShadowDb()),
    }),
  );
  function track<A extends { dispose(): Promise<void> }>(adapter: A): A {
    opened.push(adapter);
    return adapter;
  }
  try {
    return await use(engine, provider);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
    await pool?.end();
  }
}

/** The migrations directory in the shape the engine wants (it reads no files itself). */
export function readMigrationList(provider: Provider): MigrationList {
  const baseDir = layout[provider].migrations;
  let entries: string[] = [];
  try {
    entries = readdirSync(baseDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: entries.includes('migration_lock.toml') ? readFileSync(join(baseDir, 'migration_lock.toml'), 'utf8') : null,
    },
    shadowDbInitScript: '',
    // Prisma orders migrations by directory name, which starts with a UTC timestamp.
    migrationDirectories: entries
      .filter((name) => /^\d{14}_/.test(name))
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok', value: readFileSync(join(baseDir, name, 'migration.sql'), 'utf8') },
        },
      })),
  };
}
