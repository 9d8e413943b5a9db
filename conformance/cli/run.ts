/**
 * `djspec run`: the suite against one implementation, with progress, a summary, report files
 * and an exit status that says whether anything regressed.
 *
 * vitest is driven in-process (`createVitest` from `vitest/node`) rather than as a child
 * process: the run's reporter is an object in this process (`RunRecorder`), so case results —
 * outcome, missing capabilities, replay command — arrive as structured data instead of being
 * parsed back out of a report file, and progress is shown as each case ends. The cases still
 * run in vitest's worker processes, which inherit the environment set here (`DJSPEC_IMPL`,
 * `DJSPEC_SEED`, ...), exactly as with `npx vitest run --project spec`; the replay commands the
 * harness prints therefore work unchanged.
 *
 * Before any case runs, the implementation is loaded here once and asked for its hello, and the
 * expectations file is parsed: an adapter that cannot load, a program that does not speak the
 * protocol, or an expectations file that does not parse stops the run with one clear message
 * (exit 2) instead of failing every case with the same error.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import { selectImplementation, loadGuarded, PROJECT_ROOT, type Selection } from '../runner/select.js';
import { parseExpectations, ExpectationsError, type Expectations } from '../runner/expectations.js';
import { collectCases } from '../runner/collect.js';
import type { Hello } from '../contract/results.js';
import { ReportSchema, summarize, REPORT_FORMAT_VERSION, type Report } from '../report/schema.js';
import { renderJunit } from '../report/junit.js';
import { renderHtml } from '../report/html.js';
import { UsageError, suiteVersion, type RunOptions } from './options.js';
import { selectCases, describeFilters, namePattern } from './filters.js';
import { RunRecorder } from './recorder.js';
import { printSummary } from './summary.js';
import { paint } from './style.js';

/** The implementation or its expectations cannot be used: exit 2 with this message. */
export class SetupError extends Error {
  override name = 'SetupError';
}

/** Sets the variables the harness reads in every worker. */
function applyEnvironment(options: RunOptions, seed: number): void {
  const env = process.env;
  env.DJSPEC_IMPL = options.implResolved;
  env.DJSPEC_SEED = String(seed);
  if (options.runs !== undefined) env.DJSPEC_RUNS = String(options.runs);
  if (options.timeoutMs !== undefined) env.DJSPEC_TIMEOUT_MS = String(options.timeoutMs);
  if (options.db !== undefined) env[options.impl === 'django' ? 'DJSPEC_DJANGO_DB' : 'DJSPEC_DB'] = options.db;
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  if (options.expectations !== undefined) env.DJSPEC_EXPECTATIONS = options.expectations;
  else delete env.DJSPEC_EXPECTATIONS;
}

async function preflight(selection: Selection, options: RunOptions): Promise<Hello> {
  try {
    const implementation = await loadGuarded(selection);
    try {
      return await implementation.hello();
    } finally {
      await implementation.shutdown();
    }
  } catch (e) {
    throw new SetupError(`cannot use the implementation "${options.impl}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

function loadExpectations(path: string | undefined): Expectations {
  if (!path || !existsSync(path)) return { file: undefined, expectedFailures: new Map() };
  try {
    return parseExpectations(readFileSync(path, 'utf8'), path);
  } catch (e) {
    if (e instanceof ExpectationsError) throw new SetupError(e.message);
    throw e;
  }
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'implementation';
}

export async function runCommand(options: RunOptions): Promise<number> {
  // The variables the harness reads are honored as defaults, so `DJSPEC_SEED=... djspec run` replays too.
  const envSeed = Number(process.env.DJSPEC_SEED);
  const seed = options.seed ?? (process.env.DJSPEC_SEED && Number.isInteger(envSeed) ? envSeed : Math.floor(Math.random() * 2 ** 31));
  if (options.expectations === undefined && process.env.DJSPEC_EXPECTATIONS) {
    options.expectations = resolve(process.env.DJSPEC_EXPECTATIONS);
    if (!existsSync(options.expectations)) throw new SetupError(`DJSPEC_EXPECTATIONS=${process.env.DJSPEC_EXPECTATIONS}: no such file`);
  }
  applyEnvironment(options, seed);
  const out = process.stdout;

  // A file given explicitly is checked first; the selection's default one depends on its hello.
  const explicit = options.expectations ? loadExpectations(options.expectations) : undefined;
  const selection = selectImplementation(process.env);
  const hello = await preflight(selection, options);
  const expectations = explicit ?? loadExpectations(selection.defaultExpectations?.(hello));
  const label = options.impl === 'reference' || options.impl === 'django' ? selection.label : hello.implementation.name;

  const collection = await collectCases();
  const { cases: selected, warnings } = selectCases(collection.cases, options.filters);
  for (const w of warnings) out.write(`${paint('yellow', 'note:')} ${w}\n`);
  if (selected.length === 0) {
    const filters = describeFilters(options.filters);
    throw new UsageError(filters ? `nothing to run: no case matches ${filters}` : 'nothing to run: the suite has no cases');
  }
  const known = new Set(collection.cases.map((c) => c.id));
  const stale = [...expectations.expectedFailures.keys()].filter((id) => !known.has(id));
  if (stale.length) out.write(`${paint('yellow', 'note:')} ${displayPath(expectations.file!)} lists ids that no case has: ${stale.join(', ')}\n`);

  out.write(
    `djspec ${suiteVersion()} against ${label} (${hello.implementation.name} ${hello.implementation.version}, ${hello.implementation.language}; database ${hello.database.vendor}/${hello.database.engine})\n` +
      `${selected.length} case(s), run seed ${seed} (--seed ${seed} replays it), ${process.env.DJSPEC_RUNS ?? 50} runs per property` +
      `${expectations.file ? `, expectations ${displayPath(expectations.file)}` : ''}\n`,
  );

  const filtered = options.filters.areas.length + options.filters.behaviors.length + options.filters.cases.length > 0;
  const files = [...new Set(selected.map((c) => resolve(PROJECT_ROOT, c.file)))];
  const recorder = new RunRecorder(selected.length);
  const started = new Date();
  const vitest = await createVitest(
    'test',
    {
      root: PROJECT_ROOT,
      config: resolve(PROJECT_ROOT, 'vitest.config.ts'),
      project: ['spec'],
      watch: false,
      reporters: [recorder],
      includeTaskLocation: true,
      ...(filtered && { testNamePattern: namePattern(selected.map((c) => c.id)) }),
    },
    { logLevel: 'silent' },
  );
  try {
    await vitest.start(filtered ? files : []);
  } finally {
    await vitest.close();
  }

  const order = new Map(collection.cases.map((c, i) => [c.id, i]));
  const cases = [...recorder.cases].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const report: Report = ReportSchema.parse({
    format: 'djspec-report',
    format_version: REPORT_FORMAT_VERSION,
    suite: { name: 'djspec', version: suiteVersion() },
    implementation: {
      label,
      spec: options.impl,
      name: hello.implementation.name,
      version: hello.implementation.version,
      language: hello.implementation.language,
      database: { vendor: hello.database.vendor, engine: String(hello.database.engine) },
      capabilities: hello.capabilities,
    },
    run: {
      started_at: started.toISOString(),
      duration_ms: Date.now() - started.getTime(),
      seed,
      runs: Number(process.env.DJSPEC_RUNS ?? 50),
      filters: options.filters,
      expectations: expectations.file ? displayPath(expectations.file) : null,
      node: process.version,
    },
    summary: summarize(cases, recorder.errors),
    cases,
    errors: recorder.errors,
  });

  const written: string[] = [];
  if (options.reporters.length) {
    mkdirSync(options.out, { recursive: true });
    const base = join(options.out, slug(label));
    for (const reporter of options.reporters) {
      const [path, text] =
        reporter === 'json'
          ? [`${base}.json`, `${JSON.stringify(report, null, 2)}\n`]
          : reporter === 'junit'
            ? [`${base}.xml`, renderJunit([report])]
            : [`${base}.html`, renderHtml([report])];
      writeFileSync(path, text);
      written.push(displayPath(path));
    }
  }

  return printSummary(report, { strict: options.strict, written });
}
