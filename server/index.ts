import { resolve } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, isSeeded, seedDemo } from '../lib/demo/seed';
import { seedDemoWorld } from '../lib/demo/world';
import { createDb, resolveDatabaseUrl } from '../lib/platform/db/client';
import { smsSenderFromEnv } from '../lib/platform/sms';
import { iceServersFromEnv } from '../lib/platform/ice-servers';
import { applyMigrations } from '../lib/platform/db/migrate';
import { publicUrlWarning } from '../lib/record/public-url';
import { createYishiServer } from './app';
import { ClusterConfigError, startCluster, type Cluster } from './cluster/start';

/**
 * Entry point: migrate, seed the demo on an empty database, start one server, shut down cleanly.
 * Environment: PORT (3000; 0 picks a free port), HOST, DATABASE_URL, YISHI_SEED=0 to skip demo data,
 * YISHI_NO_NEXT=1 to serve only the API and sockets (tests, rehearsal load), YISHI_PUBLIC_URL for the
 * verification links printed in records (default: the address the request came to); YISHI_SMS_URL,
 * YISHI_SMS_TOKEN, YISHI_SMS_SENDER for an SMS provider and YISHI_DEMO=1|0 to show residents' codes on the page
 * (default: on with demo data); YISHI_PHONE_KEY keeps the key of phone-number hashes out of the database;
 * REDIS_URL (with a PostgreSQL DATABASE_URL) makes this one of several nodes, named YISHI_NODE_ID, whose Redis
 * keys start with YISHI_REDIS_PREFIX (default `yishi:`; clusters side by side on one Redis);
 * YISHI_TRUSTED_PROXIES names the balancers whose X-Real-IP is the client's address (deploy/README.md).
 */
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const dev = process.argv.includes('--dev');
const url = resolveDatabaseUrl();
const applied = await applyMigrations(url);
if (applied.length) console.log(`[yishi] applied migrations: ${applied.join(', ')}`);
const db = createDb(url);

// REDIS_URL: one of several nodes (docs/scaling.md), on PostgreSQL only.
let cluster: Cluster | undefined;
if (process.env.REDIS_URL) {
  try {
    cluster = await startCluster({ db, databaseUrl: url, redisUrl: process.env.REDIS_URL, nodeId: process.env.YISHI_NODE_ID, prefix: process.env.YISHI_REDIS_PREFIX || undefined });
  } catch (err) {
    if (!(err instanceof ClusterConfigError)) throw err;
    console.error(`[yishi] ${err.message}`);
    process.exit(1);
  }
  console.log(`[yishi] node ${cluster.nodeId} of a cluster (Redis ${process.env.REDIS_URL.replace(/\/\/[^@/]*@/, '//…@')})`);
}

if (process.env.YISHI_SEED !== '0' && !(await isSeeded(db))) {
  const demo = await seedDemo(db);
  const world = await seedDemoWorld(db);
  console.log(`[yishi] demo data created (${world.records} past meetings with filed records); meeting join code ${demo.joinCode}`);
}

// Demo data means demo mode: with the log sender, pages show residents' codes (see lib/platform/sms).
const sms = smsSenderFromEnv({ ...process.env, YISHI_DEMO: process.env.YISHI_DEMO ?? (process.env.YISHI_SEED === '0' ? '0' : '1') });
if (sms.revealsCodes) console.warn('[yishi] demo mode: residents\' one-time codes are shown on the page, so phone numbers are not really confirmed. Set YISHI_SMS_URL (or YISHI_DEMO=0) for real use.');
const server = await createYishiServer({
  db,
  next: process.env.YISHI_NO_NEXT === '1' ? null : { dev, dir: resolve(import.meta.dirname, '..') },
  secureCookies: process.env.YISHI_SECURE_COOKIES === '1',
  publicUrl: process.env.YISHI_PUBLIC_URL || undefined,
  sms,
  iceServers: iceServersFromEnv(process.env),
  cluster,
});
const host = process.env.HOST ?? '0.0.0.0';
const port = await server.listen(Number(process.env.PORT ?? 3000), host);
const urlWarning = publicUrlWarning(process.env.YISHI_PUBLIC_URL || undefined, host);
if (urlWarning) console.warn(`[yishi] warning: ${urlWarning}`);
// Tests and scripts read this line to find the port.
console.log(`[yishi] ready on http://localhost:${port}`);
if (process.env.YISHI_SEED !== '0') {
  console.log(`[yishi] demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[yishi] ${signal}: closing`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await server.close();
  await cluster?.close();
  await db.$disconnect();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
