/**
 * The summary printed at the end of `djspec run`, and the exit status. The last line is the
 * plain `N passed, N failed, N skipped` that CI scripts read: passed counts every case that ran
 * without regressing (expected failures included), failed counts regressions, skipped counts the
 * cases not implemented.
 */
import type { Report } from '../report/schema.js';
import { paint, symbol } from './style.js';

/** A multi-line message on one line, cut at 300 characters. */
export function oneLine(message: string): string {
  const line = message.trim().replace(/\s*\n\s*/g, ' ');
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

export function printSummary(report: Report, options: { strict: boolean; written: string[] }, out: NodeJS.WritableStream = process.stdout): number {
  const s = report.summary;
  const missing = new Map<string, number>();
  for (const c of report.cases) for (const m of c.missing ?? []) missing.set(m, (missing.get(m) ?? 0) + 1);
  const needs = [...missing.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const unexpected = report.cases.filter((c) => c.outcome === 'unexpected-pass');
  const width = String(s.total).length;
  const row = (n: number, text: string, color?: 'red' | 'green' | 'yellow') => {
    const line = `  ${String(n).padStart(width)} ${text}`;
    return color && n > 0 ? paint(color, line) : line;
  };

  const lines = [
    '',
    row(s.passed, `${symbol('passed')} passed`, 'green'),
    row(s.failed, `${symbol('failed')} failed`, 'red'),
    row(s.not_implemented, `${symbol('not-implemented')} not implemented${needs.length ? ` (missing: ${needs.map(([m, n]) => `${m} ×${n}`).join(', ')})` : ''}`),
    row(s.expected_failures, `${symbol('expected-failure')} expected failures`),
    row(s.unexpected_passes, `${symbol('unexpected-pass')} unexpectedly passing`, 'yellow'),
  ];
  if (s.errors) lines.push(row(s.errors, `${symbol('failed')} errors outside cases`, 'red'));
  for (const e of report.errors) lines.push(paint('red', `     ${e.file ? `${e.file}: ` : ''}${oneLine(e.message)}`));
  if (unexpected.length) {
    lines.push('', paint('yellow', `Listed as expected failures but passing (remove them from ${report.run.expectations ?? 'the expectations file'}):`));
    for (const c of unexpected) lines.push(`  ${c.id}`);
  }
  const failed = report.cases.filter((c) => c.outcome === 'failed');
  if (failed.length) {
    lines.push('', 'Failed (each line replays one case):');
    for (const c of failed) lines.push(`  ${c.id}`, `    ${c.replay ?? ''}`);
  }
  if (options.written.length) lines.push('', `Reports: ${options.written.join(', ')}`);

  const regressions = s.failed + s.errors + (options.strict ? s.unexpected_passes : 0);
  const ran = s.passed + s.expected_failures + s.unexpected_passes;
  lines.push(
    '',
    `${options.strict ? ran - s.unexpected_passes : ran} passed, ${regressions} failed, ${s.not_implemented} skipped`,
  );
  out.write(`${lines.join('\n')}\n`);
  return regressions > 0 ? 1 : 0;
}
