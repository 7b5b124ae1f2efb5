// `npm run bench:minutes` — prints JSON (progress on stderr).
//
// 1. Live minutes: 5 recorders type 10 characters a second each into their own paragraph of the minutes'
//    XmlFragment `default` (paragraph element > XmlText, as the Tiptap editor stores it) while 500 read-only
//    viewers (participant tokens, minutesPublic on) follow, for 30 s: edit → viewer latency per viewer
//    receipt (p50/p95/p99) on the real server; then the same workload against a plain @y/websocket-server
//    (bench/reference-yjs-server.ts: no auth, no persistence) as the reference, and the ratio.
// 2. A simulated 3-hour meeting on a fresh database: ~30,000 words of Chinese committed word by word (one
//    update per IME commit) by 5 recorders, with ~10 % edits (backspaces, corrections inside earlier text,
//    some bold), paragraphs; sent as fast as the server takes them (each recorder waits until its previous
//    edit was broadcast). Then: server RSS, a short latency probe on the now-large document, and after a
//    graceful stop (which compacts) the SQLite file size (+ -wal/-shm) and the MinutesUpdate/MinutesDoc rows.
//
// Latency is measured without touching the content: every inserted character advances its author's Yjs
// clock by one, so the recorder notes (clock, time) per edit and each viewer notes when its copy of that
// clock arrived (a doc 'update' observer). Viewers run in child processes (BENCH_VIEWER_PROCS, default 2)
// so the load generator is not the bottleneck; times are wall-clock (performance.timeOrigin + now()), the
// same clock in every process on this machine. Each process's event-loop delay and CPU time are reported.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const RECORDERS = Number(process.env.BENCH_RECORDERS ?? 5);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 500);
const CHARS_PER_SECOND = Number(process.env.BENCH_CPS ?? 10);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 30_000);
const VIEWER_PROCS = Math.max(1, Number(process.env.BENCH_VIEWER_PROCS ?? 2));
/** Recorders also move their cursor (awareness) with every keystroke, as the editor's caret does. */
const CURSORS = process.env.BENCH_CURSORS === '1';
const SIM_WORDS = Number(process.env.BENCH_SIM_WORDS ?? 30_000);
const SIM_EDIT_RATE = 0.1;
const SIM_MAX_MS = Number(process.env.BENCH_SIM_MAX_MS ?? 15 * 60_000);
const PROBE_VIEWERS = Number(process.env.BENCH_PROBE_VIEWERS ?? 50);
const PROBE_MS = Number(process.env.BENCH_PROBE_MS ?? 10_000);
const FIELD = 'default'; // MINUTES_FIELD (lib/minutes/schema.ts)

const wallNow = () => performance.timeOrigin + performance.now();
const log = (m: string) => console.error(`[bench${process.env.BENCH_MINUTES_ROLE ? `:${process.env.BENCH_MINUTES_ROLE}${process.env.BENCH_WORKER ?? ''}` : ''}] ${new Date().toISOString().slice(11, 19)} ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const LAG_RESOLUTION_MS = 5;
/** Event-loop delay beyond the sampling interval (the histogram records whole intervals: idle ≈ 5.1 ms). */
const lagOf = (h: IntervalHistogram) => {
  const ms = (ns: number) => round(Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS));
  return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
};
/** CPU seconds (user + system) a process has used so far. */
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const rssMb = (pid: number) => round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function until(cond: () => boolean, timeoutMs: number, what: string) {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function summary(xs: Float64Array | number[]) {
  const s = Float64Array.from(xs).sort();
  const at = (q: number) => (s.length ? round(s[Math.min(s.length - 1, Math.floor(q * s.length))]!) : null);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

// ── Clients ─────────────────────────────────────────────────────────────────────────────────────

type Who = { cookie?: string; token?: string };
type Client = { doc: Y.Doc; provider: WebsocketProvider; closes: number[] };

async function openClient(wsBase: string, docName: string, who: Who, user: { name: string } | null): Promise<Client> {
  const { webSocketWithCookie } = await import('../tests/support/server');
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsBase}/collab`, docName, doc, {
    WebSocketPolyfill: webSocketWithCookie(who.cookie) as never,
    params: who.token ? { token: who.token } : {},
    disableBc: true,
    connect: false,
    maxBackoffTime: 1000,
  });
  // A viewer has no cursor (our server ignores a read-only client's awareness anyway; the reference would
  // fan 500 viewers' presence out to everyone every 15 s). A recorder has a name and colour, like the editor.
  if (user) provider.awareness.setLocalStateField('user', { name: user.name, color: '#d33' });
  else provider.awareness.setLocalState(null);
  const client: Client = { doc, provider, closes: [] };
  provider.on('connection-close', (e) => {
    if (e) client.closes.push(e.code);
  });
  provider.connect();
  return client;
}

function destroyClient(c: Client) {
  c.provider.destroy();
  c.provider.awareness.destroy();
  c.doc.destroy();
}

// ── Viewer worker (a child process) ─────────────────────────────────────────────────────────────

type ToWorker =
  | { type: 'connect'; wsBase: string; docName: string; viewers: Who[] }
  | { type: 'track'; recorders: number[] }
  | { type: 'finish'; final: Record<number, number>; sends: Record<number, Float64Array>; timeoutMs: number }
  | { type: 'close' };
type FromWorker =
  | { type: 'connected'; n: number }
  | { type: 'tracking' }
  | { type: 'result'; latencies: Float64Array; missing: number; lag: ReturnType<typeof lagOf>; disconnects: number; caughtUp: boolean }
  | { type: 'error'; message: string };

async function viewerWorker() {
  process.setMaxListeners(0); // each provider listens for process 'exit'
  const send = (m: FromWorker) => process.send!(m);
  type Viewer = Client & { last: Map<number, number>; arrivals: Map<number, number[]> };
  let viewers: Viewer[] = [];
  let recorders: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });

  process.on('message', async (m: ToWorker) => {
    try {
      if (m.type === 'connect') {
        for (let i = 0; i < m.viewers.length; i += 50) {
          const batch = await Promise.all(m.viewers.slice(i, i + 50).map((who) => openClient(m.wsBase, m.docName, who, null)));
          const vs = batch.map((c) => Object.assign(c, { last: new Map<number, number>(), arrivals: new Map<number, number[]>() }));
          viewers.push(...vs);
          await until(() => vs.every((v) => v.provider.synced || v.closes.length > 0), 60_000, 'viewers synced');
          const refused = vs.find((v) => !v.provider.synced);
          if (refused) throw new Error(`viewer refused (close ${refused.closes.join(',')})`);
        }
        for (const v of viewers) {
          v.doc.on('update', () => {
            if (!recorders.length) return;
            const t = wallNow();
            for (const r of recorders) {
              const s = Y.getState(v.doc.store, r);
              if (s > (v.last.get(r) ?? 0)) {
                v.last.set(r, s);
                v.arrivals.get(r)!.push(s, t);
              }
            }
          });
        }
        send({ type: 'connected', n: viewers.length });
      } else if (m.type === 'track') {
        recorders = m.recorders;
        for (const v of viewers) {
          for (const r of recorders) {
            v.last.set(r, Y.getState(v.doc.store, r));
            v.arrivals.set(r, []);
          }
        }
        lag.reset();
        lag.enable();
        send({ type: 'tracking' });
      } else if (m.type === 'finish') {
        const done = () => viewers.every((v) => recorders.every((r) => (v.last.get(r) ?? 0) >= m.final[r]!));
        let caughtUp = true;
        try {
          await until(done, m.timeoutMs, 'viewers caught up');
        } catch {
          caughtUp = false;
        }
        lag.disable();
        // Per viewer and recorder: the first arrival whose state covers the edit's clock.
        const out: number[] = [];
        let missing = 0;
        for (const v of viewers) {
          for (const r of recorders) {
            const sends = m.sends[r]!;
            const arr = v.arrivals.get(r)!;
            let j = 0;
            for (let i = 0; i < sends.length; i += 2) {
              const clock = sends[i]!;
              while (j < arr.length && arr[j]! < clock) j += 2;
              if (j >= arr.length) missing++;
              else out.push(arr[j + 1]! - sends[i + 1]!);
            }
          }
        }
        const disconnects = viewers.reduce((n, v) => n + v.closes.length, 0);
        send({ type: 'result', latencies: Float64Array.from(out), missing, lag: lagOf(lag), disconnects, caughtUp });
      } else if (m.type === 'close') {
        for (const v of viewers) destroyClient(v);
        viewers = [];
        setTimeout(() => process.exit(0), 100);
      }
    } catch (err) {
      send({ type: 'error', message: String((err as Error)?.stack ?? err) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

class Worker {
  readonly child: ChildProcess;
  private waiting: { type: string; resolve(m: FromWorker): void; reject(e: Error): void } | null = null;
  constructor(index: number) {
    this.child = fork(import.meta.filename, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_MINUTES_ROLE: 'viewers', BENCH_WORKER: String(index) },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromWorker) => {
      const w = this.waiting;
      if (!w) return;
      this.waiting = null;
      if (m.type === 'error') w.reject(new Error(`viewer worker: ${m.message}`));
      else w.resolve(m);
    });
    this.child.on('exit', (code) => {
      this.waiting?.reject(new Error(`viewer worker exited (${code})`));
      this.waiting = null;
    });
  }
  request<T extends FromWorker['type']>(m: ToWorker, reply: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`viewer worker: no '${reply}' in ${timeoutMs} ms`)), timeoutMs);
      this.waiting = {
        type: reply,
        resolve: (r) => {
          clearTimeout(timer);
          if (r.type !== reply) reject(new Error(`viewer worker: expected ${reply}, got ${r.type}`));
          else resolve(r as Extract<FromWorker, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.child.send(m);
    });
  }
  stop() {
    if (this.child.exitCode === null && this.child.connected) this.child.send({ type: 'close' } satisfies ToWorker);
    setTimeout(() => this.child.exitCode === null && this.child.kill('SIGTERM'), 2000).unref();
  }
}

// ── The typing workload ─────────────────────────────────────────────────────────────────────────

const SAMPLE = '社区议事会讨论了小区加装电梯的方案居民代表提出费用分摊意见物业表示将配合施工安全问题需要进一步核实会议同意由街道协调';

type Target = { wsBase: string; docName: string; serverPid: number; recorder: Who; viewers: Who[] };

/** Recorders with their own paragraph at the end of the fragment, connected and synced. */
async function openRecorders(t: Target, n: number, seed?: Uint8Array) {
  const recs: (Client & { text: Y.XmlText })[] = [];
  for (let i = 0; i < n; i++) {
    const c = await openClient(t.wsBase, t.docName, t.recorder, { name: `记录员${i + 1}` });
    // The reference starts from the same template our server wrote, pushed by the first recorder's sync.
    if (seed && i === 0) Y.applyUpdate(c.doc, seed);
    await until(() => c.provider.synced, 30_000, 'recorder synced');
    recs.push(Object.assign(c, { text: new Y.XmlText() }));
  }
  for (const [i, r] of recs.entries()) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [r.text]);
    r.text.insert(0, `记录员${i + 1}：`);
    const fragment = r.doc.getXmlFragment(FIELD);
    fragment.insert(fragment.length, [p]);
  }
  return recs;
}

async function typingRun(label: string, t: Target, opts: { viewers: Who[]; durationMs: number; recorders?: (Client & { text: Y.XmlText })[]; seed?: Uint8Array }) {
  const procs = Math.min(VIEWER_PROCS, Math.max(1, opts.viewers.length));
  const workers = Array.from({ length: procs }, (_, i) => new Worker(i));
  const own = !opts.recorders;
  let recs = opts.recorders ?? [];
  try {
    await Promise.all(workers.map((w, i) => w.request({ type: 'connect', wsBase: t.wsBase, docName: t.docName, viewers: opts.viewers.filter((_, j) => j % procs === i) }, 'connected', 180_000)));
    log(`${label}: ${opts.viewers.length} viewers synced over ${procs} processes`);
    if (own) recs = await openRecorders(t, RECORDERS, opts.seed);
    await sleep(1000);
    const ids = recs.map((r) => r.doc.clientID);
    await Promise.all(workers.map((w) => w.request({ type: 'track', recorders: ids }, 'tracking', 30_000)));

    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const pids = { server: t.serverPid, loadGenerator: process.pid, viewers: workers.map((w) => w.child.pid!) };
    const cpu0 = { at: wallNow(), server: cpuSeconds(pids.server), main: cpuSeconds(process.pid), viewers: pids.viewers.map(cpuSeconds) };
    const sends = new Map<number, number[]>(ids.map((id) => [id, []]));
    const interval = 1000 / CHARS_PER_SECOND;
    const keystrokes = Math.floor(opts.durationMs / interval);
    const started = wallNow();
    await Promise.all(recs.map(async (r, i) => {
      const offset = Math.random() * interval;
      for (let k = 0; k < keystrokes; k++) {
        const due = started + offset + k * interval;
        const wait = due - wallNow();
        if (wait > 0) await sleep(wait);
        const at = wallNow();
        r.text.insert(r.text.length, SAMPLE[(k + i * 7) % SAMPLE.length]!); // sent to the server synchronously
        sends.get(r.doc.clientID)!.push(Y.getState(r.doc.store, r.doc.clientID), at);
        if (CURSORS) r.provider.awareness.setLocalStateField('cursor', { anchor: r.text.length, head: r.text.length });
      }
    }));
    const typedMs = wallNow() - started;
    const final = Object.fromEntries(ids.map((id, i) => [id, Y.getState(recs[i]!.doc.store, id)]));
    const sendArrays = Object.fromEntries([...sends].map(([id, xs]) => [id, Float64Array.from(xs)]));
    const results = await Promise.all(workers.map((w) => w.request({ type: 'finish', final, sends: sendArrays, timeoutMs: 30_000 }, 'result', 120_000)));
    lag.disable();
    const cpu1 = { at: wallNow(), server: cpuSeconds(pids.server), main: cpuSeconds(process.pid), viewers: pids.viewers.map(cpuSeconds) };
    const seconds = typedMs / 1000;
    const cpuWindow = (cpu1.at - cpu0.at) / 1000; // typing plus the viewers' catch-up
    const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
    let o = 0;
    for (const r of results) {
      all.set(r.latencies, o);
      o += r.latencies.length;
    }
    const edits = [...sends.values()].reduce((n, xs) => n + xs.length / 2, 0);
    log(`${label}: ${edits} edits, ${all.length} receipts`);
    return {
      recorders: recs.length,
      viewers: opts.viewers.length,
      edits,
      typedSeconds: round(seconds),
      editToViewerMs: summary(all),
      missingReceipts: results.reduce((n, r) => n + r.missing, 0),
      viewersCaughtUp: results.every((r) => r.caughtUp),
      viewerDisconnects: results.reduce((n, r) => n + r.disconnects, 0),
      // Cores used from the first edit until every viewer caught up (1.0 = one core busy throughout).
      cpuWindowSeconds: round(cpuWindow),
      cpuCores: {
        server: round((cpu1.server - cpu0.server) / cpuWindow, 2),
        loadGeneratorMain: round((cpu1.main - cpu0.main) / cpuWindow, 2),
        viewerProcesses: cpu1.viewers.map((c, i) => round((c - cpu0.viewers[i]!) / cpuWindow, 2)),
      },
      loadGeneratorEventLoopDelayMs: { main: lagOf(lag), viewerProcesses: results.map((r) => r.lag) },
      serverRssMb: rssMb(t.serverPid),
    };
  } finally {
    for (const w of workers) w.stop();
    if (own) for (const r of recs) destroyClient(r);
  }
}

// ── Our server ──────────────────────────────────────────────────────────────────────────────────

async function setUpOurs(members: number) {
  const { TEST_PASSWORD } = await import('../tests/factories/community');
  const { startBenchMeeting, joinByCards } = await import('./bench-meeting');
  const { connectMeeting, logInStaff, sendCommand, waitFor } = await import('../scripts/protocol-client');
  const { minutesDocName } = await import('../lib/minutes/schema');

  const { scratch, community, meeting, server, stop } = await startBenchMeeting(members);
  try {
    const recorderCookie = await logInStaff(server.url, community.recorder.username, TEST_PASSWORD);
    const facilitatorCookie = await logInStaff(server.url, community.facilitator.username, TEST_PASSWORD);
    // Viewers follow read-only once the facilitator has made the minutes public.
    const fac = connectMeeting(server.url, { meetingId: meeting.id }, { cookie: facilitatorCookie });
    await waitFor(() => !!fac.meeting, 20_000, 'facilitator snapshot');
    const ack = await sendCommand(fac, 'meeting.update', { minutesPublic: true });
    fac.disconnect();
    if (!ack.ok) throw new Error(`meeting.update failed: ${JSON.stringify(ack)}`);
    const tokens = await joinByCards(server.url, meeting.joinCode, community.roster.map((m) => m.joinToken));
    const target: Target = {
      wsBase: server.url.replace(/^http/, 'ws'), docName: minutesDocName(meeting.id), serverPid: server.child.pid!,
      recorder: { cookie: recorderCookie }, viewers: tokens.map((token) => ({ token })),
    };
    return { scratch, server, target, facilitatorCookie, dbPath: scratch.url.replace(/^file:/, '') };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function benchOurs() {
  const { scratch, server, target } = await setUpOurs(VIEWERS);
  try {
    // The template the server writes into a new document, to start the reference from the same content.
    const probe = await openClient(target.wsBase, target.docName, target.recorder, null);
    await until(() => probe.provider.synced, 30_000, 'template');
    await sleep(500);
    const template = Y.encodeStateAsUpdate(probe.doc);
    destroyClient(probe);
    const result = await typingRun('ours', target, { viewers: target.viewers, durationMs: DURATION_MS });
    return { result, template };
  } finally {
    await server.stop();
    await scratch.drop();
  }
}

async function benchReference(template: Uint8Array) {
  const { freePort } = await import('../tests/support/server');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  delete env.YPERSISTENCE;
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'reference-yjs-server.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`reference server exited (${code})`)));
  });
  try {
    const target: Target = {
      wsBase: `ws://127.0.0.1:${port}`, docName: 'minutes:reference', serverPid: child.pid!,
      recorder: {}, viewers: Array.from({ length: VIEWERS }, () => ({})),
    };
    return await typingRun('reference', target, { viewers: target.viewers, durationMs: DURATION_MS, seed: template });
  } finally {
    child.kill('SIGTERM');
  }
}

// ── The simulated 3-hour meeting ────────────────────────────────────────────────────────────────

const WORDS = ['会议', '居民', '代表', '小区', '电梯', '加装', '费用', '分摊', '物业', '公司', '业主', '委员会', '表决', '通过', '讨论', '意见', '方案',
  '社区', '街道', '安全', '绿化', '垃圾', '分类', '停车', '位', '问题', '建议', '同意', '反对', '弃权', '的', '了', '在', '和', '对', '将', '需要', '进一步',
  '核实', '协调', '施工', '时间', '预算', '资金', '来源', '维修', '基金', '使用', '情况', '说明', '，', '，', '。', '、', '我们', '认为', '可以', '应当'];

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function benchMeeting() {
  const { createDb } = await import('../lib/platform/db/client');
  const { scratch, server, target, dbPath } = await setUpOurs(Math.max(PROBE_VIEWERS, RECORDERS));
  const fileSizes = () => Object.fromEntries(['', '-wal', '-shm'].map((s) => [`db${s}`, existsSync(dbPath + s) ? statSync(dbPath + s).size : 0]));
  const mb = (b: number) => round(b / 1024 / 1024, 2);
  const totalMb = (sizes: Record<string, number>) => mb(Object.values(sizes).reduce((a, b) => a + b, 0));
  let clients: Client[] = [];
  try {
    const before = { files: fileSizes(), rssMb: rssMb(target.serverPid) };
    const recs = await openRecorders(target, RECORDERS);
    clients.push(...recs);
    const observer = await openClient(target.wsBase, target.docName, target.recorder, null);
    clients.push(observer);
    await until(() => observer.provider.synced, 30_000, 'observer synced');
    // An edit counts as accepted once it was broadcast, i.e. stored: the observer has it.
    const accepted = (r: Client) => until(() => Y.getState(observer.doc.store, r.doc.clientID) >= Y.getState(r.doc.store, r.doc.clientID), 60_000, 'edit accepted');

    const counts = { updates: 0, wordCommits: 0, backspaces: 0, corrections: 0, paragraphs: 0, bold: 0 };
    const started = Date.now();
    let timedOut = false;
    const perWriter = Math.ceil(SIM_WORDS / RECORDERS);
    await Promise.all(recs.map(async (r, i) => {
      const rand = mulberry32(1000 + i);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      const fragment = r.doc.getXmlFragment(FIELD);
      const mine: Y.XmlText[] = [r.text];
      let cur = r.text;
      let sinceParagraph = 0;
      for (let w = 0; w < perWriter; w++) {
        if (Date.now() - started > SIM_MAX_MS) {
          timedOut = true;
          return;
        }
        if (rand() < SIM_EDIT_RATE) {
          if (rand() < 0.5 && cur.length > 3) {
            // Backspace 1–3 characters, one update per keystroke, then type on.
            const k = 1 + Math.floor(rand() * 3);
            for (let j = 0; j < k; j++) {
              cur.delete(cur.length - 1, 1);
              counts.updates++;
              counts.backspaces++;
            }
          } else {
            // A correction somewhere in earlier text: select 1–2 characters and type a word over them.
            const p = pick(mine);
            if (p.length > 4) {
              const at = Math.floor(rand() * (p.length - 2));
              r.doc.transact(() => {
                p.delete(at, 1 + Math.floor(rand() * 2));
                p.insert(at, pick(WORDS));
              });
              counts.updates++;
              counts.corrections++;
              await accepted(r);
            }
          }
        }
        cur.insert(cur.length, pick(WORDS));
        counts.updates++;
        counts.wordCommits++;
        await accepted(r);
        if (rand() < 0.01 && cur.length > 6) {
          cur.format(cur.length - 4, 2, { bold: {} });
          counts.updates++;
          counts.bold++;
          await accepted(r);
        }
        if (++sinceParagraph > 20 + rand() * 20) {
          // Enter: a new paragraph after this recorder's current one.
          sinceParagraph = 0;
          const p = new Y.XmlElement('paragraph');
          const text = new Y.XmlText();
          p.insert(0, [text]);
          const at = fragment.toArray().indexOf(cur.parent as Y.XmlElement) + 1;
          fragment.insert(at > 0 ? at : fragment.length, [p]);
          mine.push(text);
          cur = text;
          counts.updates++;
          counts.paragraphs++;
          await accepted(r);
        }
      }
    }));
    const simulatedSeconds = round((Date.now() - started) / 1000);
    await until(() => recs.every((r) => r.doc.getXmlFragment(FIELD).toString() === observer.doc.getXmlFragment(FIELD).toString()), 60_000, 'observer converged');
    const plain = observer.doc.getXmlFragment(FIELD).toArray()
      .map((n) => (n instanceof Y.XmlElement ? n.toArray().map((c) => (c instanceof Y.XmlText ? c.toString().replace(/<[^>]+>/g, '') : '')).join('') : '')).join('');
    log(`meeting: ${counts.updates} updates in ${simulatedSeconds} s, ${plain.length} characters`);

    await sleep(3000);
    const live = { rssMb: rssMb(target.serverPid), files: fileSizes() };
    const db = createDb(`file:${dbPath}`);
    const liveRows = { minutesUpdate: await db.minutesUpdate.count(), minutesDoc: await db.minutesDoc.count() };

    // Latency on the grown document (the server reconciles its facts after every client edit).
    const probe = await typingRun('probe', target, { viewers: target.viewers.slice(0, PROBE_VIEWERS), durationMs: PROBE_MS, recorders: recs });
    const observerText = observer.doc.getXmlFragment(FIELD).toString();
    for (const c of clients) destroyClient(c);
    clients = [];
    await server.stop('SIGTERM'); // graceful: pending writes stored, documents compacted
    const rows = { minutesUpdate: await db.minutesUpdate.count(), minutesDoc: await db.minutesDoc.count() };
    const docRow = await db.minutesDoc.findFirst();
    const check = new Y.Doc();
    if (docRow) Y.applyUpdate(check, new Uint8Array(docRow.state));
    await db.$disconnect();
    const after = fileSizes();
    return {
      words: SIM_WORDS,
      writers: RECORDERS,
      ...counts,
      finalCharacters: plain.length,
      simulatedInSeconds: simulatedSeconds,
      updatesPerSecond: round(counts.updates / simulatedSeconds),
      stoppedAtTimeLimit: timedOut,
      serverRssMb: { beforeMeeting: before.rssMb, afterMeetingDocLoaded: live.rssMb, afterProbe: probe.serverRssMb },
      sqlite: {
        beforeMeetingMb: totalMb(before.files),
        liveMb: totalMb(live.files),
        liveRows,
        afterCompactionMb: totalMb(after),
        afterCompactionFiles: after,
        rowsAfterCompaction: rows,
        compactedStateBytes: docRow ? docRow.state.length : 0,
        compactedStateMatchesClients: check.getXmlFragment(FIELD).toString() === observerText,
      },
      probeOnGrownDocument: probe,
    };
  } finally {
    for (const c of clients) destroyClient(c);
    await server.stop();
    await scratch.drop();
  }
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────────

if (process.env.BENCH_MINUTES_ROLE === 'viewers') {
  await viewerWorker();
} else {
  process.setMaxListeners(0);
  const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
  const out: Record<string, unknown> = {
    bench: 'minutes',
    machine: { cpus: cpus().length, node: process.version, loadAverageAtStart: (await import('node:os')).loadavg().map((x) => round(x, 2)) },
    workload: { recorders: RECORDERS, charsPerSecondEach: CHARS_PER_SECOND, viewers: VIEWERS, durationMs: DURATION_MS, viewerProcesses: VIEWER_PROCS, cursorUpdates: CURSORS },
  };
  let template: Uint8Array = new Uint8Array(0);
  if (!skip.has('live')) {
    log('ours: setting up');
    const ours = await benchOurs();
    template = ours.template;
    out.ours = ours.result;
    log('reference: starting');
    out.reference = await benchReference(template);
    const o = (out.ours as { editToViewerMs: ReturnType<typeof summary> }).editToViewerMs;
    const r = (out.reference as { editToViewerMs: ReturnType<typeof summary> }).editToViewerMs;
    out.ratio = { p50: o.p50 && r.p50 ? round(o.p50 / r.p50, 2) : null, p95: o.p95 && r.p95 ? round(o.p95 / r.p95, 2) : null, p99: o.p99 && r.p99 ? round(o.p99 / r.p99, 2) : null };
    out.targetsMet = { p99AtMost50Ms: (o.p99 ?? Infinity) <= 50, p99AtMost1_3xReference: (o.p99 ?? Infinity) <= 1.3 * (r.p99 ?? 0) };
  }
  if (!skip.has('meeting')) {
    log('3-hour meeting: starting');
    out.threeHourMeeting = await benchMeeting();
  }
  out.targets = { p99EditToViewerMs: 50, ratioToReference: 1.3 };
  console.log(JSON.stringify(out, null, 2));
  process.exit(0);
}
