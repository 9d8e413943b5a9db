/**
 * Chooses the implementation under test. One switch, `DJSPEC_IMPL`:
 * - `reference` (the default): this project's reference implementation, in-process;
 * - `django`: real Django 5.2 through `conformance/adapters/django` (`DJSPEC_DJANGO_DB=sqlite|postgres`);
 * - a path to a TypeScript or JavaScript module exporting `createImplementation`;
 * - `cmd:<command line>`: any program speaking the line protocol on stdin/stdout.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Implementation, CreateImplementation } from '../contract/implementation.js';
import type { Hello } from '../contract/results.js';
import { GuardedImplementation, AdapterFailure } from './guard.js';
import { ProcessImplementation } from './process.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Selection {
  /** What the user asked for, for reports (`reference`, `django`, a path, `cmd:...`). */
  spec: string;
  /** A short name used in replay commands and report columns. */
  label: string;
  load(): Promise<Implementation>;
  /** The expectations file used when `DJSPEC_EXPECTATIONS` is not set, if any. */
  defaultExpectations?(hello: Hello): string | undefined;
}

export function timeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.DJSPEC_TIMEOUT_MS ?? '');
  return Number.isFinite(n) && n > 0 ? n : 10_000;
}

export function selectImplementation(env: NodeJS.ProcessEnv = process.env): Selection {
  const spec = (env.DJSPEC_IMPL ?? 'reference').trim() || 'reference';
  if (spec === 'reference') {
    return {
      spec,
      label: `reference(${env.DJSPEC_DB ?? 'pg-mem'})`,
      load: () => loadModule(resolve(PROJECT_ROOT, 'conformance/adapters/reference.ts'), spec),
      defaultExpectations: (hello) => resolve(PROJECT_ROOT, `conformance/expectations/reference-${String(hello.database.engine)}.json`),
    };
  }
  if (spec === 'django') {
    const db = env.DJSPEC_DJANGO_DB ?? 'sqlite';
    const run = resolve(PROJECT_ROOT, 'conformance/adapters/django/run');
    return {
      spec,
      label: `django(${db})`,
      load: async () => {
        if (!existsSync(resolve(PROJECT_ROOT, 'conformance/adapters/django/.venv/bin/python'))) {
          throw new AdapterFailure('missing', 'the django adapter is not set up: run `npm run setup:django` (it creates conformance/adapters/django/.venv with Django 5.2.17)');
        }
        return new ProcessImplementation({ command: run, env: { DJSPEC_DJANGO_DB: db }, timeoutMs: timeoutMs(env) });
      },
      // Where Django itself cannot pass a case (a known divergence), listed per database.
      defaultExpectations: (hello) => resolve(PROJECT_ROOT, `conformance/expectations/django-${String(hello.database.vendor)}.json`),
    };
  }
  if (spec.startsWith('cmd:')) {
    const command = spec.slice(4).trim();
    return { spec, label: command.split(/\s+/)[0] ?? command, load: async () => new ProcessImplementation({ command, timeoutMs: timeoutMs(env) }) };
  }
  const path = isAbsolute(spec) ? spec : resolve(process.cwd(), spec);
  return { spec, label: spec, load: () => loadModule(path, spec) };
}

async function loadModule(path: string, spec: string): Promise<Implementation> {
  if (!existsSync(path)) throw new AdapterFailure('missing', `no adapter module at ${path} (DJSPEC_IMPL=${spec})`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new AdapterFailure('threw', `the adapter module ${path} failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  const factory = (typeof mod.createImplementation === 'function' ? mod.createImplementation : mod.default) as CreateImplementation | undefined;
  if (typeof factory !== 'function') {
    throw new AdapterFailure('missing', `the module ${path} does not export createImplementation() (named or default)`);
  }
  const impl = await factory();
  for (const method of ['hello', 'open', 'shutdown'] as const) {
    if (typeof (impl as unknown as Record<string, unknown>)?.[method] !== 'function') {
      throw new AdapterFailure('missing', `createImplementation() in ${path} returned an object without ${method}()`);
    }
  }
  return impl;
}

/** Loads the selected implementation behind the guard. */
export async function loadGuarded(selection: Selection, env: NodeJS.ProcessEnv = process.env): Promise<GuardedImplementation> {
  return new GuardedImplementation(await selection.load(), { timeoutMs: timeoutMs(env) });
}
