import { createDb, type Db } from './client';

/**
 * One client per process. The custom server and Next's bundled server components are separate module
 * graphs in the same process, so the instance lives on globalThis rather than in a module variable.
 */
const g = globalThis as typeof globalThis & { __yishiDb?: Db };

export function sharedDb(): Db {
  g.__yishiDb ??= createDb();
  return g.__yishiDb;
}
