/**
 * Creates the tables of a project's models, as Django's schema editor does for
 * `migrate` on a fresh database: one table per model (`<app_label>_<model>`), NOT NULL unless
 * `null=True`, UNIQUE for unique fields, CHECK for positive integers, and foreign keys declared
 * `DEFERRABLE INITIALLY DEFERRED` (where the database can; see `Database.checksReferencesItself`).
 */
import type { Database } from '../db/database.js';
import { databaseError } from '../db/errors.js';
import type { ModelMeta } from './options.js';
import type { Field } from './fields.js';

/** Relation fields expose the table and column they reference. */
export interface ReferencingField {
  references(): { table: string; column: string };
}

function isReferencing(field: Field): field is Field & ReferencingField {
  return typeof (field as Partial<ReferencingField>).references === 'function';
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function columnDefinition(field: Field): string {
  const parts = [q(field.column), field.dbType()];
  if (field.primaryKey) parts.push('PRIMARY KEY');
  else {
    if (!field.null) parts.push('NOT NULL');
    if (field.unique) parts.push('UNIQUE');
  }
  const check = field.checkConstraint();
  if (check) parts.push(`CHECK (${check})`);
  return parts.join(' ');
}

export function createTableSql(meta: ModelMeta): string {
  const columns = meta.fields.map(columnDefinition);
  for (const together of meta.spec.meta?.unique_together ?? []) {
    columns.push(`UNIQUE (${together.map((name) => q(meta.field(name)?.column ?? name)).join(', ')})`);
  }
  return `CREATE TABLE ${q(meta.dbTable)} (${columns.join(', ')})`;
}

export function foreignKeySql(meta: ModelMeta): string[] {
  return meta.fields.filter(isReferencing).map((field) => {
    const { table, column } = field.references();
    const name = `${meta.dbTable}_${field.column}_fk`;
    return `ALTER TABLE ${q(meta.dbTable)} ADD CONSTRAINT ${q(name)} FOREIGN KEY (${q(field.column)}) REFERENCES ${q(table)} (${q(column)}) DEFERRABLE INITIALLY DEFERRED`;
  });
}

export async function createTables(db: Database, models: ModelMeta[]): Promise<void> {
  try {
    models = models.filter((m) => !m.proxy);
    for (const meta of models) await db.knex.raw(createTableSql(meta));
    if (!db.checksReferencesItself) {
      for (const meta of models) for (const sql of foreignKeySql(meta)) await db.knex.raw(sql);
    }
  } catch (e) {
    throw databaseError(e);
  }
}
