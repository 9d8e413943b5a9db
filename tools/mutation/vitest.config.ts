import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The spec suite alone, for mutation testing (`npm run mutate`): Stryker runs every project of
// the config it is given, and the project's own tests (`test/`) are not the spec.
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: ['spec/**/*.spec.ts'],
    setupFiles: ['spec/support/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
