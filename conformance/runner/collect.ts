/**
 * Collects the suite's cases without running them: vitest imports every case file (in its
 * workers, as a run would) and registers the tests, whose declared metadata (`task.meta.djspec`,
 * set by `specCase` at registration) is read back here. No implementation is loaded and no
 * database is touched, so the CLI's filters, `djspec list`, the coverage check and the generated
 * documentation all work on a machine with nothing but `npm ci`.
 */
import { relative, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import type { TestCase, TestModule } from 'vitest/node';
import { PROJECT_ROOT } from './select.js';

export interface DeclaredCase {
  id: string;
  /** The first segment of the id: the folder under `spec/`. */
  area: string;
  /** Relative to the suite root, with forward slashes. */
  file: string;
  line?: number;
  rule: string;
  behaviors: string[];
  level: 'must' | 'optional';
  needs: string[];
  seed?: string;
  docs?: string;
  divergences?: { vendor?: 'sqlite' | 'postgresql'; implementation?: string; reason: string }[];
}

export interface CollectionError {
  file?: string;
  message: string;
}

export interface Collection {
  cases: DeclaredCase[];
  /** Case files that failed to load (a syntax error, invalid metadata such as an unknown behavior ID). */
  errors: CollectionError[];
}

export function relativeFile(path: string): string {
  return relative(PROJECT_ROOT, path).split('\\').join('/');
}

/** The declared metadata of one registered test, or undefined for a test that is not a djspec case. */
export function declaredCase(test: TestCase): DeclaredCase | undefined {
  const meta = test.meta().djspec;
  if (!meta) return undefined;
  return {
    id: meta.id,
    area: meta.id.split('.')[0]!,
    file: relativeFile(test.module.moduleId),
    ...(test.location && { line: test.location.line }),
    rule: meta.rule,
    behaviors: meta.behaviors,
    level: meta.level,
    needs: meta.needs ?? [],
    ...(meta.seed !== undefined && { seed: meta.seed }),
    ...(meta.docs !== undefined && { docs: meta.docs }),
    ...(meta.divergences !== undefined && { divergences: meta.divergences }),
  };
}

export function moduleErrors(module: TestModule): CollectionError[] {
  return module.errors().map((e) => ({ file: relativeFile(module.moduleId), message: stripAnsi(e.message) }));
}

export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Collects every case of `spec/` (or of the given files), sorted by file and line. */
export async function collectCases(files: string[] = []): Promise<Collection> {
  const vitest = await createVitest(
    'test',
    { root: PROJECT_ROOT, config: resolve(PROJECT_ROOT, 'vitest.config.ts'), project: ['spec'], watch: false, reporters: [], includeTaskLocation: true },
    { logLevel: 'silent' },
  );
  try {
    const result = await vitest.collect(files);
    const cases: DeclaredCase[] = [];
    const errors: CollectionError[] = result.unhandledErrors.map((e) => ({ message: stripAnsi(String((e as Error)?.message ?? e)) }));
    for (const module of result.testModules) {
      errors.push(...moduleErrors(module));
      for (const test of module.children.allTests()) {
        const declared = declaredCase(test);
        if (declared) cases.push(declared);
      }
    }
    cases.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    return { cases, errors };
  } finally {
    await vitest.close();
  }
}
