/**
 * The generated documentation (`docs/spec/`, `docs/report.schema.json`) matches the cases and
 * the catalog as they are now: `npm run docs -- --check` regenerates it in memory and compares.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support/djspec-cli.js';
import { reportJsonSchema } from '../conformance/report/schema.js';

function docsCheck(): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'tools/docs.ts', '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the generated documentation', () => {
  it('is current (run `npm run docs` after changing a case or the catalog)', async () => {
    const result = await docsCheck();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^documentation is current \(\d+ files, \d+ cases\)\n$/);
  });

  it('documents a case under each behavior it cites, with its rule, capabilities and a link to its source', () => {
    const fields = readFileSync(join(ROOT, 'docs/spec/fields.md'), 'utf8');
    const entry = '- [`fields.char.max-length-counts-code-points`](../../spec/fields/char.spec.ts#L7): CharField max\\_length is checked by full\\_clean() in Unicode code points, so an emoji counts as one character.';
    for (const behavior of ['FLD-CHAR-CODEPOINTS', 'FLD-CHAR-MAXLEN-VALIDATION']) {
      const section = fields.split(`\n## ${behavior}\n`)[1]!.split('\n## ')[0]!;
      expect(section).toContain(entry);
      expect(section).toContain('must · needs `fields.char`, `validation.full_clean`');
    }
  });

  it('publishes the JSON Schema of the report format generated from its zod definition', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'docs/report.schema.json'), 'utf8'))).toEqual(reportJsonSchema());
  });
});
