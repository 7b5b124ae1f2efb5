import { defineConfig, devices } from '@playwright/test';

// Browser tests drive the real server (Next pages + API + Socket.IO) on a fresh SQLite database with
// the demo data, in Debian's Chromium (no browser download: see ../shared/docs/ENVIRONMENT.md).
const PORT = Number(process.env.E2E_PORT ?? 3123);
export const baseURL = `http://127.0.0.1:${PORT}`;

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  // A whole meeting per spec (several browsers, a server, the record): ~2 minutes on a quiet machine,
  // several times that on a busy one. Time-outs are for hangs; each step has its own expect timeout.
  timeout: 480_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs } } }],
  webServer: {
    command: `rm -rf .e2e-data && node scripts/start.mjs`,
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATABASE_URL: 'file:./.e2e-data/e2e.db', NEXT_TELEMETRY_DISABLED: '1' },
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
