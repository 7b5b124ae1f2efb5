import { defineConfig, devices } from '@playwright/test';

// Browser tests drive the real server (Next pages + API + Socket.IO) on a fresh SQLite database with
// the demo data, in Debian's Chromium (no browser download: see ../shared/docs/ENVIRONMENT.md).
//
// Two servers, each on a database of its own, and the specs split between them: each half runs one
// file at a time against its own server (so no two specs ever share a database at the same moment,
// and within a half the files keep their alphabetical order), the two halves side by side in two
// workers. The specs change the demo community (its board code, templates, index, decisions…) and
// read it back, so two specs on one database at once would see each other's changes; on two databases
// they cannot. E2E_PORT is the first server's port, the next port the second's.
const PORT = Number(process.env.E2E_PORT ?? 3123);
export const baseURL = `http://127.0.0.1:${PORT}`;

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const chromium = { ...devices['Desktop Chrome'], launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs } };

// The first half by name (half of the time, by the durations of a serial run: ~13 of ~26 minutes); every
// other spec, a new one too, is in the second half.
const FIRST_HALF = [
  'board', 'closing', 'council-session', 'decisions', 'evaluation', 'expert', 'hearing', 'index', 'join',
  'minutes-locked', 'minutes-reorder', 'minutes', 'openspace', 'paper-ballots', 'roster-paging', 'secret-ballot',
];
const firstHalf = new RegExp(`/(${FIRST_HALF.join('|')})\\.spec\\.ts$`);

const halves = [
  { name: 'a', port: PORT, files: { testMatch: firstHalf } },
  { name: 'b', port: PORT + 1, files: { testIgnore: firstHalf } },
].map((h) => ({ ...h, url: `http://127.0.0.1:${h.port}`, databaseUrl: `file:./.e2e-data/${h.name}/e2e.db` }));

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: halves.length,
  // A whole meeting per spec (several browsers, a server, the record): ~2 minutes on a quiet machine,
  // several times that on a busy one. Time-outs are for hangs; each step has its own expect timeout.
  timeout: 480_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: chromium.launchOptions,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
  },
  // One worker per half: its files run one after another, against its server (baseURL) and database
  // (metadata.databaseUrl, which support.ts's e2eDatabaseUrl() gives the specs that write to it directly).
  projects: halves.map((h) => ({
    name: `chromium-${h.name}`, ...h.files, workers: 1, metadata: { databaseUrl: h.databaseUrl }, use: { ...chromium, baseURL: h.url },
  })),
  // Started one after the other: the first builds the pages if they are missing or stale, the second finds them built.
  webServer: halves.map((h) => ({
    name: `server-${h.name}`,
    command: `rm -rf .e2e-data/${h.name} && node scripts/start.mjs`,
    env: { PORT: String(h.port), HOST: '127.0.0.1', DATABASE_URL: h.databaseUrl, NEXT_TELEMETRY_DISABLED: '1' },
    url: `${h.url}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
  })),
});
