/**
 * Migrations, after `django/db/migrations`: `makemigrations` diffs the state the recorded
 * migrations describe against the models it is given and records new migrations (no database
 * access); `migrate` applies them in order (or unapplies back to a target), each one atomically,
 * recording it only when it succeeds. Operations: CreateModel, AddField, AlterField.
 */
import type { AppSpec, FieldSpec, ModelSpec } from '../../conformance/contract/schema.js';
import type { Value } from '../../conformance/contract/values.js';
import type { Project } from './project.js';
import { ModelMeta } from './options.js';
import { makeField, type Field } from './fields.js';
import { columnDefinition, createTableSql } from './schema-editor.js';
import { evaluateCallableDefault } from './defaults.js';
import { decodeValue } from './literals.js';
import { PyError, pyStr } from './pyvalues.js';

export interface Operation {
  type: 'CreateModel' | 'AddField' | 'AlterField';
  model: string;
  field?: string;
  /** CreateModel: the model; AddField/AlterField: the new field. */
  modelSpec?: ModelSpec;
  fieldSpec?: FieldSpec;
  /** AddField: the value existing rows get, when it is not the field's own default (a one-off answer). */
  oneOff?: Value;
}

export interface Migration {
  app: string;
  name: string;
  operations: Operation[];
}

interface State {
  migrations: Migration[];
  applied: Set<string>;
}

const states = new WeakMap<Project, State>();

function stateOf(project: Project): State {
  let state = states.get(project);
  if (!state) states.set(project, (state = { migrations: [], applied: new Set() }));
  return state;
}

const key = (m: Migration) => `${m.app}.${m.name}`;

/** The models (name → fields) that an app's migrations describe, up to and including `until`. */
function modelState(migrations: Migration[], app: string): Map<string, { spec: ModelSpec; fields: Map<string, FieldSpec> }> {
  const models = new Map<string, { spec: ModelSpec; fields: Map<string, FieldSpec> }>();
  for (const migration of migrations) {
    if (migration.app !== app) continue;
    for (const op of migration.operations) {
      if (op.type === 'CreateModel') models.set(op.model, { spec: op.modelSpec!, fields: new Map(op.modelSpec!.fields.map((f) => [f.name, f])) });
      else models.get(op.model)?.fields.set(op.field!, op.fieldSpec!);
    }
  }
  return models;
}

const STRING_TYPES = new Set(['CharField', 'TextField', 'SlugField', 'EmailField', 'URLField', 'FileField', 'ImageField']);

/** Django's autodetector asks for a one-off default unless the column can be filled without one. */
function needsOneOffDefault(field: FieldSpec): boolean {
  if (field.null || field.default !== undefined || field.db_default !== undefined || field.auto_now) return false;
  if (field.blank && STRING_TYPES.has(field.type)) return false;
  return field.type !== 'ManyToManyField';
}

function migrationName(number: number, operations: Operation[]): string {
  const prefix = String(number).padStart(4, '0');
  if (number === 1) return `${prefix}_initial`;
  const fragments = operations.map((op) => (op.type === 'CreateModel' ? op.model : op.type === 'AddField' ? `${op.model}_${op.field}` : `alter_${op.model}_${op.field}`));
  let name = fragments[0]!;
  for (const fragment of fragments.slice(1)) {
    const longer = `${name}_${fragment}`;
    if (longer.length > 52) {
      name = `${name}_and_more`;
      break;
    }
    name = longer;
  }
  return `${prefix}_${name}`;
}

/** `makemigrations <apps>`: new migrations for the differences, recorded but not applied. */
export function makeMigrations(project: Project, apps: AppSpec[], oneOffDefaults: Record<string, Value> = {}): Migration[] {
  const state = stateOf(project);
  const created: Migration[] = [];
  for (const app of apps) {
    const label = app.config?.label ?? app.name.split('.').pop()!;
    const known = modelState(state.migrations, label);
    const creates: Operation[] = [];
    const changes: Operation[] = [];
    for (const model of app.models) {
      const modelName = model.name.toLowerCase();
      const before = known.get(modelName);
      if (!before) {
        creates.push({ type: 'CreateModel', model: modelName, modelSpec: model });
        continue;
      }
      for (const field of [...model.fields].sort((a, b) => a.name.localeCompare(b.name))) {
        const previous = before.fields.get(field.name);
        if (!previous) {
          const op: Operation = { type: 'AddField', model: modelName, field: field.name, fieldSpec: field };
          if (needsOneOffDefault(field)) {
            const answer = oneOffDefaults[`${label}.${model.name}.${field.name}`];
            if (answer === undefined) {
              const reason = field.auto_now_add ? "it is impossible to add a field with 'auto_now_add=True' without specifying a default" : 'it is impossible to add a non-nullable field without specifying a default';
              throw new PyError('SystemExit', `Field '${field.name}' on model '${modelName}' not migrated: ${reason}.`, [], { code: 3 });
            }
            op.oneOff = answer;
          }
          changes.push(op);
        } else if (JSON.stringify(previous) !== JSON.stringify(field)) {
          changes.push({ type: 'AlterField', model: modelName, field: field.name, fieldSpec: field });
        }
      }
    }
    const operations = [...creates, ...changes.filter((o) => o.type === 'AddField'), ...changes.filter((o) => o.type === 'AlterField')];
    if (!operations.length) continue;
    const number = state.migrations.filter((m) => m.app === label).length + 1;
    const migration = { app: label, name: migrationName(number, operations), operations };
    state.migrations.push(migration);
    created.push(migration);
  }
  return created;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

function tempModel(project: Project, app: string, spec: ModelSpec): ModelMeta {
  const config = project.apps.configs.find((c) => c.label === app);
  if (!config) throw new PyError('LookupError', `No installed app with label '${app}'.`);
  return new ModelMeta(config, spec);
}

function boundField(project: Project, app: string, modelName: string, spec: FieldSpec): { table: string; field: Field } {
  const modelSpec = modelState(stateOf(project).migrations, app).get(modelName)!.spec;
  const meta = tempModel(project, app, modelSpec);
  const field = makeField(spec);
  field.model = meta;
  return { table: meta.dbTable, field };
}

async function applyOperation(project: Project, app: string, op: Operation, forwards: boolean): Promise<void> {
  const raw = (sql: string) => project.query((k) => k.raw(sql));
  if (op.type === 'CreateModel') {
    const meta = tempModel(project, app, op.modelSpec!);
    await raw(forwards ? createTableSql(meta) : `DROP TABLE ${q(meta.dbTable)}`);
    return;
  }
  const { table, field } = boundField(project, app, op.model, op.fieldSpec!);
  if (op.type === 'AddField') {
    if (!forwards) {
      await raw(`ALTER TABLE ${q(table)} DROP COLUMN ${q(field.column)}`);
      return;
    }
    // Existing rows get one value (a callable default is called once), then the column keeps no default.
    const spec = op.fieldSpec!;
    let fill: unknown = op.oneOff !== undefined ? decodeValue(op.oneOff) : undefined;
    if (fill === undefined && spec.default !== undefined) {
      const d = spec.default as Value;
      fill = typeof d === 'object' && d !== null && '$callable' in d ? evaluateCallableDefault(field, String((d as { $callable: string }).$callable)) : decodeValue(d);
    }
    const definition = columnDefinition(field);
    if (fill === undefined) {
      await raw(`ALTER TABLE ${q(table)} ADD COLUMN ${definition}`);
      return;
    }
    const literal = sqlLiteral(field.toDb(field.getPrepValue(fill)));
    const [name, type, ...rest] = definition.split(' ');
    await raw(`ALTER TABLE ${q(table)} ADD COLUMN ${name} ${type} DEFAULT ${literal} ${rest.join(' ')}`);
    await raw(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(field.column)} DROP DEFAULT`);
    return;
  }
  // AlterField: only a change of column type touches the database; existing values stay.
  const migrations = stateOf(project).migrations;
  const index = migrations.findIndex((m) => m.operations.includes(op));
  const before = modelState(migrations.slice(0, index), app).get(op.model)?.fields.get(op.field!);
  const target = forwards ? op.fieldSpec! : before;
  if (!target) return;
  const targetField = boundField(project, app, op.model, target).field;
  const other = boundField(project, app, op.model, forwards ? (before ?? target) : op.fieldSpec!).field;
  if (targetField.dbType() !== other.dbType()) {
    await raw(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(field.column)} TYPE ${targetField.dbType()}`);
  }
}

/** `migrate [app [target]]`: the migrations applied, or unapplied when going back to `target`. */
export async function migrate(project: Project, app?: string, target?: string): Promise<{ applied: string[]; unapplied: string[] }> {
  const state = stateOf(project);
  if (app && target !== undefined) {
    const ofApp = state.migrations.filter((m) => m.app === app);
    const keep = target === 'zero' ? 0 : ofApp.findIndex((m) => m.name === target || m.name.startsWith(`${target}_`)) + 1;
    if (target !== 'zero' && keep === 0) throw new PyError('CommandError', `Cannot find a migration matching '${target}' from app '${app}'.`);
    const unapplied: string[] = [];
    for (const migration of ofApp.slice(keep).reverse()) {
      if (!state.applied.has(key(migration))) continue;
      await project.atomic(async () => {
        for (const op of [...migration.operations].reverse()) await applyOperation(project, migration.app, op, false);
      });
      state.applied.delete(key(migration));
      unapplied.push(key(migration));
    }
    return { applied: [], unapplied };
  }
  const applied: string[] = [];
  for (const migration of state.migrations) {
    if (state.applied.has(key(migration)) || (app && migration.app !== app)) continue;
    await project.atomic(async () => {
      for (const op of migration.operations) await applyOperation(project, migration.app, op, true);
    });
    state.applied.add(key(migration));
    applied.push(key(migration));
  }
  return { applied, unapplied: [] };
}

export function showMigrations(project: Project): { app: string; name: string; applied: boolean }[] {
  const state = stateOf(project);
  return state.migrations.map((m) => ({ app: m.app, name: m.name, applied: state.applied.has(key(m)) }));
}

/** The project's tables (those named after its apps) with their columns, sorted by table name. */
export async function tables(project: Project): Promise<{ table: string; columns: { name: string; null: boolean }[] }[]> {
  const rows = (await project.query((k) =>
    k.raw(`SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`),
  )) as { rows?: Record<string, string>[] } | Record<string, string>[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  const prefixes = project.apps.configs.filter((c) => !c.builtin).map((c) => `${c.label}_`);
  const out = new Map<string, { name: string; null: boolean }[]>();
  for (const row of list) {
    const table = pyStr(row.table_name);
    if (!prefixes.some((p) => table.startsWith(p))) continue;
    if (!out.has(table)) out.set(table, []);
    out.get(table)!.push({ name: pyStr(row.column_name), null: row.is_nullable === 'YES' });
  }
  return [...out].sort(([a], [b]) => a.localeCompare(b)).map(([table, columns]) => ({ table, columns }));
}
