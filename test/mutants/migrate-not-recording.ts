/** migrate applies the schema changes but never records a migration as applied. */
import { recorder } from '../../reference/orm/migrations/executor.js';
import { mutantOf } from './mutant.js';

export const kills = ['migrations.migrate.applies-in-order-and-records', 'migrations.migrate.repeating-is-a-no-op'];

export const createImplementation = mutantOf(() => {
  recorder.recordApplied = async () => {};
});
