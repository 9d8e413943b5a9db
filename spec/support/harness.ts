/**
 * `specCase` registers one conformance case. A case declares who it is (a permanent id), the
 * rule it checks in one sentence, the behavior IDs and capabilities it needs, and the session
 * setup; its body acts through the contract and asserts the whole observation.
 *
 * For each case the harness: skips it as "not implemented" when the implementation lacks a
 * capability; opens a fresh session (nothing left from other cases); runs properties with a
 * seed derived from the run seed and the case id; on failure, prints the seed, the path and the
 * one command that replays the case; and turns listed expected failures into reported outcomes.
 */
import { test, type TestContext } from 'vitest';
import * as fc from 'fast-check';
import { relative } from 'node:path';
import type { Capability } from '../../conformance/contract/capabilities.js';
import { isCapability } from '../../conformance/contract/capabilities.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { DjangoError, StartupEvent, SignalEvent } from '../../conformance/contract/results.js';
import { isBehavior } from '../catalog/index.js';
import { getRuntime, caseSeed, globalSeed, numRuns, PROJECT_ROOT, type Runtime } from './runtime.js';
import { SpecSession } from './session.js';

export type Level = 'must' | 'optional';

export interface Divergence {
  /** The database profile (`hello.database.vendor`) on which Django itself behaves differently. */
  vendor?: 'sqlite' | 'postgresql';
  /** Restricts the divergence to one implementation name (`hello.implementation.name`). */
  implementation?: string;
  /** One line: what Django does there and why. */
  reason: string;
}

export interface CaseMeta {
  /** Permanent identifier (`fields.char.max-length-counts-code-points`): never renamed or reused. */
  id: string;
  /** The behavior, in one statement-form sentence. */
  rule: string;
  /** Catalog behavior IDs this case covers. */
  behaviors: string[];
  /** Capabilities the implementation must declare for the case to run. */
  needs: Capability[];
  /** `must` for documented behavior; `optional` for Django implementation choices. */
  level?: Level;
  /** Where the seed tutorial is wrong, what it says and what Django does (one line). */
  seed?: string;
  /** Django documentation page (path under https://docs.djangoproject.com/en/5.2/). */
  docs?: string;
  /** Where Django itself differs for some backend: reported as an expected divergence, never silently skipped. */
  divergences?: Divergence[];
  /** The project the case boots; absent when the body opens its own sessions. */
  setup?: SessionSetup;
  timeoutMs?: number;
}

export type Outcome = 'passed' | 'failed' | 'not-implemented' | 'expected-failure' | 'unexpected-pass';

export interface CaseReport {
  id: string;
  rule: string;
  behaviors: string[];
  level: Level;
  outcome?: Outcome;
  missing?: string[];
  reason?: string;
  replay?: string;
  /** Static metadata, known without running the case (collection, docs, reports). */
  needs?: string[];
  seed?: string;
  docs?: string;
  divergences?: Divergence[];
}

declare module 'vitest' {
  interface TaskMeta {
    djspec?: CaseReport;
  }
}

/** The outcome of opening a session: a session, or the start-up error Django raised. */
export type OpenOutcome =
  | { ok: true; session: SpecSession; startup: StartupEvent[]; events: SignalEvent[] }
  | { ok: false; error: DjangoError; startup: StartupEvent[]; events: SignalEvent[] };

export interface CaseContext {
  /** The session booted from `meta.setup` (throws if the case declared no setup). */
  session: SpecSession;
  /** Opens another session (for cases about start-up itself). Closed when the case ends. */
  open(setup: SessionSetup): Promise<OpenOutcome>;
  /**
   * Checks `predicate` on values from `arbitrary` with fast-check. The session's data is reset
   * before every run (and while shrinking), so runs never see each other's rows.
   */
  property<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, options?: { numRuns?: number }): Promise<void>;
  /** The implementation's hello (capabilities, database profile). */
  hello: Runtime['hello'];
}

const registered = new Set<string>();
const ID_PATTERN = /^[a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;

function validateMeta(meta: CaseMeta): void {
  const problems: string[] = [];
  if (!ID_PATTERN.test(meta.id)) problems.push(`id "${meta.id}" must be dotted lower-case words (area.topic.detail)`);
  if (registered.has(meta.id)) problems.push(`id "${meta.id}" is used twice`);
  if (!meta.rule || /\bshould\b|^tests? that/i.test(meta.rule)) problems.push(`rule of ${meta.id} must be a statement of what Django does (no "should", no "tests that")`);
  if (meta.behaviors.length === 0) problems.push(`${meta.id} cites no behavior ID`);
  for (const id of meta.behaviors) if (!isBehavior(id)) problems.push(`${meta.id} cites unknown behavior ID ${id}`);
  for (const cap of meta.needs) if (!isCapability(cap)) problems.push(`${meta.id} needs unknown capability ${cap}`);
  if (problems.length) throw new Error(`invalid case metadata:\n  ${problems.join('\n  ')}`);
  registered.add(meta.id);
}

function shellQuote(s: string): string {
  return /^[\w./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The one command that re-runs this case alone, against the same implementation, with the same seed. */
export function replayCommand(meta: CaseMeta, file: string, path?: string): string {
  const env: string[] = [];
  for (const name of ['DJSPEC_IMPL', 'DJSPEC_DB', 'DJSPEC_DJANGO_DB', 'DATABASE_URL', 'DJSPEC_RUNS']) {
    if (process.env[name]) env.push(`${name}=${shellQuote(process.env[name]!)}`);
  }
  env.push(`DJSPEC_SEED=${globalSeed()}`);
  if (path) env.push(`DJSPEC_PATH=${shellQuote(path)}`);
  return `${env.join(' ')} npx vitest run --project spec ${shellQuote(relative(PROJECT_ROOT, file))} -t ${shellQuote(meta.id)}`;
}

function expectedFailure(meta: CaseMeta, runtime: Runtime): string | undefined {
  const listed = runtime.expectations.expectedFailures.get(meta.id);
  if (listed) return `listed in ${runtime.expectations.file}: ${listed}`;
  const vendor = runtime.hello.database.vendor;
  const name = runtime.hello.implementation.name;
  const divergence = meta.divergences?.find((d) => (!d.vendor || d.vendor === vendor) && (!d.implementation || d.implementation === name));
  return divergence ? `Django differs here (${divergence.vendor ?? name}): ${divergence.reason}` : undefined;
}

export function specCase(meta: CaseMeta, body: (t: CaseContext) => Promise<void>): void {
  validateMeta(meta);
  const title = `${meta.id} — ${meta.rule}`;
  const declared: CaseReport = {
    id: meta.id,
    rule: meta.rule,
    behaviors: meta.behaviors,
    level: meta.level ?? 'must',
    needs: meta.needs,
    ...(meta.seed !== undefined && { seed: meta.seed }),
    ...(meta.docs !== undefined && { docs: meta.docs }),
    ...(meta.divergences !== undefined && { divergences: meta.divergences }),
  };
  // The declared metadata rides on the test from registration on, so collecting the suite
  // (`vitest list`, the docs, the CLI's filters) needs no implementation and no database.
  test(title, { timeout: meta.timeoutMs ?? 120_000, meta: { djspec: declared } }, async (ctx: TestContext) => {
    const report: CaseReport = { ...declared };
    ctx.task.meta.djspec = report;
    const file = ctx.task.file.filepath;
    report.replay = replayCommand(meta, file);

    const runtime = await getRuntime();
    const missing = meta.needs.filter((c) => !runtime.hello.capabilities.includes(c));
    if (missing.length) {
      report.outcome = 'not-implemented';
      report.missing = missing;
      ctx.skip(`not implemented: ${missing.join(', ')}`);
      return;
    }

    const expected = expectedFailure(meta, runtime);
    const sessions: SpecSession[] = [];
    let propertyIndex = 0;

    const open = async (setup: SessionSetup): Promise<OpenOutcome> => {
      const { result, session } = await runtime.implementation.open(setup);
      if (!result.ok || !session) return { ok: false, error: (result as { error: DjangoError }).error, startup: result.startup, events: result.events };
      const spec = new SpecSession(session, runtime.hello, result.startup, result.events);
      sessions.push(spec);
      return { ok: true, session: spec, startup: result.startup, events: result.events };
    };

    let main: SpecSession | undefined;

    const context: CaseContext = {
      get session(): SpecSession {
        if (!main) throw new Error(`${meta.id} has no setup, so it has no session`);
        return main;
      },
      open,
      hello: runtime.hello,
      property: async (arbitrary, predicate, options) => {
        const index = propertyIndex++;
        const seed = caseSeed(`${meta.id}#${index}`);
        const replayPath = process.env.DJSPEC_PATH;
        const [pathIndex, path] = replayPath?.includes(':') ? replayPath.split(/:(.*)/s) : ['0', replayPath];
        const result = await fc.check(
          fc.asyncProperty(arbitrary, async (value) => {
            if (main) await main.reset();
            await predicate(value);
          }),
          { seed, numRuns: options?.numRuns ?? numRuns(), path: path && Number(pathIndex) === index ? path : undefined },
        );
        if (result.failed) {
          const failurePath = `${index}:${result.counterexamplePath ?? ''}`;
          report.replay = replayCommand(meta, file, failurePath);
          const cause = describeFailure(result.errorInstance);
          throw new Error(
            [
              `Property failed after ${result.numRuns} run(s) and ${result.numShrinks} shrink(s).`,
              `Counterexample: ${fc.stringify(result.counterexample)}`,
              `Seed ${seed} (run seed ${globalSeed()}), path "${result.counterexamplePath}".`,
              cause,
              `Replay: ${report.replay}`,
            ].join('\n'),
          );
        }
      },
    };

    try {
      if (meta.setup) {
        const opened = await open(meta.setup);
        if (!opened.ok) throw new Error(`the case's setup failed to start: ${opened.error.type}: ${opened.error.message ?? ''}`);
        main = opened.session;
      }
      await body(context);
    } catch (error) {
      if (expected) {
        report.outcome = 'expected-failure';
        report.reason = `${expected}. Observed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
        return;
      }
      report.outcome = 'failed';
      if (error instanceof Error && !error.message.includes('Replay: ')) error.message += `\nReplay: ${report.replay}`;
      throw error;
    } finally {
      for (const s of sessions) await s.close();
    }
    if (expected) {
      report.outcome = 'unexpected-pass';
      report.reason = expected;
      return;
    }
    report.outcome = 'passed';
  });
}

/** An assertion error with the compared values spelled out (vitest abbreviates them in the message). */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { actual?: unknown; expected?: unknown };
  if (!('actual' in e) || !('expected' in e)) return e.message;
  const show = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
  return `${e.message}\n  actual:   ${show(e.actual)}\n  expected: ${show(e.expected)}`;
}
