import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['apps/server/test/**/*.test.ts', 'scripts/src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          // A whole journey (enrol, claim, review, pay) takes 25–40 s on an idle 2-core machine and twice that when
          // the machine is busy; the limit is there to end a hung test, not to time the product (bench/ does that).
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // A page waits on the server; on a busy 2-core machine 1 s (vitest's default) is not enough for a render.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
