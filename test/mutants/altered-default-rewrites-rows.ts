/** Altering a field re-applies its (new) default to every existing row. */
import { schemaEditor } from '../../reference/orm/migrations/operations.js';
import { makeField } from '../../reference/orm/fields.js';
import { mutantOf } from './mutant.js';

export const kills = ['migrations.migrate.changed-default-keeps-rows'];

export const createImplementation = mutantOf(() => {
  const alterField = schemaEditor.alterField;
  schemaEditor.alterField = async (conn, state, before, after, oldSpec, newSpec) => {
    await alterField(conn, state, before, after, oldSpec, newSpec);
    if (newSpec.default === undefined || typeof newSpec.default === 'object') return;
    const field = makeField(newSpec);
    await conn(after.dbTable ?? `${after.app}_${after.name.toLowerCase()}`).update({ [field.column]: newSpec.default });
  };
});
