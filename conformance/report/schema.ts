/**
 * The JSON report: one run of the suite against one implementation. This zod schema is the
 * definition; `docs/report.schema.json` is generated from it (`npm run docs`) and
 * `docs/reports.md` explains it. The HTML and JUnit reporters read only this data, so any tool
 * that writes a valid report can be compared side by side with djspec's own runs.
 *
 * Bump `REPORT_FORMAT_VERSION` when a field changes meaning or is removed; adding an optional
 * field does not need a bump.
 */
import { z } from 'zod';

export const REPORT_FORMAT_VERSION = 1;

export const OUTCOMES = ['passed', 'failed', 'not-implemented', 'expected-failure', 'unexpected-pass'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OutcomeSchema = z.enum(OUTCOMES).describe(
  [
    'passed: the implementation does what Django does.',
    'failed: it does not, or its adapter misbehaved (a regression: the run exits non-zero).',
    'not-implemented: the case needs a capability the implementation does not declare; it did not run.',
    'expected-failure: the case failed and is listed in the expectations file (or is a declared Django divergence).',
    'unexpected-pass: the case is listed as an expected failure but passed; the listing is out of date.',
  ].join(' '),
);

export const DivergenceSchema = z.strictObject({
  vendor: z.enum(['sqlite', 'postgresql']).optional().describe('The database profile on which Django itself behaves differently.'),
  implementation: z.string().optional().describe('The implementation name the divergence is restricted to.'),
  reason: z.string().describe('What Django does there and why, in one line.'),
});

export const CaseResultSchema = z.strictObject({
  id: z.string().describe('The permanent case id (`area.topic.detail`). Baselines key on it.'),
  area: z.string().describe('The first segment of the id: the folder under `spec/`.'),
  file: z.string().describe('The case file, relative to the suite root.'),
  line: z.number().int().positive().optional().describe('The line where the case is declared.'),
  rule: z.string().describe('The behavior the case checks, in one sentence.'),
  behaviors: z.array(z.string()).describe('Catalog behavior IDs the case covers.'),
  level: z.enum(['must', 'optional']).describe('must: documented behavior; optional: a Django implementation choice.'),
  needs: z.array(z.string()).describe('Capabilities the case needs.'),
  outcome: OutcomeSchema,
  missing: z.array(z.string()).optional().describe('For not-implemented: the needed capabilities the implementation does not declare.'),
  reason: z.string().optional().describe('For expected-failure and unexpected-pass: why the failure is expected (the expectations entry or the divergence), and for expected-failure what was observed.'),
  message: z.string().optional().describe('For failed: the failure as printed (counterexample, seed, path, observed vs expected).'),
  replay: z.string().optional().describe('One shell command that re-runs this case alone, against the same implementation, with the same seed (and, after a property failure, the same path).'),
  duration_ms: z.number().nonnegative().describe('Wall time of the case, in milliseconds.'),
  seed: z.string().optional().describe('Where the seed tutorial is wrong: what it says and what Django does.'),
  divergences: z.array(DivergenceSchema).optional().describe('Where Django itself differs by database.'),
});
export type CaseResult = z.infer<typeof CaseResultSchema>;

export const RunErrorSchema = z.strictObject({
  file: z.string().optional().describe('The case file that failed to load, when the error belongs to one.'),
  message: z.string(),
});
export type RunError = z.infer<typeof RunErrorSchema>;

const count = z.number().int().nonnegative();

export const SummarySchema = z.strictObject({
  total: count.describe('Cases in the report (all outcomes).'),
  passed: count,
  failed: count,
  not_implemented: count,
  expected_failures: count,
  unexpected_passes: count,
  errors: count.describe('Errors outside cases: files that failed to load, unhandled errors. Each is a regression.'),
});
export type Summary = z.infer<typeof SummarySchema>;

export const ReportSchema = z
  .strictObject({
    format: z.literal('djspec-report'),
    format_version: z.literal(REPORT_FORMAT_VERSION),
    suite: z.strictObject({
      name: z.literal('djspec'),
      version: z.string().describe('The djspec package version that ran.'),
    }),
    implementation: z.strictObject({
      label: z.string().describe('A short column name: `reference(pg-mem)`, `django(sqlite)`, a path, a command.'),
      spec: z.string().describe('The implementation as selected (`--impl`).'),
      name: z.string().describe('From the implementation\'s hello.'),
      version: z.string(),
      language: z.string(),
      database: z.strictObject({ vendor: z.string(), engine: z.string() }).describe('The database profile the implementation follows and what runs it.'),
      capabilities: z.array(z.string()).describe('The capabilities it declares.'),
    }),
    run: z.strictObject({
      started_at: z.iso.datetime().describe('When the run started (UTC).'),
      duration_ms: z.number().nonnegative(),
      seed: z.number().int().describe('The run seed (`--seed`, `DJSPEC_SEED`): the same seed replays the same inputs.'),
      runs: z.number().int().positive().describe('Generated inputs per property (`--runs`, `DJSPEC_RUNS`).'),
      filters: z.strictObject({
        areas: z.array(z.string()),
        behaviors: z.array(z.string()),
        cases: z.array(z.string()),
      }).describe('What the run was restricted to; empty lists mean everything.'),
      expectations: z.string().nullable().describe('The expectations file applied, if any.'),
      node: z.string().describe('The Node.js version that ran the suite.'),
    }),
    summary: SummarySchema,
    cases: z.array(CaseResultSchema),
    errors: z.array(RunErrorSchema),
  })
  .describe('One run of the djspec conformance suite against one implementation.');
export type Report = z.infer<typeof ReportSchema>;

/** The JSON Schema (draft 2020-12) of a report, as published in `docs/report.schema.json`. */
export function reportJsonSchema(): Record<string, unknown> {
  return { title: `djspec report, format version ${REPORT_FORMAT_VERSION}`, ...z.toJSONSchema(ReportSchema, { target: 'draft-2020-12' }) };
}

export function summarize(cases: readonly CaseResult[], errors: readonly RunError[]): Summary {
  const by = (o: Outcome) => cases.filter((c) => c.outcome === o).length;
  return {
    total: cases.length,
    passed: by('passed'),
    failed: by('failed'),
    not_implemented: by('not-implemented'),
    expected_failures: by('expected-failure'),
    unexpected_passes: by('unexpected-pass'),
    errors: errors.length,
  };
}

/** A report that is not valid: a clear message naming the file and the first problem. */
export class ReportFileError extends Error {
  override name = 'ReportFileError';
}

export function parseReport(text: string, file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReportFileError(`${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReportFileError(`${file} is not a djspec report (at ${issue.path.join('.') || '(root)'}: ${issue.message})`);
  }
  return parsed.data;
}
