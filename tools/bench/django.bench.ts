/**
 * Real Django 5.2 through its adapter (`conformance/adapters/django/`), on SQLite in memory and
 * on PostgreSQL: process start, session cost (open, reset, close), command round trips, property
 * runs per second, one request through the test client, and optionally the whole suite's wall
 * time. Everything goes through the line protocol, as the suite drives it.
 *
 * A bench module for `npm run bench` (default export), and runnable alone:
 *   npx tsx tools/bench/django.bench.ts [--samples 9] [--suite] [--db sqlite,postgres]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as fc from 'fast-check';
import { ProcessImplementation } from '../../conformance/runner/process.js';
import { PROJECT_ROOT } from '../../conformance/runner/select.js';
import type { Session } from '../../conformance/contract/implementation.js';
import type { Command } from '../../conformance/contract/commands.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { Value } from '../../conformance/contract/values.js';

/** The shapes `tools/bench/index.ts` prints (kept structural so this file stands alone). */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}
export interface BenchOptions {
  samples: number;
  /** Databases asked for; Django runs on `sqlite` always and on `postgres` when it is listed. */
  databases: string[];
  suite: boolean;
}

export interface DjangoFigures {
  db: 'sqlite' | 'postgres';
  /** Spawn to `hello` answered (Django imported and set up). */
  startMs: number;
  openMs: number;
  closeMs: number;
  /** One open + close: the per-session overhead a case pays. */
  sessionMs: number;
  resetMs: number;
  commands: Record<string, number>;
  httpMs: number;
  propertyRunsPerSecond: number;
  suite?: { ms: number; line: string };
}

const RUN = resolve(PROJECT_ROOT, 'conformance/adapters/django/run');

const NOTE_SETUP: SessionSetup = {
  apps: [
    {
      name: 'bench',
      models: [
        {
          name: 'Note',
          fields: [
            { name: 'title', type: 'CharField', max_length: 40 },
            { name: 'rank', type: 'IntegerField', default: 0 },
            { name: 'done', type: 'BooleanField', default: false },
          ],
        },
      ],
    },
  ],
  urls: [{ path: 'hello/', view: { function: [{ return: { $HttpResponse: { content: 'hi' } } }] } }],
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

async function must(session: Session, command: Command): Promise<Value> {
  const response = await session.run(command);
  if (!response.ok) throw new Error(`${command.op} raised ${response.error.type}: ${response.error.message ?? ''}`);
  return response.value;
}

async function openSession(impl: ProcessImplementation, setup: SessionSetup): Promise<Session> {
  const opened = await impl.open(setup);
  if (!opened.ok || !opened.session) throw new Error(`the bench setup failed to start: ${JSON.stringify(opened).slice(0, 300)}`);
  return opened.session;
}

const handle = (value: Value) => ({ $h: (value as { $obj: { h: string } }).$obj.h });

/** Whether the PostgreSQL server the adapter would use answers (DATABASE_URL or 127.0.0.1:5432/test). */
export function postgresReachable(): string | undefined {
  const py = resolve(PROJECT_ROOT, 'conformance/adapters/django/.venv/bin/python');
  const check = spawnSync(py, ['-c', [
    'import os, psycopg',
    "url = os.environ.get('DATABASE_URL')",
    "(psycopg.connect(url, connect_timeout=5) if url else psycopg.connect(host='127.0.0.1', port=5432, dbname='test', user='postgres', connect_timeout=5)).close()",
  ].join('\n')], { encoding: 'utf8' });
  return check.status === 0 ? undefined : (check.stderr.trim().split('\n').pop() ?? 'unreachable');
}

/** Measures Django on one database. */
export async function measureDjango(db: 'sqlite' | 'postgres', samples: number, suite = false): Promise<DjangoFigures> {
  const impl = new ProcessImplementation({ command: RUN, env: { DJSPEC_DJANGO_DB: db }, timeoutMs: 60_000 });
  try {
    const start = await timed(() => impl.hello());
    // Warm-up: the first session on PostgreSQL creates the schema that later ones reuse.
    await (await openSession(impl, NOTE_SETUP)).close();

    const open: number[] = [];
    const close: number[] = [];
    const reset: number[] = [];
    for (let i = 0; i < samples; i++) {
      const o = await timed(() => openSession(impl, NOTE_SETUP));
      open.push(o.ms);
      for (let j = 0; j < 3; j++) {
        for (let k = 0; k < 3; k++) await must(o.value, { op: 'create', model: 'bench.Note', values: { title: `n${k}` } });
        reset.push((await timed(() => must(o.value, { op: 'reset' }))).ms);
      }
      close.push((await timed(() => o.value.close())).ms);
    }

    const session = await openSession(impl, NOTE_SETUP);
    const times: Record<string, number[]> = { create: [], get: [], filter: [], save: [], full_clean: [], count: [], http: [] };
    for (let i = 0; i < samples * 10; i++) {
      const c = await timed(() => must(session, { op: 'create', model: 'bench.Note', values: { title: `t${i}`, rank: i } }));
      times.create!.push(c.ms);
      const ref = handle(c.value);
      times.get!.push((await timed(() => must(session, { op: 'get', model: 'bench.Note', where: { rank: i } }))).ms);
      times.filter!.push((await timed(() => must(session, { op: 'filter', model: 'bench.Note', where: { rank__gte: Math.max(0, i - 5) } }))).ms);
      times.save!.push((await timed(() => must(session, { op: 'save', obj: ref }))).ms);
      times.full_clean!.push((await timed(() => must(session, { op: 'full_clean', obj: ref }))).ms);
      times.count!.push((await timed(() => must(session, { op: 'count', model: 'bench.Note' }))).ms);
      times.http!.push((await timed(() => must(session, { op: 'http', method: 'GET', path: '/hello/' }))).ms);
    }
    const runs = samples * 20;
    const property = await timed(() =>
      fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 40 }), async (title) => {
          await must(session, { op: 'reset' });
          const note = await must(session, { op: 'new', model: 'bench.Note', values: { title } });
          await session.run({ op: 'full_clean', obj: handle(note) });
          await session.run({ op: 'save', obj: handle(note) });
        }),
        { numRuns: runs, seed: 1 },
      ),
    );
    await session.close();

    const { http, ...commands } = Object.fromEntries(Object.entries(times).map(([op, t]) => [op, median(t)]));
    const figures: DjangoFigures = {
      db,
      startMs: start.ms,
      openMs: median(open),
      closeMs: median(close),
      sessionMs: median(open) + median(close),
      resetMs: median(reset),
      commands,
      httpMs: http!,
      propertyRunsPerSecond: (runs * 1000) / property.ms,
    };
    if (suite) figures.suite = suiteWallTime(db);
    return figures;
  } finally {
    await impl.shutdown();
  }
}

/** The spec suite's wall time against Django on one database (a separate vitest run). */
export function suiteWallTime(db: 'sqlite' | 'postgres'): { ms: number; line: string } {
  const start = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'spec'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DJSPEC_IMPL: 'django', DJSPEC_DJANGO_DB: db, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const line = `${run.stdout}`.split('\n').filter((l) => /^\d+ passed, \d+ failed/.test(l)).pop() ?? `exit ${run.status}`;
  return { ms: Date.now() - start, line };
}

/** Every figure for the databases asked for; PostgreSQL is skipped (with the reason) when unreachable. */
export async function benchDjango(options: BenchOptions): Promise<{ figures: DjangoFigures[]; skipped: string[] }> {
  const figures: DjangoFigures[] = [];
  const skipped: string[] = [];
  if (!existsSync(resolve(PROJECT_ROOT, 'conformance/adapters/django/.venv/bin/python'))) {
    return { figures, skipped: ['the Django adapter is not set up (npm run setup:django)'] };
  }
  figures.push(await measureDjango('sqlite', options.samples, options.suite));
  if (options.databases.includes('postgres')) {
    const problem = postgresReachable();
    if (problem) skipped.push(`PostgreSQL: not reachable (${problem})`);
    else figures.push(await measureDjango('postgres', options.samples, options.suite));
  }
  return { figures, skipped };
}

export function tables(figures: DjangoFigures[], skipped: string[]): BenchTable[] {
  const cols = ['measure', ...figures.map((f) => `Django 5.2 on ${f.db}`)];
  const row = (label: string, pick: (f: DjangoFigures) => string) => [label, ...figures.map(pick)];
  const commands = Object.keys(figures[0]?.commands ?? {});
  const out: BenchTable[] = [
    {
      title: 'Django adapter: sessions (ms, medians)',
      columns: cols,
      rows: [
        row('process start to hello', (f) => fmt(f.startMs)),
        row('open (fork, INSTALLED_APPS, models, tables, ready)', (f) => fmt(f.openMs)),
        row('close', (f) => fmt(f.closeMs)),
        row('per-session overhead (open + close)', (f) => fmt(f.sessionMs)),
        row('reset (3 rows)', (f) => fmt(f.resetMs)),
      ],
      notes: skipped,
    },
    {
      title: 'Django adapter: command round trips (ms, medians)',
      columns: cols,
      rows: [
        ...commands.map((op) => row(op, (f) => fmt(f.commands[op] ?? NaN))),
        row('http (test client, one view)', (f) => fmt(f.httpMs)),
        row('property runs per second (reset, new, full_clean, save)', (f) => f.propertyRunsPerSecond.toFixed(0)),
      ],
    },
  ];
  if (figures.some((f) => f.suite)) {
    out.push({
      title: 'Django adapter: the whole spec suite',
      columns: ['database', 'wall time (s)', 'result'],
      rows: figures.filter((f) => f.suite).map((f) => [f.db, (f.suite!.ms / 1000).toFixed(1), f.suite!.line]),
    });
  }
  return out;
}

const module = {
  name: 'django',
  async run(options: BenchOptions, print: (table: BenchTable) => void): Promise<void> {
    const { figures, skipped } = await benchDjango(options);
    if (figures.length === 0) {
      print({ title: 'Django adapter', columns: ['note'], rows: skipped.map((s) => [s]) });
      return;
    }
    for (const table of tables(figures, skipped)) print(table);
  },
};
export default module;

function printTable(table: BenchTable): void {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const out = [`\n### ${table.title}\n`, line(table.columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)];
  for (const note of table.notes ?? []) out.push(`\n${note}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { samples: { type: 'string', default: '9' }, suite: { type: 'boolean', default: false }, db: { type: 'string', default: 'sqlite,postgres' } } });
  const samples = Number(values.samples);
  await module.run({ samples: Number.isInteger(samples) && samples > 0 ? samples : 9, suite: values.suite, databases: values.db.split(',') }, printTable);
}
