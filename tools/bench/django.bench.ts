/**
 * Real Django 5.2 through its adapter (`conformance/adapters/django/`), on SQLite in memory and
 * on PostgreSQL: process start, session cost (open, reset, close), command round trips, property
 * runs per second, one request through the test client, and optionally the whole suite's wall
 * time. Everything goes through the line protocol, as the suite drives it, with the same
 * measurements as the reference's (`harness.ts`).
 *
 *   npm run bench -- --only django [--samples 9] [--suite] [--db postgres]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProcessImplementation } from '../../conformance/runner/process.js';
import { PROJECT_ROOT } from '../../conformance/runner/select.js';
import {
  type BenchModule,
  type BenchOptions,
  type BenchTable,
  CASCADE_SIZES,
  type CascadeFigure,
  cascadeDelete,
  commandRoundTrips,
  ms,
  NOTE_SETUP,
  openOrThrow,
  propertyRunsPerSecond,
  sessionCosts,
  suiteWallTime,
  timed,
} from './harness.js';

type DjangoDatabase = 'sqlite' | 'postgres';

export interface DjangoFigures {
  db: DjangoDatabase;
  /** Spawn to `hello` answered (Django imported and set up). */
  startMs: number;
  openMs: number;
  closeMs: number;
  resetMs: number;
  commands: Record<string, number>;
  propertyRunsPerSecond: number;
  cascade: CascadeFigure[];
  suite?: { ms: number; runs: number; line: string };
}

const RUN = resolve(PROJECT_ROOT, 'conformance/adapters/django/run');

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
export async function measureDjango(db: DjangoDatabase, options: BenchOptions): Promise<DjangoFigures> {
  const impl = new ProcessImplementation({ command: RUN, env: { DJSPEC_DJANGO_DB: db }, timeoutMs: 60_000 });
  try {
    const start = await timed(() => impl.hello());
    // Warm-up: the first session on PostgreSQL creates the schema that later ones reuse.
    await (await openOrThrow(impl, NOTE_SETUP)).close();
    const costs = await sessionCosts(impl, options.samples);
    const commands = await commandRoundTrips(impl, options.samples, { http: { op: 'http', method: 'GET', path: '/hello/' } });
    const runsPerSecond = await propertyRunsPerSecond(impl, options.samples * 20);
    const cascade: CascadeFigure[] = [];
    for (const size of CASCADE_SIZES) cascade.push(await cascadeDelete(impl, size, Math.max(5, Math.ceil(options.samples / 2)), true));
    const figures: DjangoFigures = {
      db,
      startMs: start.ms,
      openMs: costs.open,
      closeMs: costs.close,
      resetMs: costs.reset,
      commands,
      propertyRunsPerSecond: runsPerSecond,
      cascade,
    };
    if (options.suite) figures.suite = suiteWallTime(db === 'sqlite' ? 'conformance:django' : 'conformance:django:postgres', options.suiteRuns);
    return figures;
  } finally {
    await impl.shutdown();
  }
}

/** Every figure for the databases asked for; PostgreSQL is skipped (with the reason) when unreachable. */
export async function benchDjango(options: BenchOptions): Promise<{ figures: DjangoFigures[]; skipped: string[] }> {
  const figures: DjangoFigures[] = [];
  const skipped: string[] = [];
  if (!existsSync(resolve(PROJECT_ROOT, 'conformance/adapters/django/.venv/bin/python'))) {
    return { figures, skipped: ['the Django adapter is not set up (npm run setup:django)'] };
  }
  figures.push(await measureDjango('sqlite', options));
  if (options.databases.includes('postgres')) {
    const problem = postgresReachable();
    if (problem) skipped.push(`PostgreSQL: not reachable (${problem})`);
    else figures.push(await measureDjango('postgres', options));
  }
  return { figures, skipped };
}

export function tables(figures: DjangoFigures[], skipped: string[], suiteRuns: number): BenchTable[] {
  const cols = ['measure', ...figures.map((f) => `Django 5.2 on ${f.db}`)];
  const row = (label: string, pick: (f: DjangoFigures) => string) => [label, ...figures.map(pick)];
  const commands = Object.keys(figures[0]?.commands ?? {});
  const out: BenchTable[] = [
    {
      title: 'Django adapter: sessions (ms, medians)',
      columns: cols,
      rows: [
        row('process start to hello', (f) => ms(f.startMs)),
        row('open (fork, INSTALLED_APPS, models, tables, ready)', (f) => ms(f.openMs)),
        row('close', (f) => ms(f.closeMs)),
        row('per-session overhead (open + close)', (f) => ms(f.openMs + f.closeMs)),
        row('reset (3 rows)', (f) => ms(f.resetMs)),
      ],
      notes: skipped,
    },
    {
      title: 'Django adapter: command round trips (ms, medians)',
      columns: cols,
      rows: [
        ...commands.map((op) => row(op === 'http' ? 'http (test client, one view)' : op, (f) => ms(f.commands[op] ?? NaN))),
        row('property runs per second (reset, new, full_clean, save)', (f) => f.propertyRunsPerSecond.toFixed(0)),
      ],
    },
  ];
  out.push({
    title: 'Django adapter: cascade deletion (delete one author; CASCADE to books and chapters)',
    columns: ['database', 'graph (objects)', 'deleted', 'delete (ms, median)', 'SQL statements'],
    rows: figures.flatMap((f) => CASCADE_SIZES.map((size, i) => [f.db, `1 + ${size.books} + ${size.books * size.chapters}`, f.cascade[i]!.objects, ms(f.cascade[i]!.deleteMs), f.cascade[i]!.queries ?? '—'])),
  });
  if (figures.some((f) => f.suite)) {
    out.push({
      title: `Django adapter: the whole spec suite (median of ${suiteRuns} runs)`,
      columns: ['database', 'wall time (s)', 'result'],
      rows: figures.filter((f) => f.suite).map((f) => [f.db, (f.suite!.ms / 1000).toFixed(1), f.suite!.line]),
    });
  }
  return out;
}

const bench: BenchModule = {
  name: 'django',
  async run(options: BenchOptions, print: (table: BenchTable) => void): Promise<void> {
    const { figures, skipped } = await benchDjango(options);
    if (figures.length === 0) {
      print({ title: 'Django adapter', columns: ['note'], rows: skipped.map((s) => [s]) });
      return;
    }
    for (const table of tables(figures, skipped, options.suiteRuns)) print(table);
  },
};
export default bench;
