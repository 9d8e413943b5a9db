/**
 * Prints the run seed first and a plain closing line last: `N passed, N failed`, with the
 * conformance outcomes (not implemented, expected failures, unexpectedly passing) on the line
 * before it. CI reads the closing line.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onInit(): void {
    process.stdout.write(`djspec run seed: DJSPEC_SEED=${process.env.DJSPEC_SEED}\n`);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, 'not-implemented': 0, 'expected-failure': 0, 'unexpected-pass': 0 };
    const flagged: string[] = [];
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const outcome = test.meta().djspec?.outcome;
        if (outcome === 'not-implemented') counts['not-implemented']++;
        else if (outcome === 'expected-failure') counts['expected-failure']++;
        else if (outcome === 'unexpected-pass') {
          counts['unexpected-pass']++;
          flagged.push(test.meta().djspec!.id);
        }
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    if (flagged.length) process.stdout.write(`unexpectedly passing (remove from expectations): ${flagged.join(', ')}\n`);
    const extra = counts['not-implemented'] + counts['expected-failure'] + counts['unexpected-pass'];
    if (extra) {
      process.stdout.write(
        `conformance: ${counts['not-implemented']} not implemented, ${counts['expected-failure']} expected failures, ${counts['unexpected-pass']} unexpectedly passing\n`,
      );
    }
    process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
  }
}
