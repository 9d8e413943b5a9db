/** Runs in every spec file: release the implementation (processes, connections) when the file ends. */
import { afterAll } from 'vitest';
import { shutdownRuntime } from './runtime.js';

afterAll(async () => {
  await shutdownRuntime();
});
