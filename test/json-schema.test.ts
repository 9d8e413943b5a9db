/** The contract's JSON Schemas (`npm run schema`) are current and name every command. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../conformance/contract/commands.js';
import { render } from '../tools/json-schema.js';

const written = (file: string) => readFileSync(new URL(`../conformance/schema/${file}`, import.meta.url), 'utf8');

describe('conformance/schema', () => {
  it('is current (run `npm run schema` after changing the contract)', () => {
    for (const [file, text] of render()) expect(written(file), file).toBe(text);
  });

  it('has one branch per command of the contract, keyed by its op', () => {
    const ops = [...written('command.schema.json').matchAll(/"op":\s*\{\s*"type":\s*"string",\s*"const":\s*"([a-z_]+)"/g)].map((m) => m[1]);
    expect(ops.sort()).toEqual(Object.keys(COMMANDS).sort());
  });
});
