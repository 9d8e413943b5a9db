/**
 * Migration operations, after `django/db/migrations/operations/`: each one changes the state
 * (`stateForwards`), the database (`databaseForwards` / `databaseBackwards`), describes itself as
 * `makemigrations` prints it, and gives the fragment migration names are built from.
 */
import type { Knex } from 'knex';
import type { FieldSpec } from '../../../conformance/contract/schema.js';
import { PyError } from '../pyvalues.js';
import { AppConfig } from '../registry.js';
import { ModelMeta } from '../options.js';
import type { Field } from '../fields.js';
import { columnDefinition } from '../schema-editor.js';
import { isRelation, modelKey, tableOf, type ModelOptions, type ModelState, type ProjectState } from './state.js';

export type Operation =
  | { type: 'CreateModel'; name: string; fields: FieldSpec[]; dbTable?: string; options?: ModelOptions }
  | { type: 'AlterModelOptions'; name: string; options: ModelOptions }
  | { type: 'AlterModelTable'; name: string; table: string | undefined }
  | { type: 'DeleteModel'; name: string }
  | { type: 'AddField'; modelName: string; name: string; field: FieldSpec; preserveDefault: boolean }
  | { type: 'RemoveField'; modelName: string; name: string }
  | { type: 'AlterField'; modelName: string; name: string; field: FieldSpec };

/** `operation.describe()`, the line `makemigrations` prints after `+`, `-` or `~`. */
export function describe(op: Operation): string {
  switch (op.type) {
    case 'CreateModel': return `Create model ${op.name}`;
    case 'DeleteModel': return `Delete model ${op.name}`;
    case 'AlterModelOptions': return `Change Meta options on ${op.name}`;
    case 'AlterModelTable': return `Rename table for ${op.name} to ${op.table ?? '(default)'}`;
    case 'AddField': return `Add field ${op.name} to ${op.modelName}`;
    case 'RemoveField': return `Remove field ${op.name} from ${op.modelName}`;
    case 'AlterField': return `Alter field ${op.name} on ${op.modelName}`;
  }
}

/** `operation.migration_name_fragment`. */
export function nameFragment(op: Operation): string {
  switch (op.type) {
    case 'CreateModel': return op.name.toLowerCase();
    case 'DeleteModel': return `delete_${op.name.toLowerCase()}`;
    case 'AlterModelOptions': return `alter_${op.name}_options`;
    case 'AlterModelTable': return `alter_${op.name}_table`;
    case 'AddField': return `${op.modelName}_${op.name.toLowerCase()}`;
    case 'RemoveField': return `remove_${op.modelName}_${op.name.toLowerCase()}`;
    case 'AlterField': return `alter_${op.modelName}_${op.name.toLowerCase()}`;
  }
}

function modelOf(state: ProjectState, app: string, name: string): ModelState {
  const model = state.get(modelKey(app, name));
  if (!model) throw new PyError('KeyError', `('${app}', '${name.toLowerCase()}')`);
  return model;
}

/** `operation.state_forwards`: the state after the operation. */
export function stateForwards(state: ProjectState, app: string, op: Operation): void {
  switch (op.type) {
    case 'CreateModel':
      state.set(modelKey(app, op.name), { app, name: op.name, fields: [...op.fields], options: { ...op.options }, ...(op.dbTable !== undefined && { dbTable: op.dbTable }) });
      return;
    case 'AlterModelOptions':
      modelOf(state, app, op.name).options = { ...op.options };
      return;
    case 'AlterModelTable': {
      const model = modelOf(state, app, op.name);
      if (op.table === undefined) delete model.dbTable;
      else model.dbTable = op.table;
      return;
    }
    case 'DeleteModel':
      state.delete(modelKey(app, op.name));
      return;
    case 'AddField': {
      const model = modelOf(state, app, op.modelName);
      // A one-off default (preserve_default=False) fills existing rows and is not kept.
      const field = { ...op.field };
      if (!op.preserveDefault) delete field.default;
      model.fields = [...model.fields, field];
      return;
    }
    case 'RemoveField': {
      const model = modelOf(state, app, op.modelName);
      model.fields = model.fields.filter((f) => f.name !== op.name);
      return;
    }
    case 'AlterField': {
      const model = modelOf(state, app, op.modelName);
      model.fields = model.fields.map((f) => (f.name === op.name ? { ...op.field } : f));
      return;
    }
  }
}

// The schema editor ------------------------------------------------------------------------

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Concrete (non-relation) fields of a model state as the ORM's field objects, for types and defaults. */
function concreteFields(model: ModelState): Map<string, Field> {
  const config = new AppConfig({ name: model.app, config: { label: model.app }, models: [] }, 'django.db.models.AutoField');
  const meta = new ModelMeta(config, { name: model.name, fields: model.fields.filter((f) => !isRelation(f)) });
  return new Map(meta.fields.map((f) => [f.name, f]));
}

interface Column {
  name: string;
  /** Column SQL without UNIQUE (unique constraints are named and added separately). */
  sql: string;
  nullable: boolean;
  unique: boolean;
  field?: Field;
}

function columnOf(state: ProjectState, model: ModelState, spec: FieldSpec): Column {
  if (spec.type === 'ManyToManyField') throw new PyError('NotImplementedError', 'the reference does not migrate ManyToManyField');
  if (isRelation(spec)) {
    const [app, name] = (spec.to ?? '').split('.') as [string, string];
    const target = state.get(modelKey(app, name));
    const pk = target?.fields.find((f) => f.primary_key);
    if (!target || !pk) throw new PyError('ValueError', `Related model '${spec.to}' cannot be resolved`);
    const pkField = concreteFields(target).get(pk.name) as Field & { relDbType?: () => string };
    const column = spec.db_column ?? `${spec.name}_id`;
    const nullable = spec.null ?? false;
    return { name: column, sql: `${q(column)} ${pkField.relDbType?.() ?? pkField.dbType()}${nullable ? '' : ' NOT NULL'}`, nullable, unique: spec.type === 'OneToOneField' || !!spec.unique };
  }
  // The field as given (an AddField's one-off default is not in the state, but is in the operation).
  const withSpec = { ...model, fields: [...model.fields.filter((f) => f.name !== spec.name), spec] };
  const field = concreteFields(withSpec).get(spec.name)!;
  const unique = field.unique && !field.primaryKey;
  const sql = columnDefinition(field).replace(/ UNIQUE\b/, '');
  return { name: field.column, sql, nullable: field.null, unique, field };
}

/**
 * Constraint names carry a per-process sequence number: names are not observable, and pg-mem keeps
 * a dropped table's constraint names reserved, so a table created again needs new ones.
 */
let constraintSequence = 0;
const constraintName = (table: string, what: string) => `${table}_${what}_${(++constraintSequence).toString(36)}`;
const uniqueName = (table: string, column: string) => constraintName(table, `${column}_uniq`);

/** `schema_editor.effective_default(field)`: the value existing rows get when the column is added. */
function effectiveDefault(column: Column): unknown {
  const field = column.field;
  if (!field) return null;
  let value: unknown = null;
  if (field.hasDefault()) value = field.getDefault();
  else if (!field.null && field.blank && field.emptyStringsAllowed) value = '';
  else if (field.spec.auto_now || field.spec.auto_now_add) value = new Date();
  return value === null || value === undefined ? null : field.toDb(field.getPrepValue(value));
}

async function createModel(conn: Knex, state: ProjectState, model: ModelState): Promise<void> {
  const table = tableOf(model);
  const columns = model.fields.map((f) => columnOf(state, model, f));
  const parts = columns.map((c) => c.sql.replace(/ PRIMARY KEY\b/, ' NOT NULL'));
  const pk = model.fields.find((f) => f.primary_key);
  if (pk) parts.push(`CONSTRAINT ${q(constraintName(table, 'pkey'))} PRIMARY KEY (${q(columnOf(state, model, pk).name)})`);
  for (const c of columns) if (c.unique) parts.push(`CONSTRAINT ${q(uniqueName(table, c.name))} UNIQUE (${q(c.name)})`);
  await conn.raw(`CREATE TABLE ${q(table)} (${parts.join(', ')})`);
}

/** Adds a column: existing rows get the effective default (evaluated once), and no database default is kept. */
async function addField(conn: Knex, state: ProjectState, model: ModelState, spec: FieldSpec): Promise<void> {
  const table = tableOf(model);
  const column = columnOf(state, model, spec);
  // Column, rows, NOT NULL, then CHECK: the same end state as Django's ADD COLUMN ... DEFAULT, one step at a time.
  await conn.raw(`ALTER TABLE ${q(table)} ADD COLUMN ${column.sql.replace(/ NOT NULL\b/, '').replace(/ CHECK \(.*\)$/, '')}`);
  const value = effectiveDefault(column);
  if (value !== null) await conn(table).update({ [column.name]: value });
  if (!column.nullable) await conn.raw(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(column.name)} SET NOT NULL`);
  const check = column.field?.checkConstraint();
  if (check) await conn.raw(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(constraintName(table, `${column.name}_check`))} CHECK (${check})`);
  if (column.unique) await conn.raw(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(uniqueName(table, column.name))} UNIQUE (${q(column.name)})`);
}

async function removeField(conn: Knex, state: ProjectState, model: ModelState, spec: FieldSpec): Promise<void> {
  const column = columnOf(state, model, spec);
  await conn.raw(`ALTER TABLE ${q(tableOf(model))} DROP COLUMN ${q(column.name)}`);
}

/** `_alter_field`: type, then nullability (filling NULLs with the new default first), then uniqueness. Defaults stay out of the database. */
async function alterField(conn: Knex, state: ProjectState, before: ModelState, after: ModelState, oldSpec: FieldSpec, newSpec: FieldSpec): Promise<void> {
  const table = tableOf(after);
  const old = columnOf(state, before, oldSpec);
  const next = columnOf(state, after, newSpec);
  if (old.name !== next.name) throw new PyError('NotImplementedError', 'the reference does not rename columns in AlterField');
  const typeOf = (c: Column) => c.sql.slice(q(c.name).length + 1).replace(/ (NOT NULL|PRIMARY KEY|CHECK).*$/, '');
  if (typeOf(old) !== typeOf(next)) await conn.raw(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(next.name)} TYPE ${typeOf(next)}`);
  if (old.nullable && !next.nullable) {
    const value = next.field?.hasDefault() ? effectiveDefault(next) : null;
    if (value !== null) await conn(table).whereNull(next.name).update({ [next.name]: value });
    await conn.raw(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(next.name)} SET NOT NULL`);
  } else if (!old.nullable && next.nullable) {
    await conn.raw(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(next.name)} DROP NOT NULL`);
  }
  if (old.unique && !next.unique) {
    const name = await uniqueConstraintOf(conn, table, next.name);
    if (name) await conn.raw(`ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(name)}`);
  }
  if (!old.unique && next.unique) await conn.raw(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(uniqueName(table, next.name))} UNIQUE (${q(next.name)})`);
}

/** The name of the single-column unique constraint on `table.column`, as this module named it. */
async function uniqueConstraintOf(conn: Knex, table: string, column: string): Promise<string | undefined> {
  const rows = (await conn.raw(`SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = current_schema() AND table_name = ? AND constraint_type = 'UNIQUE'`, [table])) as { rows: Array<{ constraint_name: string }> };
  const prefix = `${table}_${column}_uniq_`;
  return rows.rows.map((r) => r.constraint_name).find((n) => n.startsWith(prefix));
}

async function renameTable(conn: Knex, from: string, to: string): Promise<void> {
  if (from !== to) await conn.raw(`ALTER TABLE ${q(from)} RENAME TO ${q(to)}`);
}

/** The schema editor's steps (one object, so a deliberately broken reference can replace one). */
export const schemaEditor = { createModel, addField, removeField, alterField };

const fieldOf = (model: ModelState, name: string) => model.fields.find((f) => f.name === name)!;

/** `operation.database_forwards(app_label, schema_editor, from_state, to_state)`. */
export async function databaseForwards(conn: Knex, app: string, op: Operation, from: ProjectState, to: ProjectState): Promise<void> {
  switch (op.type) {
    case 'CreateModel':
      return schemaEditor.createModel(conn, to, modelOf(to, app, op.name));
    case 'DeleteModel':
      await conn.raw(`DROP TABLE ${q(tableOf(modelOf(from, app, op.name)))} CASCADE`);
      return;
    case 'AlterModelOptions':
      return;
    case 'AlterModelTable':
      return renameTable(conn, tableOf(modelOf(from, app, op.name)), tableOf(modelOf(to, app, op.name)));
    case 'AddField': {
      // The database sees the field with its default, even a one-off one.
      return schemaEditor.addField(conn, to, modelOf(to, app, op.modelName), op.field);
    }
    case 'RemoveField': {
      const model = modelOf(from, app, op.modelName);
      return schemaEditor.removeField(conn, from, model, fieldOf(model, op.name));
    }
    case 'AlterField': {
      const before = modelOf(from, app, op.modelName);
      const after = modelOf(to, app, op.modelName);
      return schemaEditor.alterField(conn, to, before, after, fieldOf(before, op.name), fieldOf(after, op.name));
    }
  }
}

/** `operation.database_backwards`: undoes the operation; `from` is the state after it, `to` the state before. */
export async function databaseBackwards(conn: Knex, app: string, op: Operation, from: ProjectState, to: ProjectState): Promise<void> {
  switch (op.type) {
    case 'CreateModel':
      await conn.raw(`DROP TABLE ${q(tableOf(modelOf(from, app, op.name)))} CASCADE`);
      return;
    case 'DeleteModel':
      return schemaEditor.createModel(conn, to, modelOf(to, app, op.name));
    case 'AlterModelOptions':
      return;
    case 'AlterModelTable':
      return renameTable(conn, tableOf(modelOf(from, app, op.name)), tableOf(modelOf(to, app, op.name)));
    case 'AddField': {
      const model = modelOf(from, app, op.modelName);
      return schemaEditor.removeField(conn, from, model, fieldOf(model, op.name));
    }
    case 'RemoveField': {
      const model = modelOf(to, app, op.modelName);
      return schemaEditor.addField(conn, to, model, fieldOf(model, op.name));
    }
    case 'AlterField': {
      const before = modelOf(from, app, op.modelName);
      const after = modelOf(to, app, op.modelName);
      return schemaEditor.alterField(conn, to, before, after, fieldOf(before, op.name), fieldOf(after, op.name));
    }
  }
}
