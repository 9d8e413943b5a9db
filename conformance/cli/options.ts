/**
 * The command line of `djspec`: its usage text and the parsing of each command's options into
 * checked values. Anything wrong with the command line is a `UsageError`: the CLI prints its
 * message and exits with status 2, before loading anything.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The suite's version: the package's. */
export function suiteVersion(): string {
  return (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
}

export const REPORTERS = ['json', 'junit', 'html'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export const USAGE = `djspec — the conformance suite for Django's core backend semantics

Usage:
  djspec run [options]                 run the suite against an implementation
  djspec list [filters] [--json]       list the cases (no implementation, no database)
  djspec report <report.json>... [--html file] [--junit file]
                                       combine JSON reports (one per implementation)
  djspec help | --help                 this text
  djspec --version                     the suite's version

Options of run:
  --impl <impl>          reference (default) | django | ./path/to/adapter.ts | cmd:<command line>
  --db <name>            the database of reference (pg-mem, pglite, postgres) or django (sqlite, postgres)
  --database-url <url>   the PostgreSQL server for --db postgres
  --area <name>          only cases of an area (a folder of spec/ or a catalog area); repeatable, comma-separated
  --behavior <ID>        only cases citing a catalog behavior ID (DEL-CASCADE); repeatable, comma-separated
  --case <id>            only the case with this id; repeatable, comma-separated
  --seed <n>             the run seed (default: random, printed); the same seed replays the same inputs
  --runs <n>             generated inputs per property (default 50)
  --timeout <ms>         deadline per command before the adapter is declared hung (default 10000)
  --expectations <file>  known failures of the implementation (JSON: {"expected_failures": {"case.id": "reason"}})
  --reporter <list>      report files to write: json, junit, html (comma-separated)
  --out <dir>            where report files go (default: reports/)
  --strict               count unexpectedly passing cases as regressions

Filters (--area, --behavior, --case; also for list): values of one kind add up, different kinds
narrow each other.

Exit status: 0 when nothing regressed; 1 when a case failed, a case file failed to load, or
(with --strict) a listed expected failure passed; 2 when the command line, the implementation
or the expectations file is unusable.`;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: string[], options: ParseArgsConfig['options'], allowPositionals = false): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${message} (see djspec help)`);
  }
}

/** `--x a,b --x c` → `['a', 'b', 'c']`. */
function list(values: string | string[] | boolean | (string | boolean)[] | undefined): string[] {
  if (values === undefined) return [];
  const all = (Array.isArray(values) ? values : [values]).filter((v): v is string => typeof v === 'string');
  return all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer${min > Number.MIN_SAFE_INTEGER ? ` of at least ${min}` : ''} (got "${value}")`);
  }
  return n;
}

export interface Filters {
  areas: string[];
  behaviors: string[];
  cases: string[];
}

export interface RunOptions {
  /** As given, for reports. */
  impl: string;
  /** As the runtime reads it: relative module paths made absolute, so cases find them from any folder. */
  implResolved: string;
  db?: string;
  databaseUrl?: string;
  filters: Filters;
  seed?: number;
  runs?: number;
  timeoutMs?: number;
  expectations?: string;
  reporters: ReporterName[];
  out: string;
  strict: boolean;
}

const FILTER_OPTIONS = {
  area: { type: 'string', multiple: true },
  behavior: { type: 'string', multiple: true },
  case: { type: 'string', multiple: true },
} as const;

export function parseRunOptions(args: string[], cwd = process.cwd()): RunOptions {
  const { values } = parse(args, {
    impl: { type: 'string' },
    db: { type: 'string' },
    'database-url': { type: 'string' },
    ...FILTER_OPTIONS,
    seed: { type: 'string' },
    runs: { type: 'string' },
    timeout: { type: 'string' },
    expectations: { type: 'string' },
    reporter: { type: 'string', multiple: true },
    out: { type: 'string' },
    strict: { type: 'boolean' },
  });
  const impl = (values.impl as string | undefined)?.trim() || 'reference';
  const isModule = impl !== 'reference' && impl !== 'django' && !impl.startsWith('cmd:');
  if (impl.startsWith('cmd:') && !impl.slice(4).trim()) throw new UsageError('--impl cmd: needs a command line after "cmd:"');
  const implResolved = isModule && !isAbsolute(impl) ? resolve(cwd, impl) : impl;
  if (isModule && !existsSync(implResolved)) {
    throw new UsageError(`--impl ${impl}: no such adapter module (looked at ${implResolved}); --impl takes reference, django, a module path or cmd:<command line>`);
  }

  const db = values.db as string | undefined;
  if (db !== undefined && impl !== 'reference' && impl !== 'django') {
    throw new UsageError('--db applies to --impl reference or django; another implementation chooses its own database');
  }
  const databaseUrl = values['database-url'] as string | undefined;
  if (databaseUrl !== undefined && db !== 'postgres') throw new UsageError('--database-url goes with --db postgres');

  const reporters = list(values.reporter as string[] | undefined);
  for (const r of reporters) {
    if (!(REPORTERS as readonly string[]).includes(r)) throw new UsageError(`unknown reporter "${r}" (known: ${REPORTERS.join(', ')})`);
  }

  let expectations = values.expectations as string | undefined;
  if (expectations !== undefined) {
    expectations = resolve(cwd, expectations);
    if (!existsSync(expectations) || !statSync(expectations).isFile()) throw new UsageError(`--expectations ${values.expectations}: no such file`);
  }

  return {
    impl,
    implResolved,
    ...(db !== undefined && { db }),
    ...(databaseUrl !== undefined && { databaseUrl }),
    filters: filtersOf(values),
    seed: integer('seed', values.seed as string | undefined, -(2 ** 31)),
    runs: integer('runs', values.runs as string | undefined, 1),
    timeoutMs: integer('timeout', values.timeout as string | undefined, 1),
    ...(expectations !== undefined && { expectations }),
    reporters: [...new Set(reporters as ReporterName[])],
    out: resolve(cwd, (values.out as string | undefined) ?? 'reports'),
    strict: values.strict === true,
  };
}

function filtersOf(values: Values): Filters {
  return {
    areas: list(values.area as string[] | undefined),
    behaviors: list(values.behavior as string[] | undefined),
    cases: list(values.case as string[] | undefined),
  };
}

export function parseListOptions(args: string[]): { filters: Filters; json: boolean } {
  const { values } = parse(args, { ...FILTER_OPTIONS, json: { type: 'boolean' } });
  return { filters: filtersOf(values), json: values.json === true };
}

export interface ReportOptions {
  inputs: string[];
  html?: string;
  junit?: string;
}

export function parseReportOptions(args: string[], cwd = process.cwd()): ReportOptions {
  const { values, positionals } = parse(args, { html: { type: 'string' }, junit: { type: 'string' } }, true);
  if (positionals.length === 0) throw new UsageError('djspec report needs at least one JSON report (written by djspec run --reporter json)');
  if (values.html === undefined && values.junit === undefined) throw new UsageError('djspec report needs --html <file> and/or --junit <file>');
  return {
    inputs: positionals.map((p) => resolve(cwd, p)),
    ...(values.html !== undefined && { html: resolve(cwd, values.html as string) }),
    ...(values.junit !== undefined && { junit: resolve(cwd, values.junit as string) }),
  };
}
