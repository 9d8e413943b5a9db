/**
 * The vitest reporter behind `djspec run`: it turns each finished test into a case result (the
 * outcome the harness recorded in `task.meta.djspec`, checked against vitest's own state) and
 * shows progress while the run goes. On a terminal, one status line is rewritten in place and
 * failures are printed above it as they happen; elsewhere (CI logs), one line per finished file.
 */
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import type { CaseResult, Outcome, RunError } from '../report/schema.js';
import { declaredCase, moduleErrors, relativeFile, stripAnsi } from '../runner/collect.js';
import { paint, symbol } from './style.js';

export class RunRecorder implements Reporter {
  readonly cases: CaseResult[] = [];
  readonly errors: RunError[] = [];
  private done = 0;
  private readonly live: boolean;
  private activity = '';

  constructor(
    private readonly planned: number,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    this.live = Boolean(out.isTTY) && !process.env.CI;
  }

  /** On a terminal, the status line names the case that started last (a property can run for a while). */
  onTestCaseReady(test: TestCase): void {
    const id = test.meta().djspec?.id;
    if (id) this.status(`running ${id}`);
  }

  onTestCaseResult(test: TestCase): void {
    const result = caseResult(test);
    if (!result) return;
    this.cases.push(result);
    this.done++;
    if (result.outcome === 'failed') this.printAbove(failureBlock(result));
    else if (result.outcome === 'unexpected-pass') this.printAbove(`${paint('yellow', symbol('unexpected-pass'))} ${result.id} passed but is listed as an expected failure`);
    this.status(`${relativeFile(test.module.moduleId)}: ${result.id} ${result.outcome}`);
  }

  onTestModuleEnd(module: TestModule): void {
    const file = relativeFile(module.moduleId);
    const errors = moduleErrors(module);
    this.errors.push(...errors);
    for (const e of errors) this.printAbove(`${paint('red', symbol('failed'))} ${file} failed to load:\n${indent(e.message)}`);
    if (!this.live) {
      const mine = this.cases.filter((c) => c.file === file);
      if (mine.length) this.out.write(`${file}: ${countsText(mine)} (${this.done}/${this.planned})\n`);
    }
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    for (const e of unhandled) this.errors.push({ message: `unhandled error: ${stripAnsi(e.message ?? String(e))}` });
    if (reason === 'interrupted') this.errors.push({ message: 'the run was interrupted before every case finished' });
    if (this.live) this.out.write('\r\x1b[K');
  }

  private status(activity: string): void {
    if (!this.live) return;
    this.activity = activity;
    const line = `  ${this.done}/${this.planned}  ${countsText(this.cases)}  ${activity}`;
    const width = this.out.columns || 120;
    this.out.write(`\r\x1b[K${paint('dim', line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line)}`);
  }

  private printAbove(text: string): void {
    if (this.live) this.out.write('\r\x1b[K');
    this.out.write(`${text}\n`);
    if (this.live && this.activity) this.status(this.activity);
  }
}

/** The case result of one finished test; undefined for tests filtered out of this run. */
export function caseResult(test: TestCase): CaseResult | undefined {
  const declared = declaredCase(test);
  if (!declared) return undefined;
  const recorded = test.meta().djspec!;
  const result = test.result();
  let outcome: Outcome;
  if (result.state === 'failed') outcome = 'failed';
  else if (recorded.outcome) outcome = recorded.outcome;
  else if (result.state === 'passed') outcome = 'passed';
  else return undefined;

  const errors = result.state === 'failed' ? result.errors : [];
  const message = errors.map((e) => stripAnsi([e.message, e.diff].filter(Boolean).join('\n'))).join('\n\n');
  return {
    id: declared.id,
    area: declared.area,
    file: declared.file,
    ...(declared.line !== undefined && { line: declared.line }),
    rule: declared.rule,
    behaviors: declared.behaviors,
    level: declared.level,
    needs: declared.needs,
    outcome,
    ...(outcome === 'not-implemented' && { missing: recorded.missing ?? [] }),
    ...(recorded.reason !== undefined && (outcome === 'expected-failure' || outcome === 'unexpected-pass') && { reason: recorded.reason }),
    ...(outcome === 'failed' && { message: message || 'the case failed without an error message' }),
    ...(recorded.replay !== undefined && { replay: recorded.replay }),
    duration_ms: Math.round(test.diagnostic()?.duration ?? 0),
    ...(declared.seed !== undefined && { seed: declared.seed }),
    ...(declared.divergences !== undefined && { divergences: declared.divergences }),
  };
}

export function countsText(cases: readonly CaseResult[]): string {
  const n = (o: Outcome) => cases.filter((c) => c.outcome === o).length;
  const parts = [`${n('passed')} passed`, `${n('failed')} failed`, `${n('not-implemented')} not implemented`];
  if (n('expected-failure')) parts.push(`${n('expected-failure')} expected failures`);
  if (n('unexpected-pass')) parts.push(`${n('unexpected-pass')} unexpectedly passing`);
  return parts.join(', ');
}

function failureBlock(result: CaseResult): string {
  const lines = (result.message ?? '').split('\n');
  const shown = lines.length > 30 ? [...lines.slice(0, 30), `… (${lines.length - 30} more lines in the report)`] : lines;
  const replay = result.message?.includes('Replay: ') || !result.replay ? '' : `\n${indent(`Replay: ${result.replay}`)}`;
  return `${paint('red', symbol('failed'))} ${result.id} — ${result.rule}\n${indent(shown.join('\n'))}${replay}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
