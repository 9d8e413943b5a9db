/**
 * `npm run mutate`: StrykerJS over `reference/` with the spec suite as the test runner, then the
 * mutation score per folder and for the groups that matter most (ORM, deletion, signals,
 * validation). Arguments go to `stryker run`, so a scoped run is
 *
 *   npm run mutate -- --mutate reference/signals/dispatcher.ts
 *
 * `--specs 'spec/relations/*.spec.ts'` runs only those spec files against the mutants: cheaper,
 * and conservative (a mutant only another area's cases would kill counts as surviving).
 *
 * The seed and the property runs are fixed (DJSPEC_SEED=1, DJSPEC_RUNS=15 unless set) so a
 * mutant's fate does not depend on the draw. Not part of `npm test` or CI: it costs CPU-hours.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../conformance/runner/select.js';
import { mutationSummary, type MutationReport } from './summary.js';

const env: NodeJS.ProcessEnv = { ...process.env, DJSPEC_SEED: process.env.DJSPEC_SEED ?? '1', DJSPEC_RUNS: process.env.DJSPEC_RUNS ?? '15', NO_COLOR: '1' };
const args = process.argv.slice(2);
const specsAt = args.indexOf('--specs');
if (specsAt >= 0) {
  const specs = args[specsAt + 1];
  if (!specs) throw new Error('--specs needs comma-separated globs of spec files');
  env.DJSPEC_MUTATION_SPECS = specs;
  args.splice(specsAt, 2);
}
const run = spawnSync('npx', ['stryker', 'run', ...args], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
const reportFile = join(PROJECT_ROOT, 'reports/mutation/mutation.json');
if (run.status !== 0 || !existsSync(reportFile)) {
  process.stderr.write(`stryker run failed (exit ${run.status ?? run.signal}); no scores to report\n`);
  process.exit(run.status || 1);
}
process.stdout.write(`\n${mutationSummary(JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport)}\n`);
