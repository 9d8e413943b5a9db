/**
 * The `djspec` command as a user meets it: bad input gets one clear line and exit 2, before
 * anything runs; a run reports every outcome (not implemented with the missing capabilities,
 * expected failures, unexpected passes, failures with their replay command) in the summary and in
 * every report file, and exits 1 only when something regressed.
 *
 * Runs are narrowed with --case to the two CharField cases, so this file stays fast however
 * large the suite grows.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { djspec, ROOT } from './support/djspec-cli.js';
import { ReportSchema, type Report } from '../conformance/report/schema.js';

const CODEPOINTS = 'fields.char.max-length-counts-code-points';
const SAVE_SKIPS = 'fields.char.save-does-not-validate';
const BOTH = ['--case', `${CODEPOINTS},${SAVE_SKIPS}`, '--runs', '5', '--seed', '7'];
/** An adapter that loads at once, for tests about the rest of the command line. */
const NOTHING = ['--impl', 'test/fakes/declares-nothing.ts'];

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'djspec-cli-'));
}

function readReport(dir: string, name: string): Report {
  return ReportSchema.parse(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
}

function outcomes(report: Report): Record<string, string> {
  return Object.fromEntries(report.cases.map((c) => [c.id, c.outcome]));
}

describe.concurrent('bad input: one clear message on stderr, exit 2, nothing run', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'broken.json'), '{"expected_failures": {');
  writeFileSync(join(dir, 'no-reason.json'), '{"expected_failures": {"fields.char.save-does-not-validate": ""}}');
  writeFileSync(join(dir, 'not-a-report.json'), '{"hello": 1}');

  it.each([
    ['no such adapter module', ['run', '--impl', './no-such-adapter.ts'], /^djspec: --impl \.\/no-such-adapter\.ts: no such adapter module \(looked at .*no-such-adapter\.ts\); --impl takes reference, django, a module path or cmd:<command line>\n$/],
    ['a module that does not export the contract', ['run', '--impl', 'test/fakes/not-an-adapter.ts'], /^djspec: cannot use the implementation "test\/fakes\/not-an-adapter\.ts": the module .*not-an-adapter\.ts does not export createImplementation\(\) \(named or default\)\n$/],
    ['a program that prints garbage instead of the protocol', ['run', '--impl', `cmd:node -e "console.log('Welcome to my ORM'); setInterval(() => {}, 1000)"`], /^djspec: cannot use the implementation "cmd:node -e .*": hello: the implementation printed a line that is not JSON: Welcome to my ORM\n$/],
    ['a command that cannot start', ['run', '--impl', 'cmd:./no-such-program --serve'], /^djspec: cannot use the implementation "cmd:\.\/no-such-program --serve": .*(exited \(code 127\)|could not start).*no-such-program/s],
    ['an expectations file that is not JSON', ['run', '--expectations', join(dir, 'broken.json')], /^djspec: the expectations file .*broken\.json is not valid JSON: .+\n$/],
    ['an expectations entry without a reason', ['run', '--expectations', join(dir, 'no-reason.json')], /^djspec: the expectations file .*no-reason\.json is malformed at expected_failures\.fields\.char\.save-does-not-validate: every expected failure needs a reason\n$/],
    ['a missing expectations file', ['run', '--expectations', 'nowhere.json'], /^djspec: --expectations nowhere\.json: no such file\n$/],
    ['an unknown reporter', ['run', '--reporter', 'json,pdf'], /^djspec: unknown reporter "pdf" \(known: json, junit, html\)\n$/],
    ['an unknown area', ['run', '--area', 'orm', ...NOTHING], /^djspec: unknown area "orm" \(case folders: .*fields.*; catalog areas: fields, relations, signals-apps-auth, views\)\n$/],
    ['an unknown behavior ID', ['run', '--behavior', 'DEL-CASCADES', ...NOTHING], /^djspec: unknown behavior ID "DEL-CASCADES" \(behavior IDs are listed in spec\/catalog\/\)\n$/],
    ['a behavior ID in the wrong case', ['run', '--behavior', 'del-cascade', ...NOTHING], /^djspec: unknown behavior ID "del-cascade" \(did you mean DEL-CASCADE\?\)\n$/],
    ['an unknown case id', ['run', '--case', 'fields.char.nope', ...NOTHING], /^djspec: no case has the id "fields\.char\.nope" \(djspec list shows them\)\n$/],
    ['a seed that is not an integer', ['run', '--seed', 'abc'], /^djspec: --seed must be an integer of at least -2147483648 \(got "abc"\)\n$/],
    ['a run count of zero', ['run', '--runs', '0'], /^djspec: --runs must be an integer of at least 1 \(got "0"\)\n$/],
    ['--db for a third-party adapter', ['run', '--impl', 'conformance/examples/memory-store/adapter.ts', '--db', 'sqlite'], /^djspec: --db applies to --impl reference or django; another implementation chooses its own database\n$/],
    ['an unknown option', ['run', '--implementation', 'x'], /^djspec: Unknown option '--implementation' \(see djspec help\)\n$/],
    ['an unknown command', ['test'], /^djspec: unknown command "test" \(commands: run, list, report, help\)\n$/],
    ['a report file that is not a report', ['report', join(dir, 'not-a-report.json'), '--html', join(dir, 'out.html')], /^djspec: .*not-a-report\.json is not a djspec report \(at format: .+\)\n$/],
    ['report without an output', ['report', join(dir, 'not-a-report.json')], /^djspec: djspec report needs --html <file> and\/or --junit <file>\n$/],
  ])('%s', async (_, args, message) => {
    const result = await djspec(args);
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
    expect(result.stdout).not.toMatch(/passed, \d+ failed/);
  });
});

describe('a run', () => {
  it('reports cases the implementation lacks capabilities for as not implemented, with the missing capabilities, in every report', async () => {
    const out = scratch();
    const result = await djspec(['run', '--impl', 'test/fakes/declares-nothing.ts', ...BOTH, '--reporter', 'json,junit,html', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('2 ○ not implemented (missing: fields.char ×2, validation.full_clean ×2)');
    expect(result.stdout).toMatch(/\n0 passed, 0 failed, 2 skipped\n$/);

    const report = readReport(out, 'fake-throw');
    expect(report.summary).toEqual({ total: 2, passed: 0, failed: 0, not_implemented: 2, expected_failures: 0, unexpected_passes: 0, errors: 0 });
    for (const c of report.cases) expect({ id: c.id, outcome: c.outcome, missing: c.missing }).toEqual({ id: c.id, outcome: 'not-implemented', missing: ['fields.char', 'validation.full_clean'] });

    const junit = readFileSync(join(out, 'fake-throw.xml'), 'utf8');
    expect(junit.match(/<skipped message="not implemented: needs fields\.char, validation\.full_clean"\/>/g)).toHaveLength(2);
    expect(junit).toContain('<testsuites name="djspec" tests="2" failures="0" errors="0" skipped="2"');

    const html = readFileSync(join(out, 'fake-throw.html'), 'utf8');
    expect(html.match(/<div class="needs">needs fields\.char, validation\.full_clean<\/div>/g)?.length).toBe(4); // each case under both behaviors it cites
  });

  it('fails with the replay command when a case fails, and exits 1', async () => {
    const out = scratch();
    const result = await djspec(['run', '--impl', 'test/mutants/char-length-utf16.ts', '--case', CODEPOINTS, '--seed', '7', '--reporter', 'json,junit', '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`✗ ${CODEPOINTS} — CharField max_length is checked by full_clean() in Unicode code points`);
    expect(result.stdout).toMatch(/\n0 passed, 1 failed, 0 skipped\n$/);
    const report = readReport(out, 'djspec-reference');
    const failed = report.cases[0]!;
    expect(failed.outcome).toBe('failed');
    expect(failed.message).toMatch(/^Property failed after \d+ run\(s\)/);
    expect(failed.replay).toMatch(new RegExp(`DJSPEC_SEED=7 DJSPEC_PATH=0:[\\d:]+ npx vitest run --project spec spec/fields/char\\.spec\\.ts -t ${CODEPOINTS.replace(/\./g, '\\.')}$`));
    expect(result.stdout).toContain(`Failed (each line replays one case):\n  ${CODEPOINTS}\n    ${failed.replay}`);
    const junit = readFileSync(join(out, 'djspec-reference.xml'), 'utf8');
    expect(junit).toMatch(/<failure message="Property failed after \d+ run\(s\) and \d+ shrink\(s\)\." type="failed">/);
    expect(junit).toContain(`Replay: ${failed.replay!.replace(/&/g, '&amp;')}`);
  });

  it('flags a listed expected failure that passes, and fails the run for it only with --strict', async () => {
    const dir = scratch();
    const expectations = join(dir, 'expectations.json');
    writeFileSync(expectations, JSON.stringify({ implementation: 'reference', expected_failures: { [SAVE_SKIPS]: 'thought to be broken', 'fields.char.gone': 'a case that no longer exists' } }));
    const lenient = await djspec(['run', ...BOTH, '--expectations', expectations, '--reporter', 'json', '--out', dir]);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain('lists ids that no case has: fields.char.gone');
    expect(lenient.stdout).toContain(`Listed as expected failures but passing (remove them from ${expectations}):\n  ${SAVE_SKIPS}`);
    const report = readReport(dir, 'reference-pg-mem');
    expect(outcomes(report)).toEqual({ [CODEPOINTS]: 'passed', [SAVE_SKIPS]: 'unexpected-pass' });
    expect(report.cases.find((c) => c.id === SAVE_SKIPS)!.reason).toBe(`listed in ${expectations}: thought to be broken`);

    const strict = await djspec(['run', ...BOTH, '--expectations', expectations, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/\n1 passed, 1 failed, 0 skipped\n$/);
  });

  it('narrows the run to the cases citing a behavior, and shows progress per file', async () => {
    const out = scratch();
    const result = await djspec(['run', '--behavior', 'FLD-CHAR-BLANK', '--seed', '3', '--reporter', 'json', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('spec/fields/char.spec.ts: 1 passed, 0 failed, 0 not implemented (1/1)');
    const report = readReport(out, 'reference-pg-mem');
    expect(outcomes(report)).toEqual({ [SAVE_SKIPS]: 'passed' });
    expect(report.run).toMatchObject({ seed: 3, runs: 50, filters: { areas: [], behaviors: ['FLD-CHAR-BLANK'], cases: [] }, expectations: 'conformance/expectations/reference-pg-mem.json' }); // the reference's default list of pg-mem gaps
  });

  it('fails the case with a clear message when a program answers hello but prints garbage later', async () => {
    const result = await djspec(['run', '--impl', 'cmd:node test/fakes/garbage-after-hello.mjs', '--case', SAVE_SKIPS]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`✗ ${SAVE_SKIPS} — `);
    expect(result.stdout).toContain('command "create": the implementation printed a line that is not JSON: saving Note...');
    expect(result.stdout).toMatch(/\n0 passed, 1 failed, 0 skipped\n$/);
  });
});

describe('djspec list and djspec report', () => {
  it('lists cases with their behaviors and capabilities without loading an implementation', async () => {
    const result = await djspec(['list', '--behavior', 'FLD-CHAR-CODEPOINTS', '--json'], { env: { DJSPEC_IMPL: './nothing-here.ts' } });
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as { cases: { id: string; file: string; needs: string[] }[] };
    expect(listed.cases.map((c) => [c.id, c.file, c.needs])).toEqual([[CODEPOINTS, 'spec/fields/char.spec.ts', ['fields.char', 'validation.full_clean']]]);
  });

  it('combines JSON reports of several implementations into one HTML page and one JUnit file', async () => {
    const dir = scratch();
    await djspec(['run', ...BOTH, '--reporter', 'json', '--out', dir]);
    await djspec(['run', '--impl', 'test/fakes/declares-nothing.ts', ...BOTH, '--reporter', 'json', '--out', dir]);
    const result = await djspec(['report', join(dir, 'reference-pg-mem.json'), join(dir, 'fake-throw.json'), '--html', join(dir, 'all.html'), '--junit', join(dir, 'all.xml')], { cwd: ROOT });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote .*all\.html \(reference\(pg-mem\), fake-throw\)\nwrote .*all\.xml \(reference\(pg-mem\), fake-throw\)\n/);
    const html = readFileSync(join(dir, 'all.html'), 'utf8');
    expect(html).toContain('<th class="impl">reference(pg-mem)</th><th class="impl">fake-throw</th>');
    const junit = readFileSync(join(dir, 'all.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="djspec" tests="4" failures="0" errors="0" skipped="2"');
  });
});
