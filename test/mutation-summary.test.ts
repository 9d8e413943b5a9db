/**
 * The mutation summary counts as Stryker does (killed and timed-out mutants are detected;
 * survivors and uncovered mutants are not; compile errors do not count; ignored ones are the
 * equivalent mutants, counted apart) and
 * puts each file in its folder and in the groups it belongs to.
 */
import { describe, expect, it } from 'vitest';
import { mutationSummary } from '../tools/mutation/summary.js';

const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });

describe('the mutation summary', () => {
  it('scores folders and groups from the statuses of their mutants', () => {
    const text = mutationSummary({
      files: {
        'reference/orm/deletion.ts': mutants('Killed', 'Killed', 'Survived', 'Timeout'),
        'reference/orm/validation.ts': mutants('Killed', 'NoCoverage', 'CompileError', 'Ignored'),
        'reference/signals/dispatcher.ts': mutants('Survived'),
      },
    });
    expect(text).toMatch(/\| reference\/orm\/\s+\|\s+66\.7% \|\s+80\.0% \|\s+4 \|\s+1 \|\s+1 \|\s+1 \|/);
    expect(text).toMatch(/\| deletion \(collector, on_delete\)\s+\|\s+75\.0% \|\s+75\.0% \|\s+3 \|\s+1 \|\s+0 \|\s+0 \|/);
    expect(text).toMatch(/\| validation \(full_clean, validators\)\s+\|\s+50\.0% \|\s+100\.0% \|\s+1 \|\s+0 \|\s+1 \|\s+1 \|/);
    expect(text).toMatch(/\| reference\/signals\/\s+\|\s+0\.0% \|\s+0\.0% \|\s+0 \|\s+1 \|\s+0 \|\s+0 \|/);
  });
});
