/**
 * What every case in a worker shares: the implementation under test (loaded once, behind the
 * guard), its hello (capabilities, database profile), the expectations for it, and the seed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { selectImplementation, loadGuarded, PROJECT_ROOT, type Selection } from '../../conformance/runner/select.js';
import type { GuardedImplementation } from '../../conformance/runner/guard.js';
import type { Hello } from '../../conformance/contract/results.js';
import { parseExpectations, type Expectations } from '../../conformance/runner/expectations.js';

export interface Runtime {
  selection: Selection;
  implementation: GuardedImplementation;
  hello: Hello;
  expectations: Expectations;
}

let runtime: Promise<Runtime> | undefined;

/** The implementation for this worker; a failure to load is reported by every case that needs it. */
export function getRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const selection = selectImplementation();
    const implementation = await loadGuarded(selection);
    const hello = await implementation.hello();
    return { selection, implementation, hello, expectations: loadExpectations(selection, hello) };
  })();
  return runtime;
}

export async function shutdownRuntime(): Promise<void> {
  if (!runtime) return;
  const r = await runtime.catch(() => undefined);
  await r?.implementation.shutdown();
}

/**
 * `DJSPEC_EXPECTATIONS` names an expectations file; without it, the selection's default file is
 * used when it exists (the reference's for its database, Django's for its backend).
 */
function loadExpectations(selection: Selection, hello: Hello): Expectations {
  const explicit = process.env.DJSPEC_EXPECTATIONS;
  const path = explicit ? resolve(process.cwd(), explicit) : selection.defaultExpectations?.(hello);
  if (!path || !existsSync(path)) {
    if (explicit) throw new Error(`DJSPEC_EXPECTATIONS=${explicit}: no such file`);
    return { file: undefined, expectedFailures: new Map() };
  }
  return parseExpectations(readFileSync(path, 'utf8'), path);
}

/** The run's seed: set once in the main process (vitest.config.ts) so every worker shares it. */
export function globalSeed(): number {
  const n = Number(process.env.DJSPEC_SEED);
  if (!Number.isInteger(n)) throw new Error(`DJSPEC_SEED must be an integer (got ${process.env.DJSPEC_SEED})`);
  return n;
}

/** A case's own seed: stable for a given run seed and case id, so one case replays alone. */
export function caseSeed(id: string): number {
  let h = 0x811c9dc5 ^ globalSeed();
  for (const ch of id) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function numRuns(): number {
  const n = Number(process.env.DJSPEC_RUNS ?? '');
  return Number.isInteger(n) && n > 0 ? n : 50;
}

export { PROJECT_ROOT };
