/** The autodetector does not see fields added to an existing model. */
import { autodetector, detectChanges } from '../../reference/orm/migrations/autodetector.js';
import { mutantOf } from './mutant.js';

export const kills = [
  'migrations.history.operations-follow-the-autodetector',
  'migrations.migrate.added-column-backfills-existing-rows',
  'migrations.makemigrations.non-null-addition-needs-default',
];

export const createImplementation = mutantOf(() => {
  autodetector.detectChanges = (...args) =>
    detectChanges(...args)
      .map((change) => ({ ...change, operations: change.operations.filter((op) => op.type !== 'AddField') }))
      .filter((change) => change.operations.length > 0);
});
