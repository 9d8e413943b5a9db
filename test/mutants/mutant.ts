/**
 * A mutant is the reference with one deliberate defect, applied through the reference's own
 * extension points before the implementation is created. Each mutant module exports `kills`:
 * the ids of the `must` cases that have to fail against it (`test/kill-matrix.test.ts`).
 */
import { ReferenceImplementation } from '../../reference/adapter/implementation.js';
import type { CreateImplementation } from '../../conformance/contract/implementation.js';

export function mutantOf(applyDefect: () => void): CreateImplementation {
  return () => {
    applyDefect();
    return new ReferenceImplementation();
  };
}
