// The server (server/index.ts and the lib/ it imports) bundled into one file, .build/server.mjs, that
// plain `node` runs. Through tsx every start resolved and transformed a few hundred modules through
// loader hooks: ~4 s of CPU per start on this project's machines, against ~1.5 s for the bundle. A start
// is paid once by `npm start`, but many times over by the tests (every integration suite starts its own
// servers, some several) and by `npm run cluster`'s nodes.
//
// Packages stay outside the bundle (node_modules, loaded as usual). It is not minified: a stack trace's
// line in it sits under a comment naming the source file (`// lib/meeting/hub.ts`), and the names are
// the sources' own. Rebuilt only when missing or older than its sources, as start.mjs does for the
// pages; `ensureServerBundle()` is what start.mjs, the cluster script and the test servers call.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
export const SERVER_BUNDLE = join(root, '.build', 'server.mjs');

// Modules that find files next to themselves (the PDF's fonts, the migrations, the pages' directory)
// do it through import.meta; inside one bundle that would be the bundle's own location. Each keeps its
// source file's address instead.
const keepImportMeta = {
  name: 'keep-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mts|mjs|js)$/ }, async ({ path }) => {
      if (path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.')) return undefined;
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)));
      return { contents, loader: /\.tsx$/.test(path) ? 'tsx' : /\.m?ts$/.test(path) ? 'ts' : 'js' };
    });
  },
};

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

// What the bundle is made of: the server's and the libraries' sources (the generated Prisma clients are
// in lib/), and the lock file (a package's version decides what stays external and how it is imported).
const SOURCES = ['server', 'lib', 'package-lock.json', 'tsconfig.json', 'scripts/build-server.mjs'].map((p) => join(root, p));

export function serverBundleIsStale() {
  if (!existsSync(SERVER_BUNDLE)) return true;
  const built = statSync(SERVER_BUNDLE).mtimeMs;
  return SOURCES.filter(existsSync).some((p) => newestMtime(p) > built);
}

/**
 * Builds .build/server.mjs when it is missing or stale; returns its path. It is written beside its
 * place and renamed into it, so a server starting meanwhile reads the old bundle or the new one, never
 * half of one.
 */
export async function ensureServerBundle() {
  if (serverBundleIsStale()) {
    const { outputFiles } = await build({
      entryPoints: [join(root, 'server', 'index.ts')],
      outfile: SERVER_BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig: join(root, 'tsconfig.json'),
      plugins: [keepImportMeta],
      logLevel: 'warning',
      write: false,
    });
    await mkdir(dirname(SERVER_BUNDLE), { recursive: true });
    // Its own name per build: two test workers may be threads of one process (one pid).
    const partial = `${SERVER_BUNDLE}.${randomUUID()}.partial`;
    await writeFile(partial, outputFiles[0].contents);
    await rename(partial, SERVER_BUNDLE);
  }
  return SERVER_BUNDLE;
}

if (process.argv[1] === import.meta.filename) {
  await ensureServerBundle();
  console.log(`[yishi] server bundle: ${SERVER_BUNDLE}`);
}
