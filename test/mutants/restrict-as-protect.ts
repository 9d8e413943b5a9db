/** Treats on_delete=RESTRICT as PROTECT: a restricting row blocks even when the same delete removes it. */
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { registerFieldType } from '../../reference/orm/fields.js';
import { ForeignKey } from '../../reference/orm/related.js';
import { mutantOf } from './mutant.js';

export const kills = ['relations.on-delete.restrict-docs-example', 'relations.on-delete.restrict-same-queryset'];

export const createImplementation = mutantOf(() => {
  registerFieldType(
    'ForeignKey',
    class extends ForeignKey {
      constructor(spec: FieldSpec) {
        super(spec.on_delete === 'RESTRICT' ? { ...spec, on_delete: 'PROTECT' } : spec);
      }
    },
  );
});
