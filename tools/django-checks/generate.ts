/**
 * Writes the inputs and the spec's expected answers for the offline checks against real Django:
 * `npx tsx tools/django-checks/generate.ts <dir>` then, with Django 5.2 installed,
 * `python tools/django-checks/check_slugify.py <dir>` and `python tools/django-checks/check_migrations.py <dir>`.
 */
import * as fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slugifyRule, slugText } from '../../spec/models/slugify-rule.js';
import { expectedName, expectedOperations, history } from '../../spec/migrations/history-rule.js';
import type { FieldDecl } from '../../spec/migrations/support.js';

const dir = process.argv[2] ?? '.';

const texts = fc.sample(slugText, { numRuns: 100_000, seed: 7 });
writeFileSync(join(dir, 'slugify.json'), JSON.stringify(texts.map((s) => [s, slugifyRule(s), slugifyRule(s, true)])));

const histories = fc.sample(history, { numRuns: 3000, seed: 12 }).map((versions) => {
  let previous: FieldDecl[] | undefined;
  let number = 0;
  return versions.map((fields) => {
    const operations = expectedOperations(previous, fields);
    previous = fields;
    if (!operations.length) return { fields, migration: null };
    number += 1;
    return { fields, migration: { name: expectedName(number, operations), ops: operations.map((o) => o.describe + (o.preserve_default === false ? ' [one-off]' : '')) } };
  });
});
writeFileSync(join(dir, 'histories.json'), JSON.stringify(histories));
