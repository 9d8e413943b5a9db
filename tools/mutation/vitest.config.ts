import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The spec suite alone, for mutation testing (`npm run mutate`): Stryker runs every project of
// the config it is given, and the project's own tests (`test/`) are not the spec.
// `DJSPEC_MUTATION_SPECS` (comma-separated globs, set by `--specs`) narrows it to some areas.
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: process.env.DJSPEC_MUTATION_SPECS?.split(',').map((s) => s.trim()) ?? ['spec/**/*.spec.ts'],
    setupFiles: ['spec/support/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
