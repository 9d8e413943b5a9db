/**
 * Expectations files: an implementation's known failures, each with its reason.
 *
 *   { "implementation": "reference on pg-mem",
 *     "expected_failures": { "fields.decimal.exact-digits": "pg-mem stores numeric as a float" } }
 *
 * A listed case that fails is reported as an expected failure; one that passes is flagged as
 * unexpectedly passing, so the list can be kept honest.
 */
import { z } from 'zod';

export interface Expectations {
  file: string | undefined;
  expectedFailures: Map<string, string>;
}

const ExpectationsSchema = z.strictObject({
  implementation: z.string().optional(),
  expected_failures: z.record(z.string().min(1), z.string().min(1, 'every expected failure needs a reason')),
});

export class ExpectationsError extends Error {
  override name = 'ExpectationsError';
}

export function parseExpectations(text: string, file: string): Expectations {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ExpectationsError(`the expectations file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ExpectationsSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ExpectationsError(`the expectations file ${file} is malformed at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { file, expectedFailures: new Map(Object.entries(parsed.data.expected_failures)) };
}
