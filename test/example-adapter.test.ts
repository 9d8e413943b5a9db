/**
 * The worked example in `conformance/examples/memory-store/` does what its README promises a
 * newcomer: run with the command the README gives, the cases it has the capabilities for run
 * (some pass), every other case is reported as not implemented with the capabilities it lacks,
 * the failures listed in its expectations file are expected failures, and nothing else fails.
 *
 * When a new case makes the example fail, the example is a third-party implementation like any
 * other: if the case is right, list it in the example's expectations.json with the reason.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { djspec, ROOT } from './support/djspec-cli.js';
import { ReportSchema } from '../conformance/report/schema.js';

const EXAMPLE = 'conformance/examples/memory-store';

describe('the example adapter', () => {
  it('passes some cases, reports the rest as not implemented, and its listed failures as expected', async () => {
    const out = mkdtempSync(join(tmpdir(), 'djspec-example-'));
    // The command line of the example's README, with a fixed seed.
    const result = await djspec(['run', '--impl', `${EXAMPLE}/adapter.ts`, '--expectations', `${EXAMPLE}/expectations.json`, '--reporter', 'json,html', '--out', out, '--seed', '11']);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(out, 'memory-store.json'), 'utf8')));
    const listed = Object.keys((JSON.parse(readFileSync(join(ROOT, EXAMPLE, 'expectations.json'), 'utf8')) as { expected_failures: Record<string, string> }).expected_failures);
    const outcome = (id: string) => report.cases.find((c) => c.id === id)?.outcome;

    const declared = report.implementation.capabilities;
    expect(declared).toEqual(['fields.char', 'validation.full_clean']);
    for (const c of report.cases) {
      const missing = c.needs.filter((n) => !declared.includes(n));
      if (missing.length) expect({ id: c.id, outcome: c.outcome, missing: c.missing }).toEqual({ id: c.id, outcome: 'not-implemented', missing });
      else expect({ id: c.id, outcome: c.outcome }).not.toEqual({ id: c.id, outcome: 'not-implemented' });
    }

    // Every listed case the suite has is an expected failure; a listed id the suite does not have
    // (yet) is named by the run, not silently ignored.
    const present = listed.filter((id) => outcome(id) !== undefined);
    expect(present.map((id) => [id, outcome(id)])).toEqual(present.map((id) => [id, 'expected-failure']));
    const absent = listed.filter((id) => outcome(id) === undefined);
    if (absent.length) expect(result.stdout).toContain(`lists ids that no case has: ${absent.join(', ')}`);
    expect(report.cases.find((c) => c.id === 'fields.char.max-length-counts-code-points')!.reason).toMatch(/^listed in .*expectations\.json: max_length is measured with String\.length, in UTF-16 code units.*\. Observed: Property failed after/);
    expect(outcome('fields.char.save-does-not-validate')).toBe('passed');

    const failing = report.cases.filter((c) => c.outcome === 'failed').map((c) => `${c.id}: ${c.message?.split('\n')[0]}`);
    expect(failing, `the example adapter fails cases not listed in ${EXAMPLE}/expectations.json`).toEqual([]);
    expect(result.status).toBe(0);

    const s = report.summary;
    expect(result.stdout).toContain(`\n  ${String(s.passed).padStart(String(s.total).length)} ✓ passed\n`);
    expect(result.stdout).toContain(`${String(s.expected_failures).padStart(String(s.total).length)} × expected failures\n`);
    expect(result.stdout).toContain(`Reports: ${join(out, 'memory-store.json')}, ${join(out, 'memory-store.html')}`);
    expect(readFileSync(join(out, 'memory-store.html'), 'utf8')).toContain('<th class="impl">memory-store</th>');
  });
});
