/**
 * The reference implementation on each of its databases (pg-mem, PGlite, PostgreSQL): session
 * cost, command round trips, property runs per second, cascade deletion (when the reference
 * implements it), memory, and optionally the whole suite's wall time.
 */
import { ReferenceImplementation } from '../../reference/adapter/implementation.js';
import { closeDatabases } from '../../reference/db/database.js';
import {
  type BenchModule,
  type BenchOptions,
  type BenchTable,
  CASCADE_SIZES,
  cascadeDelete,
  commandRoundTrips,
  mb,
  memory,
  ms,
  propertyRunsPerSecond,
  sessionCosts,
  suiteWallTime,
  timed,
} from './harness.js';


async function reachable(db: string): Promise<string | undefined> {
  if (db !== 'postgres') return undefined;
  if (!process.env.DATABASE_URL) return 'DATABASE_URL is not set';
  const pg = (await import('pg')).default;
  const client = new pg.Client(process.env.DATABASE_URL);
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (e) {
    return `not reachable at ${process.env.DATABASE_URL}: ${(e as Error).message}`;
  }
}

const bench: BenchModule = {
  name: 'reference',
  async run(options: BenchOptions, print: (table: BenchTable) => void) {
    const impl = new ReferenceImplementation();
    const capabilities = (await impl.hello()).capabilities;
    const canCascade = capabilities.includes('relations.fk') && capabilities.includes('delete.cascade');
    const canCount = capabilities.includes('db.queries');
    const dbs: string[] = [];
    const skipped: string[] = [];
    for (const db of options.databases) {
      const problem = await reachable(db);
      if (problem) skipped.push(`${db}: ${problem}`);
      else dbs.push(db);
    }

    const sessionRows: (string | number)[][] = [];
    const commandRows: (string | number)[][] = [];
    const cascadeRows: (string | number)[][] = [];
    const memoryRows: (string | number)[][] = [];
    const suiteRows: (string | number)[][] = [];
    let commandNames: string[] = [];
    const before = memory();

    for (const db of dbs) {
      process.env.DJSPEC_DB = db;
      const start = memory();
      // The first session pays for start-up (PGlite: the WASM instance; PostgreSQL: the connection).
      const first = await timed(async () => {
        const opened = await impl.open({ apps: [] });
        await opened.session?.close();
      });
      // Warm-up, not measured: PGlite's WebAssembly is compiled to fast code only after a few
      // sessions' worth of queries (the first sessions take hundreds of ms).
      const warm = await timed(async () => {
        for (let i = 0; i < 5; i++) await sessionCosts(impl, 1);
      });
      const costs = await sessionCosts(impl, options.samples);
      sessionRows.push([db, ms(first.ms), ms(warm.ms), ms(costs.open), ms(costs.reset), ms(costs.close)]);

      const trips = await commandRoundTrips(impl, options.samples);
      commandNames = Object.keys(trips);
      const runsPerSecond = await propertyRunsPerSecond(impl, options.samples * 20);
      commandRows.push([db, ...Object.values(trips).map(ms), runsPerSecond.toFixed(0)]);

      if (canCascade) {
        for (const size of CASCADE_SIZES) {
          const figure = await cascadeDelete(impl, size, Math.max(5, Math.ceil(options.samples / 2)), canCount);
          cascadeRows.push([db, `1 + ${size.books} + ${size.books * size.chapters}`, figure.objects, ms(figure.deleteMs), figure.queries ?? '—']);
        }
      }
      const end = memory();
      memoryRows.push([db, mb(end.rss), mb(end.rss - start.rss), mb(end.heapUsed), mb(end.external)]);
      await closeDatabases();
      if (options.suite) {
        const suite = suiteWallTime(db === 'pg-mem' ? 'conformance' : `conformance:${db}`, options.suiteRuns);
        suiteRows.push([db, (suite.ms / 1000).toFixed(1), suite.line]);
      }
    }
    delete process.env.DJSPEC_DB;

    const skipNotes = skipped.map((s) => `not measured: ${s}`);
    print({
      title: 'Reference: session cost (ms, medians)',
      columns: ['database', 'first session', 'next 5 (warm-up)', 'open', 'reset (3 rows)', 'close'],
      rows: sessionRows,
      notes: [
        'first session = start-up (PGlite: the WebAssembly instance; PostgreSQL: the connection); warm-up = the next 5 sessions (each open, 3 resets, close).',
        'open = boot the project (apps, models, tables) on a fresh schema or database; reset = empty the rows and restart sequences, between property runs.',
        ...skipNotes,
      ],
    });
    print({
      title: 'Reference: command round trip (ms, medians) and property runs',
      columns: ['database', ...commandNames, 'fast-check runs/s'],
      rows: commandRows,
      notes: ['runs/s: one run = reset + new + full_clean + save of a generated CharField value, as a field case does.'],
    });
    if (canCascade) {
      print({
        title: 'Reference: cascade deletion (delete one author; CASCADE to books and chapters)',
        columns: ['database', 'graph (objects)', 'deleted', 'delete (ms, median)', 'SQL statements'],
        rows: cascadeRows,
        notes: [
          "SQL statements: as the contract's captured_queries counts them (BEGIN and COMMIT included). On pg-mem add one per foreign key checked at COMMIT: pg-mem does not defer key checks, so the reference does them itself.",
        ],
      });
    } else {
      print({
        title: 'Reference: cascade deletion',
        columns: ['status'],
        rows: [['not measured: the reference does not declare relations.fk and delete.cascade yet']],
      });
    }
    print({
      title: 'Reference: memory after each database',
      columns: ['database', 'RSS', 'RSS added', 'JS heap used', 'external + array buffers'],
      rows: memoryRows,
      notes: [`before any database: RSS ${mb(before.rss)}, heap ${mb(before.heapUsed)}. PGlite's RSS stays high after close (a WASM high-water mark).`],
    });
    if (options.suite) {
      print({ title: `Reference: the spec suite, wall time (median of ${options.suiteRuns} runs)`, columns: ['database', 'seconds', 'closing line'], rows: suiteRows });
    }
  },
};

export default bench;
