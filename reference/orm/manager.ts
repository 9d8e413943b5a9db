/**
 * The model API the contract drives: construction (`Model.__init__`), `save()` (after
 * `Model.save_base` / `_save_table`), and the manager and queryset calls (`create`, `get`,
 * `filter`, `count`, `update`, `bulk_create`, `refresh_from_db`).
 */
import { ModelInstance } from './instance.js';
import type { ModelMeta } from './options.js';
import type { Project } from './project.js';
import { PyError, pyRepr } from './pyvalues.js';
import { selectQuery, applyWhere, type Where } from './query.js';
import type { Field } from './fields.js';

/** Hooks the relations module fills in (assigning related objects in the constructor, checks before save). */
export const modelHooks = {
  /** Sets a keyword argument that names a relation (`user=<User>`); returns false if `name` is not one. */
  assignRelation: [] as Array<(instance: ModelInstance, name: string, value: unknown) => boolean>,
  /** Runs before pre_save (Django's `_prepare_related_fields_for_save`). */
  beforeSave: [] as Array<(project: Project, instance: ModelInstance) => void>,
  /**
   * A model's own `save()` (a declared override), called instead of Django's; it receives the
   * `super().save()` to call (or not). Set by the model-methods module.
   */
  saveOverride: undefined as undefined | ((project: Project, instance: ModelInstance, callSuper: () => Promise<void>) => Promise<void>),
};

/** `Model(**kwargs)`: defaults for omitted fields (callables called once), TypeError for unknown names. */
export function construct(meta: ModelMeta, kwargs: Record<string, unknown>): ModelInstance {
  const instance = new ModelInstance(meta);
  const remaining = new Map(Object.entries(kwargs));
  if (remaining.has('pk')) {
    remaining.set(meta.pk.name, remaining.get('pk'));
    remaining.delete('pk');
  }
  for (const field of meta.fields) {
    if (remaining.has(field.attname)) {
      instance.set(field.attname, remaining.get(field.attname));
      remaining.delete(field.attname);
    } else if (remaining.has(field.name)) {
      const value = remaining.get(field.name);
      remaining.delete(field.name);
      if (!modelHooks.assignRelation.some((assign) => assign(instance, field.name, value))) instance.set(field.attname, value);
    } else {
      instance.set(field.attname, field.getDefault());
    }
  }
  for (const field of meta.manyToMany) {
    if (remaining.has(field.name)) {
      throw new PyError('TypeError', `Direct assignment to the forward side of a many-to-many set is prohibited. Use ${field.name}.set() instead.`);
    }
  }
  if (remaining.size) {
    const names = [...remaining.keys()].map((k) => `'${k}'`).join(', ');
    throw new PyError('TypeError', `${meta.objectName}() got unexpected keyword arguments: ${names}`);
  }
  return instance;
}

/**
 * `Model(**kwargs)` as Django runs it: pre_init (with the call's `args` and `kwargs`), the
 * construction, then post_init. Loading a row is the positional form `Model(*values)`.
 */
export async function instantiate(project: Project, meta: ModelMeta, kwargs: Record<string, unknown>): Promise<ModelInstance> {
  await project.signals.get('pre_init').send(meta, { args: [], kwargs: { ...kwargs } });
  const instance = construct(meta, kwargs);
  await project.signals.get('post_init').send(meta, { instance });
  return instance;
}

async function loadRow(project: Project, meta: ModelMeta, row: Record<string, unknown>): Promise<ModelInstance> {
  const instance = fromRow(meta, row);
  await project.signals.get('pre_init').send(meta, { args: instance.snapshot().map(([, v]) => v), kwargs: {} });
  await project.signals.get('post_init').send(meta, { instance });
  return instance;
}

/** An instance loaded from a database row. */
export function fromRow(meta: ModelMeta, row: Record<string, unknown>): ModelInstance {
  const instance = new ModelInstance(meta);
  for (const field of meta.fields) instance.set(field.attname, field.fromDb(row[field.column]));
  instance.state.adding = false;
  instance.state.db = 'default';
  return instance;
}

function columnValue(field: Field, value: unknown): unknown {
  return field.toDb(field.getPrepValue(value));
}

export interface SaveOptions {
  updateFields?: string[];
  /** `save_base(raw=True)`, as fixture loading saves: values are stored as they are. */
  raw?: boolean;
  forceInsert?: boolean;
  forceUpdate?: boolean;
  /** The call is `super().save()` inside an override: the override itself is not run again. */
  fromOverride?: boolean;
}

/** `instance.save(...)`: pre_save, INSERT or UPDATE, post_save. Runs no validation. */
export async function save(project: Project, instance: ModelInstance, options: SaveOptions = {}): Promise<void> {
  const meta = instance.meta;
  if (modelHooks.saveOverride && meta.spec.save_override && !options.fromOverride) {
    return modelHooks.saveOverride(project, instance, () => save(project, instance, { ...options, fromOverride: true }));
  }
  let updateFields: Set<string> | undefined;
  if (options.updateFields !== undefined) {
    if (options.updateFields.length === 0) return;
    const names = new Set<string>();
    const invalid: string[] = [];
    for (const name of options.updateFields) {
      const field = meta.fields.find((f) => f.name === name || f.attname === name);
      if (!field || field.primaryKey) invalid.push(name);
      else names.add(field.name);
    }
    if (invalid.length) {
      throw new PyError('ValueError', `The following fields do not exist in this model, are m2m fields, primary keys, or are non-concrete fields: ${invalid.join(', ')}`);
    }
    updateFields = names;
  }
  for (const check of modelHooks.beforeSave) check(project, instance);
  const signalUpdateFields = updateFields ? new Set(updateFields) : null;
  const raw = options.raw ?? false;
  await project.signals.get('pre_save').send(meta, { instance, raw, using: 'default', update_fields: signalUpdateFields });
  const created = await saveTable(project, instance, updateFields, options);
  instance.state.adding = false;
  instance.state.db = 'default';
  await project.signals.get('post_save').send(meta, { instance, created, update_fields: signalUpdateFields, raw, using: 'default' });
}

/** `Model._save_table`: returns true when a row was inserted. */
async function saveTable(project: Project, instance: ModelInstance, updateFields: Set<string> | undefined, options: SaveOptions): Promise<boolean> {
  const meta = instance.meta;
  const pkField = meta.pk;
  let forceInsert = options.forceInsert ?? false;
  const pkSet = instance.pk !== null && instance.pk !== undefined;
  if (!pkSet && (options.forceUpdate || updateFields)) throw new PyError('ValueError', 'Cannot force an update in save() with no primary key.');
  // A pk with a default (a UUID) means a new instance is inserted without trying an UPDATE first.
  if (instance.state.adding && pkField.hasDefault() && !options.forceUpdate) forceInsert = true;

  if (pkSet && !forceInsert) {
    const fields = meta.fields.filter((f) => !f.primaryKey && (!updateFields || updateFields.has(f.name)));
    const values: Record<string, unknown> = {};
    for (const f of fields) values[f.column] = columnValue(f, options.raw ? instance.get(f.attname) : f.preSave(instance, false));
    const pkValue = columnValue(pkField, instance.pk);
    let matched: number;
    if (fields.length) {
      matched = await project.query((c) => c(meta.dbTable).where(pkField.column, pkValue as never).update(values));
    } else {
      matched = Number(await project.query((c) => c(meta.dbTable).where(pkField.column, pkValue as never).count({ n: '*' }).first().then((r) => (r as { n: unknown }).n)));
    }
    if (matched > 0) {
      await checkReferences(project, instance);
      return false;
    }
    if (updateFields) throw new PyError('DatabaseError', 'Save with update_fields did not affect any rows.');
    if (options.forceUpdate) throw new PyError('DatabaseError', 'Forced update did not affect any rows.');
  }

  // Without a pk value the database generates one (an auto field).
  const fields = meta.fields.filter((f) => f !== pkField || pkSet);
  const values: Record<string, unknown> = {};
  for (const f of fields) values[f.column] = columnValue(f, options.raw ? instance.get(f.attname) : f.preSave(instance, true));
  const rows = await project.query((c) => c(meta.dbTable).insert(values).returning(pkField.column));
  const row = (rows as Record<string, unknown>[])[0];
  if (row && (instance.pk === null || instance.pk === undefined)) instance.pk = pkField.fromDb(row[pkField.column]);
  await checkReferences(project, instance);
  return true;
}

/** Where the database cannot defer foreign key checks, the relations module checks them at commit. */
export const referenceChecks: Array<(project: Project, instance: ModelInstance) => Promise<void>> = [];

async function checkReferences(project: Project, instance: ModelInstance): Promise<void> {
  for (const check of referenceChecks) await check(project, instance);
}

/** `Model.objects.create(**kwargs)`. */
export async function create(project: Project, meta: ModelMeta, kwargs: Record<string, unknown>): Promise<ModelInstance> {
  const instance = await instantiate(project, meta, kwargs);
  await save(project, instance, { forceInsert: true });
  return instance;
}

export async function filter(project: Project, meta: ModelMeta, where?: Where, exclude?: Where, orderBy?: string[]): Promise<ModelInstance[]> {
  const rows = await project.query((c) => selectQuery(c, { meta, where, exclude, orderBy }));
  const instances: ModelInstance[] = [];
  for (const row of rows as Record<string, unknown>[]) instances.push(await loadRow(project, meta, row));
  return instances;
}

export function doesNotExist(meta: ModelMeta, message = `${meta.objectName} matching query does not exist.`): PyError {
  return new PyError('DoesNotExist', message, ['ObjectDoesNotExist'], { model: meta.label });
}

/** `Model.objects.get(**where)`. */
export async function get(project: Project, meta: ModelMeta, where: Where): Promise<ModelInstance> {
  const found = await filter(project, meta, where);
  if (found.length === 0) throw doesNotExist(meta);
  if (found.length > 1) {
    throw new PyError('MultipleObjectsReturned', `get() returned more than one ${meta.objectName} -- it returned ${found.length > 20 ? 'more than 20' : found.length}!`, [], { model: meta.label });
  }
  return found[0]!;
}

export async function count(project: Project, meta: ModelMeta, where?: Where): Promise<number> {
  const row = await project.query((c) => {
    const qb = c.from(meta.dbTable).count({ n: '*' });
    applyWhere(qb, c, meta, meta.dbTable, where);
    return qb.first();
  });
  return Number((row as { n: unknown }).n);
}

/** `QuerySet.update(**values)`: one UPDATE, no signals, no `save()`; returns the rows matched. */
export async function update(project: Project, meta: ModelMeta, where: Where | undefined, kwargs: Record<string, unknown>): Promise<number> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(kwargs)) {
    const field = meta.fields.find((f) => f.name === name || f.attname === name);
    if (!field) throw new PyError('FieldError', `Cannot resolve keyword '${name}' into field. Choices are: ${meta.fields.map((f) => f.name).sort().join(', ')}`);
    values[field.column] = columnValue(field, value instanceof ModelInstance ? value.pk : value);
  }
  return project.query((c) => {
    const qb = c(meta.dbTable);
    applyWhere(qb, c, meta, meta.dbTable, where);
    return qb.update(values);
  });
}

/** `bulk_create(objs)`: inserts without `save()` and without signals (auto_now fields are still set). */
export async function bulkCreate(project: Project, meta: ModelMeta, rows: Record<string, unknown>[]): Promise<ModelInstance[]> {
  const instances: ModelInstance[] = [];
  for (const kwargs of rows) instances.push(await instantiate(project, meta, kwargs));
  return project.atomic(async () => {
    for (const instance of instances) {
      const pkSet = instance.pk !== null && instance.pk !== undefined;
      const values: Record<string, unknown> = {};
      for (const f of meta.fields) {
        if (f === meta.pk && !pkSet) continue;
        values[f.column] = columnValue(f, f.preSave(instance, true));
      }
      const inserted = await project.query((c) => c(meta.dbTable).insert(values).returning(meta.pk.column));
      if (!pkSet) instance.pk = meta.pk.fromDb((inserted as Record<string, unknown>[])[0]![meta.pk.column]);
      instance.state.adding = false;
      instance.state.db = 'default';
      await checkReferences(project, instance);
    }
    return instances;
  });
}

/** `refresh_from_db()`: reloads every concrete field and forgets cached related objects. */
export async function refresh(project: Project, instance: ModelInstance): Promise<void> {
  const meta = instance.meta;
  const rows = await project.query((c) => c.from(meta.dbTable).select('*').where(meta.pk.column, columnValue(meta.pk, instance.pk) as never));
  const row = (rows as Record<string, unknown>[])[0];
  if (!row) throw doesNotExist(meta);
  const fresh = await loadRow(project, meta, row);
  for (const [attname, value] of fresh.snapshot()) instance.set(attname, value);
  instance.relatedCache.clear();
}

/** Reads `instance.<name>` for a plain field; relation modules extend `attributeReaders`. */
export const attributeReaders: Array<(project: Project, instance: ModelInstance, name: string) => Promise<{ value: unknown } | undefined>> = [];

export async function getAttribute(project: Project, instance: ModelInstance, name: string): Promise<unknown> {
  if (name === 'pk') return instance.pk;
  for (const read of attributeReaders) {
    const found = await read(project, instance, name);
    if (found) return found.value;
  }
  const field = instance.meta.fields.find((f) => f.attname === name || (f.name === name && !f.isRelation));
  if (field) return instance.get(field.attname);
  if (name === 'objects') throw new PyError('AttributeError', `Manager isn't accessible via ${instance.meta.objectName} instances`);
  throw new PyError('AttributeError', `'${instance.meta.objectName}' object has no attribute '${name}'`);
}

export { pyRepr };
