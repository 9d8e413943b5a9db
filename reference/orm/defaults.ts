/**
 * The named callables a schema may use as `default=` (see `CALLABLES` in the contract).
 * Each call returns a fresh value, as Django calls a callable default once per instance.
 */
import { randomUUID } from 'node:crypto';
import { PyDate, PyDateTime, PyError, PyUUID } from './pyvalues.js';
import type { Field } from './fields.js';

const counters = new WeakMap<Field, bigint>();

export function evaluateCallableDefault(field: Field, name: string): unknown {
  switch (name) {
    case 'uuid4':
      return new PyUUID(randomUUID());
    case 'now':
      return PyDateTime.now();
    case 'today':
      return PyDate.today();
    case 'counter': {
      const next = (counters.get(field) ?? 0n) + 1n;
      counters.set(field, next);
      return next;
    }
    case 'list':
      return [];
    case 'dict':
      return {};
    default:
      throw new PyError('ValueError', `unknown callable default "${name}"`);
  }
}
