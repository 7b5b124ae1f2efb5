import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'], environment: 'node' } },
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
