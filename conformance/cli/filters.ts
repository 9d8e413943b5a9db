/**
 * Narrowing the suite to what the user asked for. An area is a folder of `spec/` (the first
 * segment of case ids) or an area of the behavior catalog; behaviors are catalog IDs; cases are
 * case ids. Several values of one kind add up; different kinds narrow each other. A name that
 * does not exist is a usage error, never an empty run that looks like success.
 */
import { AREAS, isBehavior } from '../../spec/catalog/index.js';
import type { DeclaredCase } from '../runner/collect.js';
import { UsageError, type Filters } from './options.js';

export interface Selection {
  cases: DeclaredCase[];
  /** Things the user should know that do not stop the run (a behavior no case cites yet). */
  warnings: string[];
}

const CATALOG_AREAS = AREAS as Readonly<Record<string, Readonly<Record<string, string>>>>;

export function selectCases(all: DeclaredCase[], filters: Filters): Selection {
  const warnings: string[] = [];
  let cases = all;

  if (filters.areas.length) {
    const folders = [...new Set(all.map((c) => c.area))].sort();
    const wanted = new Set<string>();
    for (const area of filters.areas) {
      const inFolder = all.filter((c) => c.area === area);
      const catalog = CATALOG_AREAS[area];
      if (!inFolder.length && !catalog) {
        throw new UsageError(`unknown area "${area}" (case folders: ${folders.join(', ') || 'none'}; catalog areas: ${Object.keys(CATALOG_AREAS).join(', ')})`);
      }
      for (const c of inFolder) wanted.add(c.id);
      if (catalog) for (const c of all) if (c.behaviors.some((b) => Object.hasOwn(catalog, b))) wanted.add(c.id);
      if (!inFolder.length && catalog && !all.some((c) => c.behaviors.some((b) => Object.hasOwn(catalog, b)))) warnings.push(`no case covers the catalog area "${area}" yet`);
    }
    cases = cases.filter((c) => wanted.has(c.id));
  }

  if (filters.behaviors.length) {
    for (const id of filters.behaviors) {
      if (!isBehavior(id)) {
        const hint = isBehavior(id.toUpperCase()) ? ` (did you mean ${id.toUpperCase()}?)` : ' (behavior IDs are listed in spec/catalog/)';
        throw new UsageError(`unknown behavior ID "${id}"${hint}`);
      }
      if (!all.some((c) => c.behaviors.includes(id))) warnings.push(`no case cites ${id} yet`);
    }
    cases = cases.filter((c) => c.behaviors.some((b) => filters.behaviors.includes(b)));
  }

  if (filters.cases.length) {
    for (const id of filters.cases) if (!all.some((c) => c.id === id)) throw new UsageError(`no case has the id "${id}" (djspec list shows them)`);
    cases = cases.filter((c) => filters.cases.includes(c.id));
  }

  return { cases, warnings };
}

export function describeFilters(filters: Filters): string {
  const parts = [
    ...filters.areas.map((a) => `--area ${a}`),
    ...filters.behaviors.map((b) => `--behavior ${b}`),
    ...filters.cases.map((c) => `--case ${c}`),
  ];
  return parts.join(' ');
}

/** A vitest test-name pattern matching exactly these case ids (test titles are `<id> — <rule>`). */
export function namePattern(ids: string[]): RegExp {
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(${escaped.join('|')}) — `);
}
