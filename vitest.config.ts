import { defineConfig } from 'vitest/config';

// One seed for the whole run, chosen here (in the main process) so every worker derives the
// same per-case seeds; `DJSPEC_SEED=<n>` replays a run.
if (!process.env.DJSPEC_SEED) process.env.DJSPEC_SEED = String(Math.floor(Math.random() * 2 ** 31));

export default defineConfig({
  test: {
    reporters: ['default', './tools/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'spec',
          include: ['spec/**/*.spec.ts'],
          setupFiles: ['spec/support/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'self',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
