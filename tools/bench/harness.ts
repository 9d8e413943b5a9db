/**
 * The bench's building blocks: a bench module's shape, timing with medians, memory readings,
 * and the measurements any implementation can be put through (session cost, command round
 * trips, property runs per second, cascade deletion), all through the contract.
 *
 * A bench module is a file `tools/bench/<name>.bench.ts` whose default export is a `BenchModule`;
 * `npm run bench` imports every such file it finds.
 */
import * as fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import type { Implementation, Session } from '../../conformance/contract/implementation.js';
import type { Command } from '../../conformance/contract/commands.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { Value } from '../../conformance/contract/values.js';
import { PROJECT_ROOT } from '../../conformance/runner/select.js';

export interface BenchOptions {
  /** Repetitions of each timed step (the figure printed is their median). */
  samples: number;
  /** The reference's databases to measure (those not reachable are reported, not measured). */
  databases: string[];
  /** Also time the whole spec suite per database (runs vitest: minutes of CPU). */
  suite: boolean;
  /** How many suite runs the suite's wall time is the median of. */
  suiteRuns: number;
}

export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

export interface BenchModule {
  name: string;
  run(options: BenchOptions, print: (table: BenchTable) => void): Promise<void>;
}

// Timing -------------------------------------------------------------------------------------

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Milliseconds with the precision a human reads: 0.123, 12.3, 1234. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value < 1) return value.toFixed(3);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  external: number;
}

export function memory(): MemoryReading {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${mb(totalmem())} RAM, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at start`;
}

// Measurements through the contract ---------------------------------------------------------

/** A small project: one model with the common field kinds, and one view. */
export const NOTE_SETUP: SessionSetup = {
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

/** Three levels of CASCADE: Author ← Book ← Chapter. */
export const CASCADE_SETUP: SessionSetup = {
  apps: [
    {
      name: 'bench',
      models: [
        { name: 'Author', fields: [{ name: 'name', type: 'CharField', max_length: 40 }] },
        { name: 'Book', fields: [{ name: 'title', type: 'CharField', max_length: 40 }, { name: 'author', type: 'ForeignKey', to: 'bench.Author', on_delete: 'CASCADE' }] },
        { name: 'Chapter', fields: [{ name: 'title', type: 'CharField', max_length: 40 }, { name: 'book', type: 'ForeignKey', to: 'bench.Book', on_delete: 'CASCADE' }] },
      ],
    },
  ],
};

export async function must(session: Session, command: Command): Promise<Value> {
  const response = await session.run(command);
  if (!response.ok) throw new Error(`${command.op} raised ${response.error.type}: ${response.error.message ?? ''}`);
  return response.value;
}

export async function openOrThrow(impl: Implementation, setup: SessionSetup): Promise<Session> {
  const opened = await impl.open(setup);
  if (!opened.ok || !opened.session) throw new Error(`the bench setup failed to start: ${JSON.stringify(opened).slice(0, 300)}`);
  return opened.session;
}

const handle = (value: Value) => ({ $h: (value as { $obj: { h: string } }).$obj.h });

export interface SessionCosts {
  open: number;
  reset: number;
  close: number;
}

/** Median cost of opening a session (boot + tables), resetting it (3 rows) and closing it. */
export async function sessionCosts(impl: Implementation, samples: number): Promise<SessionCosts> {
  const open: number[] = [];
  const reset: number[] = [];
  const close: number[] = [];
  for (let i = 0; i < samples; i++) {
    const o = await timed(() => openOrThrow(impl, NOTE_SETUP));
    open.push(o.ms);
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 3; k++) await must(o.value, { op: 'create', model: 'bench.Note', values: { title: `n${k}` } });
      reset.push((await timed(() => must(o.value, { op: 'reset' }))).ms);
    }
    close.push((await timed(() => o.value.close())).ms);
  }
  return { open: median(open), reset: median(reset), close: median(close) };
}

/**
 * Median round trip of common commands, each repeated `samples × 10` times on one session;
 * `extra` adds named commands run the same number of times (a request, for an implementation
 * that serves views).
 */
export async function commandRoundTrips(impl: Implementation, samples: number, extra: Record<string, Command> = {}): Promise<Record<string, number>> {
  const session = await openOrThrow(impl, NOTE_SETUP);
  const repeat = samples * 10;
  const times: Record<string, number[]> = { create: [], get: [], filter: [], save: [], full_clean: [], count: [] };
  for (const name of Object.keys(extra)) times[name] = [];
  try {
    for (let i = 0; i < repeat; i++) {
      const c = await timed(() => must(session, { op: 'create', model: 'bench.Note', values: { title: `t${i}`, rank: i } }));
      times.create!.push(c.ms);
      const ref = handle(c.value);
      times.get!.push((await timed(() => must(session, { op: 'get', model: 'bench.Note', where: { rank: i } }))).ms);
      times.filter!.push((await timed(() => must(session, { op: 'filter', model: 'bench.Note', where: { rank__gte: Math.max(0, i - 5) } }))).ms);
      times.save!.push((await timed(() => must(session, { op: 'save', obj: ref }))).ms);
      times.full_clean!.push((await timed(() => must(session, { op: 'full_clean', obj: ref }))).ms);
      times.count!.push((await timed(() => must(session, { op: 'count', model: 'bench.Note' }))).ms);
      for (const [name, command] of Object.entries(extra)) times[name]!.push((await timed(() => must(session, command))).ms);
    }
  } finally {
    await session.close();
  }
  return Object.fromEntries(Object.entries(times).map(([op, t]) => [op, median(t)]));
}

/**
 * fast-check runs per second for a field case, as the harness runs it: reset, build an instance
 * from a generated string, full_clean() it, save it.
 */
export async function propertyRunsPerSecond(impl: Implementation, runs: number): Promise<number> {
  const session = await openOrThrow(impl, NOTE_SETUP);
  try {
    const { ms: elapsed } = await timed(() =>
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
    return (runs * 1000) / elapsed;
  } finally {
    await session.close();
  }
}

/** The cascade graphs every implementation is measured on: 1 author, its books, their chapters. */
export const CASCADE_SIZES = [
  { books: 10, chapters: 10 },
  { books: 50, chapters: 20 },
];

export interface CascadeFigure {
  objects: number;
  deleteMs: number;
  queries?: number;
}

/**
 * Deletes one author with `books` books of `chapters` chapters each (CASCADE at both levels);
 * the median over `samples` graphs. With `countQueries` (an implementation declaring
 * `db.queries`), the statements are counted through the contract's `captured_queries`.
 */
export async function cascadeDelete(
  impl: Implementation,
  sizes: { books: number; chapters: number },
  samples: number,
  countQueries = false,
): Promise<CascadeFigure> {
  const session = await openOrThrow(impl, CASCADE_SETUP);
  const times: number[] = [];
  const queries: number[] = [];
  let objects = 0;
  try {
    for (let i = 0; i < samples; i++) {
      await must(session, { op: 'reset' });
      const author = await must(session, { op: 'create', model: 'bench.Author', values: { name: 'a' } });
      const books = (await must(session, {
        op: 'bulk_create',
        model: 'bench.Book',
        rows: Array.from({ length: sizes.books }, (_, b) => ({ title: `b${b}`, author: handle(author) })),
      })) as Value[];
      for (let b = 0; b < books.length; b += 10) {
        const rows = books.slice(b, b + 10).flatMap((book) => Array.from({ length: sizes.chapters }, (_, c) => ({ title: `c${c}`, book: handle(book) })));
        await must(session, { op: 'bulk_create', model: 'bench.Chapter', rows });
      }
      const result = await timed(() => must(session, { op: 'delete', obj: handle(author) }));
      times.push(result.ms);
      if (countQueries) queries.push((await must(session, { op: 'captured_queries' })) as number);
      objects = (result.value as [number, unknown])[0];
    }
  } finally {
    await session.close();
  }
  return { objects, deleteMs: median(times), ...(queries.length && { queries: median(queries) }) };
}

/**
 * The spec suite's wall time as a user runs it: `runs` runs of `npm run <script>` (one of the
 * package's `conformance*` scripts), their median, and the closing `N passed, N failed` line.
 */
export function suiteWallTime(script: string, runs: number): { ms: number; runs: number; line: string } {
  const times: number[] = [];
  let line = '';
  for (let i = 0; i < runs; i++) {
    const start = Date.now();
    const run = spawnSync('npm', ['run', '-s', script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    times.push(Date.now() - start);
    line = `${run.stdout ?? ''}`.split('\n').filter((l) => /^\d+ passed, \d+ failed/.test(l)).at(-1) ?? `exit ${run.status}`;
  }
  return { ms: median(times), runs, line };
}
