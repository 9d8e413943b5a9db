/**
 * The suite detects bugs: every deliberately broken reference in `test/mutants/` must make the
 * cases it names fail (and the run must still finish and report them).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mutantsDir = join(root, 'test/mutants');
const mutants = readdirSync(mutantsDir).filter((f) => f.endsWith('.ts') && f !== 'mutant.ts');

interface JsonReport {
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

function runAgainst(mutantFile: string, ids: string[]): Map<string, string> {
  const out = join(mkdtempSync(join(tmpdir(), 'djspec-kill-')), 'report.json');
  const pattern = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  spawnSync('npx', ['vitest', 'run', '--project', 'spec', '--reporter=json', `--outputFile=${out}`, '-t', `^(${pattern}) `], {
    cwd: root,
    env: { ...process.env, DJSPEC_IMPL: join(mutantsDir, mutantFile), DJSPEC_RUNS: '50', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
  const statuses = new Map<string, string>();
  for (const file of report.testResults) {
    for (const test of file.assertionResults) statuses.set(test.title.split(' — ')[0]!, test.status);
  }
  return statuses;
}

describe.concurrent('every mutant of the reference is caught', () => {
  for (const file of mutants) {
    it(`${file.replace(/\.ts$/, '')} fails the cases it names`, async () => {
      const { kills } = (await import(join(mutantsDir, file))) as { kills: string[] };
      expect(kills.length).toBeGreaterThan(0);
      const statuses = runAgainst(file, kills);
      for (const id of kills) expect({ id, status: statuses.get(id) }).toEqual({ id, status: 'failed' });
    });
  }
});
