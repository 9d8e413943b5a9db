/**
 * Coverage of the behavior catalog: every case file loads, every case cites only catalog IDs
 * and has an id of its own, and within each area the IDs with a written rule are exactly the
 * IDs that cases cite (an empty rule marks a pending ID). The failure messages list the IDs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AREAS, BEHAVIORS } from '../spec/catalog/index.js';
import { djspec } from './support/djspec-cli.js';

interface Listed {
  cases: { id: string; file: string; behaviors: string[] }[];
  errors: { file?: string; message: string }[];
}

let listed: Listed;

beforeAll(async () => {
  const result = await djspec(['list', '--json']);
  listed = JSON.parse(result.stdout) as Listed;
}, 240_000);

describe('the cases against the catalog', () => {
  it('every case file loads (unknown behavior IDs and capabilities are rejected at load)', () => {
    expect(listed.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
  });

  it('no case cites a behavior ID that is not in the catalog', () => {
    const unknown = listed.cases.flatMap((c) => c.behaviors.filter((b) => !Object.hasOwn(BEHAVIORS, b)).map((b) => `${c.id} cites ${b}`));
    expect(unknown).toEqual([]);
  });

  it('no two cases share an id, across all files', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const c of listed.cases) {
      if (seen.has(c.id)) duplicates.push(`${c.id} in ${seen.get(c.id)} and ${c.file}`);
      seen.set(c.id, c.file);
    }
    expect(duplicates).toEqual([]);
  });
});

describe.each(Object.entries(AREAS))('the %s area of the catalog', (area, behaviors) => {
  // An ID whose rule is still empty is pending: no case may cite it yet. Writing the rule and
  // the case that cites it are one change, so the pending list is exactly the empty rules.
  it('has a rule written for every behavior ID that a case cites', () => {
    const cited = new Set(listed.cases.flatMap((c) => c.behaviors));
    const citedWithoutRule = Object.entries(behaviors).filter(([id, rule]) => cited.has(id) && !rule.trim()).map(([id]) => id);
    expect(citedWithoutRule, `cited behavior IDs of ${area} without a rule in spec/catalog/${area}.ts`).toEqual([]);
  });

  it('has every behavior ID with a written rule cited by a case', () => {
    const cited = new Set(listed.cases.flatMap((c) => c.behaviors));
    const uncovered = Object.entries(behaviors).filter(([id, rule]) => rule.trim() && !cited.has(id)).map(([id]) => id);
    expect(uncovered, `behavior IDs of ${area} with a rule that no case cites`).toEqual([]);
  });
});

// The catalog was written from a requirements document kept beside the project
// (`../shared/behaviors/*.md`, one `### ID: …` heading per behavior). When that document is
// present, the two lists of IDs must agree; the project never reads it at run time.
const requirements = fileURLToPath(new URL('../../shared/behaviors/', import.meta.url));

describe.skipIf(!existsSync(requirements))('the catalog against the requirements document', () => {
  it('has exactly the behavior IDs of ../shared/behaviors', () => {
    const documented = readdirSync(requirements)
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) => [...readFileSync(join(requirements, file), 'utf8').matchAll(/^### ([A-Z][A-Z0-9]*-[A-Z0-9-]+)/gm)].map((m) => m[1]!));
    expect(documented.length).toBeGreaterThan(0);
    expect([...new Set(documented)].sort()).toEqual(Object.keys(BEHAVIORS).sort());
  });
});
