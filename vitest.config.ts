import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // A scrypt check or a SQLite file takes well under a second, but a busy CI machine (browsers,
      // servers, builds) can stretch one past vitest's default 5 s: time-outs are for hangs, not speed.
      { test: { name: 'unit', include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'deploy/**/*.test.ts', 'tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/http-client.ts'],
          // These start a real server (and migrate a fresh database) per file.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
