/**
 * `npm run bench`: prints figures (not timed tests) for every bench module found beside this
 * file (`*.bench.ts`): the reference on pg-mem, PGlite and PostgreSQL, and any other
 * implementation a module measures.
 *
 *   npm run bench                              # all databases, 9 samples per figure
 *   npm run bench -- --samples 5 --db pglite   # fewer samples, one database
 *   npm run bench -- --suite                   # also the whole suite's wall time per database (as npm run conformance* runs it)
 *   npm run bench -- --suite --suite-runs 5    # ... as the median of 5 runs (default 3)
 *   npm run bench -- --only reference          # one bench module
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, type BenchModule, type BenchOptions, type BenchTable } from './harness.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATABASES = ['pg-mem', 'pglite', 'postgres'];

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run bench -- [--samples N] [--db pg-mem,pglite,postgres] [--suite [--suite-runs N]] [--only <module>]\n`);
  process.exit(2);
}

function parseOptions(argv: string[]): BenchOptions & { only?: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { samples: { type: 'string', default: '9' }, db: { type: 'string' }, suite: { type: 'boolean', default: false }, 'suite-runs': { type: 'string', default: '3' }, only: { type: 'string' } },
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }
  const samples = Number(parsed.samples);
  if (!Number.isInteger(samples) || samples < 1) usage(`--samples must be a positive integer (got ${parsed.samples})`);
  const suiteRuns = Number(parsed['suite-runs']);
  if (!Number.isInteger(suiteRuns) || suiteRuns < 1) usage(`--suite-runs must be a positive integer (got ${parsed['suite-runs']})`);
  const databases = parsed.db ? parsed.db.split(',').map((d) => d.trim()) : DATABASES;
  const unknown = databases.filter((d) => !DATABASES.includes(d));
  if (unknown.length) usage(`unknown database ${unknown.join(', ')} (known: ${DATABASES.join(', ')})`);
  return { samples, databases, suite: parsed.suite, suiteRuns, ...(parsed.only && { only: parsed.only }) };
}

function printTable(table: BenchTable): void {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const out = [`\n### ${table.title}\n`, line(table.columns), `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`];
  for (const row of cells.slice(1)) out.push(line(row));
  for (const note of table.notes ?? []) out.push(`\n${note}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function loadModules(only?: string): Promise<BenchModule[]> {
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort((a, b) => (a === 'reference.bench.ts' ? -1 : b === 'reference.bench.ts' ? 1 : a.localeCompare(b)));
  const modules: BenchModule[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(HERE, file)).href)) as { default?: BenchModule };
    if (!mod.default || typeof mod.default.run !== 'function') throw new Error(`${file} has no default export with run()`);
    if (!only || mod.default.name === only) modules.push(mod.default);
  }
  if (only && modules.length === 0) usage(`no bench module named ${only} (files: ${files.join(', ')})`);
  return modules;
}

// The server `npm run conformance:postgres` uses unless told otherwise.
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
const options = parseOptions(process.argv.slice(2));
process.stdout.write(`# djspec bench\n\nMachine: ${machine()}. Figures are medians of ${options.samples} samples or more.\n`);
let failed = false;
for (const module of await loadModules(options.only)) {
  const start = Date.now();
  try {
    await module.run(options, printTable);
  } catch (e) {
    failed = true;
    process.stdout.write(`\n### ${module.name}: failed\n\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.stdout.write(`\n(${module.name}: ${((Date.now() - start) / 1000).toFixed(1)} s)\n`);
}
process.exit(failed ? 1 : 0);
