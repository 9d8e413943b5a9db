/** m2m add() reports (and tries to insert) every pk passed, including pks already related. */
import { ManyRelatedManager } from '../../reference/orm/related-descriptors.js';
import { mutantOf } from './mutant.js';

export const kills = ['relations.many-to-many.add-reports-only-new-pks'];

export const createImplementation = mutantOf(() => {
  const proto = ManyRelatedManager.prototype as unknown as { existingTargets: (...args: unknown[]) => Promise<Set<unknown>> };
  const original = proto.existingTargets;
  proto.existingTargets = async function (this: unknown, ...args: unknown[]) {
    // Only the lookup before an insert passes candidates; pretend none of them is related.
    return args[3] ? new Set() : original.apply(this, args);
  };
});
