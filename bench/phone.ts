// `npm run bench:phone` — prints JSON (progress on stderr).
//
// Lighthouse (mobile preset: simulated slow 4G and a 4× slower CPU) on the resident's two phone pages,
// each beside an empty Next.js page (bench/phone-floor) built and served the same way, in the same run:
//   join     /j/<code>   the target of the hall's QR code
//   meeting  /m/<code>   the meeting on a member's phone, through a real joined session (the participant
//                        token the join API gave, in the page's storage) of a live meeting
// Targets (issue 10), each against the floor of the same run: LCP ≤ 2.5 s and ≤ floor + 500 ms,
// TBT ≤ floor + 100 ms, JavaScript transferred ≤ floor + 40 KB. Pages are measured BENCH_RUNS times
// (9), interleaved with the floor, and the medians reported, so a busy machine slows all alike. Nine, not
// five: a run's simulated TBT swings by ±100 ms on a two-core machine, the whole of the allowance, and
// the medians of five runs still moved by that much from one invocation to the next. The
// floor's simulated LCP is bimodal on localhost (about 0.7 s or 1.4 s): Lighthouse counts the framework's
// scripts into it when they were downloaded before the first frame, a race decided by a few milliseconds.
// The phone pages request theirs after the first paint (server/paint-first.ts), so theirs is not.
//
// It starts its own servers, below the browser's priority: the app on a scratch SQLite database with the
// demo data (`npm start`'s server, which builds the pages when they are missing or stale) and the floor
// with `next start`.
// Environment: BENCH_RUNS, BENCH_THROTTLING (simulate, the default, or devtools), CHROMIUM_PATH (default /usr/bin/chromium), BENCH_DUMP (a directory: each
// page's last Lighthouse report goes there as <page>.json and its trace as <page>.trace.json, to see what
// made a figure), and as <page>.lantern.json what Lighthouse's simulation of its LCP was made of.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as Lantern from 'lighthouse/core/lib/lantern/lantern.js';
import { chromium } from '@playwright/test';
import { freePort } from '../tests/support/server';
import { connectMeeting, logInStaff, postJson, sendCommand, waitFor } from '../scripts/protocol-client';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
// 'simulate' (the mobile preset's, and the targets'): the page loads at full speed and Lighthouse
// estimates the slow phone from that trace. 'devtools': the browser itself is slowed (network and CPU)
// while the page loads, so the paints are observed, not estimated; a diagnostic beside the targets.
const THROTTLING = (process.env.BENCH_THROTTLING ?? 'simulate') as 'simulate' | 'devtools';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_CODE = 'XD2688';
const root = join(import.meta.dirname, '..');
const floorDir = join(import.meta.dirname, 'phone-floor');

const log = (m: string) => console.error(`[bench:phone] ${new Date().toISOString().slice(11, 19)} ${m}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const children: ChildProcess[] = [];
/**
 * Starts a server below the browser's priority (nice 10), the app and the floor alike. On a phone the
 * server's work (the meeting page's socket handshake and snapshot) runs on another machine; here it would
 * take the page's CPU, and Lighthouse multiplies every delay of the page's main thread by 4 (the slow
 * phone), so the server's share would be counted four times as the phone's.
 */
function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string> }): ChildProcess {
  const child = spawn('nice', ['-n', '10', cmd, ...args], { cwd: opts.cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...opts.env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  children.push(child);
  return child;
}
function stopAll() {
  for (const c of children) if (c.pid && c.exitCode === null) try { process.kill(-c.pid, 'SIGTERM'); } catch { /* gone */ }
}
process.on('exit', stopAll);

async function untilHealthy(url: string, what: string, timeoutMs = 600_000) {
  const start = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    if (Date.now() - start > timeoutMs) throw new Error(`${what} did not come up at ${url}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

type Figures = { lcpMs: number; fcpMs: number; ttiMs: number; tbtMs: number; cpuTbtMs: number; jsKB: number; totalKB: number; lcpElement: string };

type TraceEvent = { name: string; pid: number; tid: number; ts: number; tdur?: number };
/**
 * Lighthouse's blocking time counted from the tasks' CPU time instead of their wall time: the page's own
 * cost, whatever else the machine is doing (a task descheduled for the servers or Lighthouse lasts longer,
 * but does not use more CPU). Each task of the page's main thread, times 4 (the slow phone), less 50 ms.
 * A diagnostic beside `tbtMs`, not a target.
 */
function cpuBlockingMs(events: TraceEvent[]): number {
  // The page's main thread is the one that painted; its tasks count from the navigation on (the observed
  // first paint is often later than the simulated one, which Lighthouse counts from).
  const fcp = events.filter((e) => e.name === 'firstContentfulPaint').at(-1);
  const start = events.filter((e) => e.name === 'navigationStart' && fcp && e.pid === fcp.pid && e.ts <= fcp.ts).at(-1);
  if (!fcp || !start) return NaN;
  const tasks = events.filter((e) => e.name === 'RunTask' && e.pid === fcp.pid && e.tid === fcp.tid && e.ts >= start.ts && e.tdur !== undefined);
  return Math.round(tasks.reduce((sum, e) => sum + Math.max(0, (4 * e.tdur!) / 1000 - 50), 0));
}

type SimNode = { type: string; request?: { url: string; transferSize: number }; childEvents?: { name: string; dur?: number; args?: { data?: { url?: string } } }[] };
type SimTimes = Map<SimNode, { startTime: number; endTime: number }>;
/** The nodes of the last run's two LCP simulations (Lighthouse keeps each simulation's timings by label). */
function lanternLcpNodes() {
  const all = (Lantern as unknown as { Simulation: { Simulator: { allNodeTimings: Map<string, SimTimes> } } }).Simulation.Simulator.allNodeTimings;
  const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
  const out: Record<string, unknown[]> = {};
  for (const label of ['optimisticLargestContentfulPaint', 'pessimisticLargestContentfulPaint']) {
    out[label] = [...(all.get(label) ?? new Map() as SimTimes).entries()]
      .map(([node, t]) => ({
        start: Math.round(t.startTime),
        end: Math.round(t.endTime),
        what: node.type === 'network'
          ? `${path(node.request!.url)} ${node.request!.transferSize} B`
          : `cpu ${(node.childEvents ?? []).filter((e) => (e.dur ?? 0) > 1000).map((e) => `${e.name}${e.args?.data?.url ? ` ${path(e.args.data.url)}` : ''} ${Math.round(e.dur! / 1000)}ms`).join(', ')}`,
      }))
      .sort((a, b) => a.start - b.start);
  }
  return out;
}

/** One Lighthouse run on `url` in the browser listening on `port` . */
async function measure(url: string, port: number, clearCache: () => Promise<unknown>, dumpAs?: string): Promise<Figures> {
  // Storage is kept (the member's token), so Lighthouse would also keep the HTTP cache: clear it, or
  // every run after the first would load its JavaScript from the cache.
  await clearCache();
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: true, throttlingMethod: THROTTLING });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { audits } = result.lhr;
  if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
  if (dumpAs && process.env.BENCH_DUMP) {
    writeFileSync(join(process.env.BENCH_DUMP, `${dumpAs}.json`), JSON.stringify(result.lhr));
    // The trace Lighthouse simulated from: main-thread tasks, paints, script evaluation.
    writeFileSync(join(process.env.BENCH_DUMP, `${dumpAs}.trace.json`), JSON.stringify(result.artifacts.Trace));
    // What Lantern's LCP estimate was made of: each simulated node (a request or a main-thread task) of
    // its optimistic and pessimistic graphs, with its simulated start and end; the figure is their mean.
    writeFileSync(join(process.env.BENCH_DUMP, `${dumpAs}.lantern.json`), JSON.stringify(lanternLcpNodes(), null, 1));
  }
  // resource-summary: one row per resource type and one for the total, with bytes transferred.
  const summary = ((audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? []);
  const kb = (type: string) => Math.round((summary.find((r) => r.resourceType === type)?.transferSize ?? NaN) / 102.4) / 10;
  const lcpItems = (audits['largest-contentful-paint-element']?.details as { items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined)?.items;
  return {
    lcpMs: Math.round(audits['largest-contentful-paint']!.numericValue!),
    fcpMs: Math.round(audits['first-contentful-paint']!.numericValue!),
    ttiMs: Math.round(audits['interactive']!.numericValue!),
    tbtMs: Math.round(audits['total-blocking-time']!.numericValue!),
    cpuTbtMs: cpuBlockingMs((result.artifacts.Trace as { traceEvents: TraceEvent[] }).traceEvents),
    jsKB: kb('script'),
    totalKB: kb('total'),
    lcpElement: lcpItems?.[0]?.items?.[0]?.node?.snippet?.slice(0, 120) ?? '',
  };
}

function medians(runs: Figures[]): Figures {
  const m = (k: keyof Omit<Figures, 'lcpElement'>) => median(runs.map((r) => r[k]));
  return { lcpMs: m('lcpMs'), fcpMs: m('fcpMs'), ttiMs: m('ttiMs'), tbtMs: m('tbtMs'), cpuTbtMs: m('cpuTbtMs'), jsKB: m('jsKB'), totalKB: m('totalKB'), lcpElement: runs.at(-1)!.lcpElement };
}

function verdict(page: Figures, floor: Figures) {
  return {
    lcp: page.lcpMs <= 2500 && page.lcpMs <= floor.lcpMs + 500,
    tbt: page.tbtMs <= floor.tbtMs + 100,
    js: page.jsKB <= floor.jsKB + 40,
  };
}

const scratch = mkdtempSync(join(tmpdir(), 'yishi-bench-phone-'));
try {
  // The floor: built once (again when its sources change), served by `next start`.
  const floorBuilt = join(floorDir, '.next', 'BUILD_ID');
  if (!existsSync(floorBuilt) || newestMtime(join(floorDir, 'app')) > statSync(floorBuilt).mtimeMs) {
    log('building the empty Next.js page (bench/phone-floor)');
    const r = spawnSync('npx', ['next', 'build'], { cwd: floorDir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (r.status !== 0) throw new Error('the floor page did not build');
  }
  const [floorPort, appPort, debugPort] = [await freePort(), await freePort(), await freePort()];
  run('npx', ['next', 'start', '-p', String(floorPort), '-H', '127.0.0.1'], { cwd: floorDir });
  log('starting the app on a scratch database with the demo data (builds the pages if stale)');
  run(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { PORT: String(appPort), HOST: '127.0.0.1', DATABASE_URL: `file:${join(scratch, 'bench.db')}`, YISHI_PUBLIC_URL: `http://127.0.0.1:${appPort}` } });
  const floorUrl = `http://127.0.0.1:${floorPort}/`;
  const app = `http://127.0.0.1:${appPort}`;
  await untilHealthy(floorUrl, 'the floor page');
  await untilHealthy(`${app}/api/health`, 'the app');

  // A member of the live demo meeting joins with their card, as the phone page would.
  const cookie = await logInStaff(app, 'facilitator', 'yishi-demo');
  const access = (await (await fetch(`${app}/api/access?joinCode=${DEMO_CODE}`, { headers: { cookie } })).json()) as { meetingId: string; seats: { cardToken: string }[] };
  const fac = connectMeeting(app, { meetingId: access.meetingId }, { cookie });
  await waitFor(() => !!fac.meeting, 20_000, 'the facilitator’s connection');
  if (fac.meeting!.status !== 'live') {
    const started = await sendCommand(fac, 'meeting.start', {});
    if (!started.ok) throw new Error(`meeting.start: ${started.error.message}`);
  }
  fac.disconnect();
  const joined = await postJson(`${app}/api/join`, { via: 'card', joinCode: DEMO_CODE, cardToken: access.seats[0]!.cardToken });
  if (joined.status !== 200) throw new Error(`join: ${JSON.stringify(joined.body)}`);

  // One browser for every run, its storage holding the member's token (Lighthouse keeps storage here).
  const browser = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM, headless: true,
    args: [`--remote-debugging-port=${debugPort}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${app}/api/health`);
  await page.evaluate(([key, token]) => localStorage.setItem(key!, token!), [`yishi:participant:${DEMO_CODE}`, joined.body.participantToken as string]);

  const cdp = await browser.newCDPSession(page);
  const clearCache = () => cdp.send('Network.clearBrowserCache');
  const targets = { floor: floorUrl, join: `${app}/j/${DEMO_CODE}`, meeting: `${app}/m/${DEMO_CODE}` } as const;
  const runs: Record<keyof typeof targets, Figures[]> = { floor: [], join: [], meeting: [] };
  for (const name of Object.keys(targets) as (keyof typeof targets)[]) await measure(targets[name], debugPort, clearCache); // warm-up (server caches, first compile)
  for (let i = 0; i < RUNS; i++) {
    for (const name of Object.keys(targets) as (keyof typeof targets)[]) {
      const f = await measure(targets[name], debugPort, clearCache, name);
      runs[name].push(f);
      log(`run ${i + 1}/${RUNS} ${name}: LCP ${f.lcpMs} ms, TTI ${f.ttiMs} ms, TBT ${f.tbtMs} ms (from CPU time ${f.cpuTbtMs} ms), JS ${f.jsKB} KB`);
    }
  }
  await browser.close();

  const floor = medians(runs.floor);
  const join_ = medians(runs.join);
  const meeting = medians(runs.meeting);
  const out = {
    runs: RUNS,
    throttling: THROTTLING,
    targets: { lcpMs: '≤ 2500 and ≤ floor + 500', tbtMs: '≤ floor + 100', jsKB: '≤ floor + 40' },
    diagnostic: {
      cpuTbtMs: 'TBT counted from the tasks’ CPU time (×4, less 50 ms each): the page’s own cost, not slowed by the rest of the machine',
      ttiMs: 'time to interactive: when the page has run its scripts and can answer a tap (the phone pages run theirs after the first paint)',
    },
    floor,
    join: { ...join_, pass: verdict(join_, floor) },
    meeting: { ...meeting, pass: verdict(meeting, floor) },
    perRun: runs,
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  stopAll();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(0);
