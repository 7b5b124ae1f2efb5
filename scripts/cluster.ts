// `npm run cluster -- --nodes 2 [--port 3000]`: several Redis-backed nodes and nginx in front of them on
// this machine, for trying the multi-node setup (deploy/README.md). Nodes listen on 127.0.0.1 at port+1…,
// nginx on port. Ctrl-C stops nginx, then the nodes. A node that dies is reported and not restarted:
// `kill -9` one to watch its meetings move to the others.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { z } from 'zod';
import { findNginx, startPrivateNginx, type PrivateNginx } from '../deploy/private-nginx';
import { SERVER_BUNDLE } from './build-server.mjs';
import { DEMO_PASSWORD, DEMO_USERS } from '../lib/demo/seed';
import { databaseProvider } from '../lib/platform/db/client';

const root = join(import.meta.dirname, '..');
const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/yishi_cluster';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
// How this kind of machine starts its services (the same commands as .ci/run).
const START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';
const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

const Options = z
  .object({
    nodes: z.coerce.number().int().min(1).max(9),
    port: z.coerce.number().int().min(1).max(65535),
    host: z.string().min(1),
  })
  .refine((o) => o.port + o.nodes <= 65535, 'the nodes listen on port+1 … port+nodes');

function log(message: string): void {
  console.log(`[cluster] ${message}`);
}

class Refusal extends Error {}

function options() {
  const { values } = parseArgs({
    options: { nodes: { type: 'string', default: '2' }, port: { type: 'string', default: '3000' }, host: { type: 'string', default: '0.0.0.0' } },
  });
  const parsed = Options.safeParse(values);
  if (!parsed.success) throw new Refusal(`usage: npm run cluster -- --nodes <1-9> [--port 3000] [--host 0.0.0.0]\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The connection's own error says why (ECONNREFUSED); the rejected connect only says it is closed.
  let cause: Error | null = null;
  redis.on('error', (err: Error) => (cause ??= err));
  try {
    await redis.connect();
    if ((await redis.ping()) !== 'PONG') throw new Error('no PONG');
  } catch (err) {
    throw new Refusal(`Redis does not answer at ${url} (${(cause ?? (err as Error)).message}).\n  Start it: ${START_REDIS}\n  or point REDIS_URL at one.`);
  } finally {
    redis.disconnect();
  }
}

/** Connects to the server's `postgres` database and creates the cluster's database when it is missing. */
async function prepareDatabase(url: string): Promise<void> {
  if (databaseProvider(url) !== 'postgresql') {
    throw new Refusal(`DATABASE_URL must be PostgreSQL for several nodes (SQLite is one process's file): ${url}`);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Refusal(`DATABASE_URL names no plain database (letters, digits, _): ${url}`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Refusal(`PostgreSQL does not answer at ${target.host} (${(err as Error).message}).\n  Start it: ${START_POSTGRES}\n  or point DATABASE_URL at one.`);
  }
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name}"`);
      log(`created database ${name}`);
    }
  } finally {
    await admin.end();
  }
}

function checkNginx(): void {
  try {
    findNginx();
  } catch (err) {
    throw new Refusal((err as Error).message);
  }
}

async function checkPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Refusal(`port ${port} is taken (on ${host}): choose another --port`)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

type Node = { id: string; port: number; child: ChildProcess; ready: Promise<void> };

/** A node: the server's bundle (start.mjs --build-only made it) in production mode, its output prefixed with its id; ready at its "ready on" line. */
function startNode(id: string, port: number, env: Record<string, string>, onExit: (node: Node, how: string) => void): Node {
  // The server itself, not through npm or start.mjs: the pid printed is the one to kill -9. Its own
  // process group, so a Ctrl-C reaches this script only, which stops nginx before the nodes.
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', YISHI_NODE_ID: id, YISHI_TRUSTED_PROXIES: process.env.YISHI_TRUSTED_PROXIES ?? '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let onReady: () => void = () => {};
  const node: Node = { id, port, child, ready: new Promise<void>((resolve) => (onReady = resolve)) };
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      console.log(`[${id}] ${line}`);
      if (line.includes('[yishi] ready on')) onReady();
    });
  }
  child.once('exit', (code, signal) => onExit(node, signal ? `killed by ${signal}` : `exited with code ${code}`));
  return node;
}

async function main(): Promise<number> {
  const opts = options();
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  checkNginx();
  await checkRedis(redisUrl);
  await prepareDatabase(databaseUrl);
  const ids = Array.from({ length: opts.nodes }, (_, i) => `n${i + 1}`);
  await checkPortFree(opts.port, opts.host);
  for (const [i] of ids.entries()) await checkPortFree(opts.port + 1 + i, '127.0.0.1');

  // The pages and the server are built once here, not by each node at once (start.mjs decides whether a build is stale).
  const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Refusal('the web build failed');

  const nodes: Node[] = [];
  let nginx: PrivateNginx | null = null;
  let stopping = false;
  let exitCode = 0;
  let finished: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finished = resolve));

  async function stopAll(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    // nginx first, so no request reaches a node that is closing; then the nodes, which close their
    // connections and flush their minutes (server/index.ts, 10 s at most), then a kill for any left.
    if (nginx) {
      log('stopping nginx');
      await nginx.stop();
    }
    const running = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
    if (running.length) log(`stopping ${running.map((n) => n.id).join(', ')}`);
    await Promise.all(
      running.map(
        (n) =>
          new Promise<void>((resolve) => {
            n.child.once('exit', () => resolve());
            n.child.kill('SIGTERM');
            setTimeout(() => n.child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
    finished(exitCode);
  }
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // A cluster's Redis keys are its database's: another cluster, or tests, on the same Redis with another
  // database must not take its meetings' messages (YISHI_REDIS_PREFIX in server/index.ts).
  const redisPrefix = process.env.YISHI_REDIS_PREFIX || `yishi:${new URL(databaseUrl).pathname.slice(1)}:`;
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, YISHI_REDIS_PREFIX: redisPrefix };
  const onNodeExit = (node: Node, how: string) => {
    if (stopping) return log(`${node.id} ${how}`);
    const alive = nodes.filter((n) => n !== node && n.child.exitCode === null && n.child.signalCode === null);
    if (!nginx) {
      log(`${node.id} (pid ${node.child.pid}) ${how} while starting; stopping the cluster`);
      return void stopAll(1);
    }
    log(`${node.id} (pid ${node.child.pid}) ${how}. ${alive.length ? `${alive.map((n) => n.id).join(', ')} ${alive.length === 1 ? 'keeps' : 'keep'} running; nginx sends requests there.` : 'No node is left: nginx answers 502.'} Ctrl-C stops the rest.`);
  };

  // n1 alone first: it migrates the database and seeds the demo data, which the others must find done.
  const [first, ...rest] = ids;
  nodes.push(startNode(first!, opts.port + 1, env, onNodeExit));
  const started = await Promise.race([nodes[0]!.ready.then(() => true), done.then(() => false)]);
  if (!started) return exitCode;
  rest.forEach((id, i) => nodes.push(startNode(id, opts.port + 2 + i, env, onNodeExit)));
  if (!(await Promise.race([Promise.all(nodes.map((n) => n.ready)).then(() => true), done.then(() => false)]))) return exitCode;

  try {
    nginx = await startPrivateNginx({ listenPort: opts.port, listenHost: opts.host, nodes: nodes.map((n) => ({ id: n.id, port: n.port })) });
  } catch (err) {
    log(`nginx did not start: ${(err as Error).message}`);
    await stopAll(1);
    return exitCode;
  }
  const balancer = nginx;
  void balancer.exited.then(() => {
    if (stopping) return;
    log(`nginx exited unexpectedly:\n${balancer.errorLog()}`);
    void stopAll(1);
  });

  log('');
  log(`Yishi on ${nginx.url} — nginx (pid ${nginx.pid}, logs in ${nginx.prefix}) in front of:`);
  for (const n of nodes) log(`  ${n.id}: pid ${n.child.pid}, http://127.0.0.1:${n.port}   (kill -9 ${n.child.pid} to try a failover)`);
  log(`demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  log(`database ${databaseUrl}, Redis ${redisUrl} (keys ${redisPrefix}…). Ctrl-C (or kill ${process.pid}) stops everything.`);
  return done;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Refusal ? `[cluster] ${err.message}` : err);
    process.exit(1);
  },
);
