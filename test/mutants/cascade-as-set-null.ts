/** Treats on_delete=CASCADE as SET_NULL: referencing rows are detached instead of deleted. */
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { registerFieldType } from '../../reference/orm/fields.js';
import { ForeignKey } from '../../reference/orm/related.js';
import { mutantOf } from './mutant.js';

export const kills = ['relations.on-delete.seed-user-posts-cascade', 'relations.deletion-graphs.outcome-matches-collector'];

export const createImplementation = mutantOf(() => {
  registerFieldType(
    'ForeignKey',
    class extends ForeignKey {
      constructor(spec: FieldSpec) {
        super(spec.on_delete === 'CASCADE' ? { ...spec, on_delete: 'SET_NULL' } : spec);
      }
    },
  );
});
