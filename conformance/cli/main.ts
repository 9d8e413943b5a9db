/**
 * `djspec <command>`: run the suite, list its cases, or combine reports. Every problem with the
 * input — the command line, the implementation, an expectations or report file — is one line on
 * stderr starting with `djspec:` and exit status 2; a run that finds regressions exits 1.
 *
 * The command line is checked before anything heavy loads: vitest, the contract and the
 * reporters are imported only by the command that needs them.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { USAGE, UsageError, parseListOptions, parseReportOptions, parseRunOptions, suiteVersion, type Filters } from './options.js';

/** Errors that are the user's input, not a bug: one line and exit 2. */
const INPUT_ERRORS = new Set(['UsageError', 'SetupError', 'ReportFileError']);

async function listCommand({ filters, json }: { filters: Filters; json: boolean }): Promise<number> {
  const { collectCases } = await import('../runner/collect.js');
  const { selectCases } = await import('./filters.js');
  const collection = await collectCases();
  const { cases, warnings } = selectCases(collection.cases, filters);
  if (json) {
    process.stdout.write(`${JSON.stringify({ cases, errors: collection.errors }, null, 2)}\n`);
  } else {
    for (const w of warnings) process.stdout.write(`note: ${w}\n`);
    for (const c of cases) {
      process.stdout.write(`${c.id}  [${c.behaviors.join(', ')}]${c.level === 'optional' ? ' optional' : ''}\n    ${c.rule}\n    needs: ${c.needs.join(', ') || 'nothing'} · ${c.file}:${c.line ?? ''}\n`);
    }
    process.stdout.write(`${cases.length} case(s)\n`);
  }
  for (const e of collection.errors) process.stderr.write(`djspec: ${e.file ? `${e.file} failed to load: ` : ''}${e.message}\n`);
  return collection.errors.length ? 1 : 0;
}

async function reportCommand(options: ReturnType<typeof parseReportOptions>): Promise<number> {
  const { parseReport, ReportFileError } = await import('../report/schema.js');
  const { renderHtml } = await import('../report/html.js');
  const { renderJunit } = await import('../report/junit.js');
  const reports = options.inputs.map((file) => {
    if (!existsSync(file)) throw new ReportFileError(`${relative(process.cwd(), file) || file}: no such report file`);
    return parseReport(readFileSync(file, 'utf8'), relative(process.cwd(), file) || file);
  });
  const labels = reports.map((r) => r.implementation.label).join(', ');
  for (const [path, text] of [
    [options.html, options.html && renderHtml(reports)],
    [options.junit, options.junit && renderJunit(reports)],
  ] as const) {
    if (!path || !text) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    process.stdout.write(`wrote ${relative(process.cwd(), path) || path} (${labels})\n`);
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': {
        const options = parseRunOptions(rest);
        const { runCommand } = await import('./run.js');
        return await runCommand(options);
      }
      case 'list':
        return await listCommand(parseListOptions(rest));
      case 'report':
        return await reportCommand(parseReportOptions(rest));
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case '--version':
        process.stdout.write(`${suiteVersion()}\n`);
        return 0;
      case undefined:
        process.stderr.write(`${USAGE}\n`);
        return 2;
      default:
        throw new UsageError(`unknown command "${command}" (commands: run, list, report, help)`);
    }
  } catch (e) {
    if (e instanceof Error && INPUT_ERRORS.has(e.name)) {
      process.stderr.write(`djspec: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`djspec: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
