// `npm start`: build the pages and the server's bundle when missing or older than their sources, then
// run the server (migrations and demo data happen there). One command for a newcomer, nothing stale
// after a pull. --build-only stops after the builds: `npm run cluster` builds once, then starts its nodes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServerBundle } from './build-server.mjs';

const root = join(import.meta.dirname, '..');
const buildId = join(root, '.next', 'BUILD_ID');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The pages' sources, and what the build itself is made with (its settings, Next's version in the lock file).
const sources = ['app', 'components', 'lib', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json'].map((d) => join(root, d)).filter(existsSync);
const mtimeOf = (path) => (statSync(path).isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
const stale = !existsSync(buildId) || Math.max(...sources.map(mtimeOf)) > statSync(buildId).mtimeMs;
if (stale) {
  console.log('[yishi] building the web app (first start or sources changed)…');
  const r = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const serverBundle = await ensureServerBundle();
if (process.argv.includes('--build-only')) process.exit(0);
const r = spawnSync(process.execPath, [serverBundle], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
process.exit(r.status ?? 0);
