/**
 * What relations put on instances, after `django/db/models/fields/related_descriptors.py`:
 * forward access (`post.user`), the reverse one-to-one (`user.profile`), the reverse foreign key
 * manager (`user.post_set`) and the many-to-many managers (`article.tags`, `tag.article_set`),
 * with Django's checks, caches and `m2m_changed` notifications.
 */
import type { Knex } from 'knex';
import { ModelInstance } from './instance.js';
import type { ModelMeta, RelatedObject } from './options.js';
import type { Project } from './project.js';
import { PyError, pyStr } from './pyvalues.js';
import { attributeReaders, modelHooks, create, fromRow, count as countRows, update, bulkCreate } from './manager.js';
import { selectQuery, instanceLookupChecks, type Where } from './query.js';
import { ForeignKey, OneToOneField, ManyToManyField } from './related.js';
import { modelRepr } from './methods.js';
import { deleteQuerySet } from './deletion.js';

// Errors -----------------------------------------------------------------------------------------

/** `<Model>.<accessor>.RelatedObjectDoesNotExist`: the related model's DoesNotExist and an AttributeError. */
export function relatedObjectDoesNotExist(owner: ModelMeta, accessor: string, related: ModelMeta): PyError {
  return new PyError('RelatedObjectDoesNotExist', `${owner.objectName} has no ${accessor}.`, ['DoesNotExist', 'ObjectDoesNotExist', 'AttributeError'], { model: related.label });
}

/** `repr(instance)` without reading relations (for messages built where no query may run). */
export function quickRepr(instance: ModelInstance): string {
  const template = instance.meta.spec.str;
  let text = `${instance.meta.objectName} object (${pyStr(instance.pk)})`;
  if (template !== undefined && !/\{[^{}]*\.[^{}]*\}/.test(template)) {
    text = template.replace(/\{\{|\}\}|\{([^{}]+)\}/g, (m, name: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      const field = instance.meta.field(name!);
      return pyStr(field ? instance.get(field.attname) : name === 'pk' ? instance.pk : '');
    });
  }
  return `<${instance.meta.objectName}: ${text}>`;
}

function quickStr(instance: ModelInstance): string {
  return quickRepr(instance).replace(/^<[^:]+: /, '').replace(/>$/, '');
}

function pyReprValue(value: unknown): string {
  if (value instanceof ModelInstance) return quickRepr(value);
  if (typeof value === 'string') return `'${value}'`;
  return pyStr(value);
}

const samePk = (a: unknown, b: unknown) => a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b);

// Forward access and assignment -------------------------------------------------------------------

function forwardField(meta: ModelMeta, name: string): ForeignKey | undefined {
  const field = meta.fields.find((f) => f.name === name);
  return field instanceof ForeignKey ? field : undefined;
}

function reverseRelation(meta: ModelMeta, name: string): RelatedObject | undefined {
  return meta.relatedObjects.find((r) => r.accessorName === name);
}

async function readForward(project: Project, instance: ModelInstance, field: ForeignKey): Promise<ModelInstance | null> {
  const value = instance.get(field.attname);
  const cached = instance.relatedCache.get(field.name);
  if (cached instanceof ModelInstance && (samePk(cached.pk, value) || (value === null && cached.pk === null))) return cached;
  if (value === null) {
    if (field.null) return null;
    throw relatedObjectDoesNotExist(instance.meta, field.name, field.remote);
  }
  const remote = field.remote;
  const rows = await project.query((c) => c.from(remote.dbTable).select('*').where(remote.pk.column, field.toDb(field.getPrepValue(value)) as never));
  const row = (rows as Record<string, unknown>[])[0];
  if (!row) throw new PyError('DoesNotExist', `${remote.objectName} matching query does not exist.`, ['ObjectDoesNotExist'], { model: remote.label });
  const target = fromRow(remote, row);
  instance.relatedCache.set(field.name, target);
  if (field instanceof OneToOneField) {
    const reverse = field.remote.relatedObjects.find((r) => r.field === field);
    if (reverse?.accessorName) target.relatedCache.set(reverse.accessorName, instance);
  }
  return target;
}

async function readReverseOneToOne(project: Project, instance: ModelInstance, related: RelatedObject): Promise<ModelInstance> {
  const name = related.accessorName!;
  const cached = instance.relatedCache.get(name);
  if (cached instanceof ModelInstance) return cached;
  if (cached === undefined) {
    let found: ModelInstance | null = null;
    if (instance.pk !== null) {
      const field = related.field as ForeignKey;
      const rows = await project.query((c) => c.from(related.relatedModel.dbTable).select('*').where(field.column, instance.meta.pk.toDb(instance.pk) as never));
      const row = (rows as Record<string, unknown>[])[0];
      if (row) {
        found = fromRow(related.relatedModel, row);
        found.relatedCache.set(field.name, instance);
      }
    }
    instance.relatedCache.set(name, found);
    if (found) return found;
  }
  throw relatedObjectDoesNotExist(instance.meta, name, related.relatedModel);
}

attributeReaders.push(async (project, instance, name) => {
  const field = forwardField(instance.meta, name);
  if (field) return { value: await readForward(project, instance, field) };
  const m2m = instance.meta.manyToMany.find((f) => f.name === name);
  if (m2m instanceof ManyToManyField) return { value: ManyRelatedManager.forward(project, instance, m2m) };
  const related = reverseRelation(instance.meta, name);
  if (!related) return undefined;
  if (related.oneToOne) return { value: await readReverseOneToOne(project, instance, related) };
  if (related.manyToMany) return { value: ManyRelatedManager.reverse(project, instance, related) };
  return { value: new RelatedManager(project, instance, related) };
});

/** `instance.<name> = value` for relation names; false when `name` is not a relation. */
export function assignRelated(instance: ModelInstance, name: string, value: unknown): boolean {
  const meta = instance.meta;
  const field = forwardField(meta, name);
  if (field) {
    if (value !== null && !(value instanceof ModelInstance && value.meta === field.remote)) {
      throw new PyError('ValueError', `Cannot assign "${pyReprValue(value)}": "${meta.objectName}.${field.name}" must be a "${field.remote.objectName}" instance.`);
    }
    const target = value as ModelInstance | null;
    instance.set(field.attname, target === null ? null : target.pk);
    if (target) instance.relatedCache.set(field.name, target);
    else instance.relatedCache.delete(field.name);
    if (target && field instanceof OneToOneField) {
      const reverse = field.remote.relatedObjects.find((r) => r.field === field);
      if (reverse?.accessorName) target.relatedCache.set(reverse.accessorName, instance);
    }
    return true;
  }
  const m2m = meta.manyToMany.find((f) => f.name === name);
  if (m2m) throw new PyError('TypeError', `Direct assignment to the forward side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
  const related = reverseRelation(meta, name);
  if (!related) return false;
  if (related.manyToMany) throw new PyError('TypeError', `Direct assignment to the reverse side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
  if (!related.oneToOne) throw new PyError('TypeError', `Direct assignment to the reverse side of a related set is prohibited. Use ${name}.set() instead.`);
  const fk = related.field as ForeignKey;
  if (value === null) {
    const previous = instance.relatedCache.get(name);
    if (previous instanceof ModelInstance) previous.set(fk.attname, null);
    instance.relatedCache.set(name, null);
    return true;
  }
  if (!(value instanceof ModelInstance && value.meta === related.relatedModel)) {
    throw new PyError('ValueError', `Cannot assign "${pyReprValue(value)}": "${meta.objectName}.${name}" must be a "${related.relatedModel.objectName}" instance.`);
  }
  value.set(fk.attname, instance.pk);
  value.relatedCache.set(fk.name, instance);
  instance.relatedCache.set(name, value);
  return true;
}

modelHooks.assignRelation.push((instance, name, value) => assignRelated(instance, name, value));

/** Django's `_prepare_related_fields_for_save`. */
modelHooks.beforeSave.push((_project, instance) => {
  for (const field of instance.meta.fields) {
    if (!(field instanceof ForeignKey)) continue;
    const cached = instance.relatedCache.get(field.name);
    if (!(cached instanceof ModelInstance)) continue;
    if (cached.pk === null) throw new PyError('ValueError', `save() prohibited to prevent data loss due to unsaved related object '${field.name}'.`);
    if (instance.get(field.attname) === null) instance.set(field.attname, cached.pk);
    if (!samePk(cached.pk, instance.get(field.attname))) instance.relatedCache.delete(field.name);
  }
});

instanceLookupChecks.push((field, value) => {
  if (field instanceof ForeignKey && value.meta !== field.remote) {
    throw new PyError('ValueError', `Cannot query "${quickStr(value)}": Must be "${field.remote.objectName}" instance.`);
  }
});

// Managers ---------------------------------------------------------------------------------------

/** A manager's rows: a model plus a restriction added to every query. */
abstract class RelatedQuerySetBase {
  constructor(readonly project: Project, readonly instance: ModelInstance, readonly model: ModelMeta) {}

  protected abstract restrict(qb: Knex.QueryBuilder, knex: Knex): void;
  protected abstract checkUsable(): void;

  async all(where?: Where): Promise<ModelInstance[]> {
    this.checkUsable();
    const rows = await this.project.query((c) => {
      const qb = selectQuery(c, { meta: this.model, where });
      this.restrict(qb, c);
      return qb;
    });
    return (rows as Record<string, unknown>[]).map((row) => fromRow(this.model, row));
  }

  async count(where?: Where): Promise<number> {
    return (await this.all(where)).length;
  }

  async get(where?: Where): Promise<ModelInstance> {
    const found = await this.all(where);
    if (found.length === 1) return found[0]!;
    if (found.length === 0) throw new PyError('DoesNotExist', `${this.model.objectName} matching query does not exist.`, ['ObjectDoesNotExist'], { model: this.model.label });
    throw new PyError('MultipleObjectsReturned', `get() returned more than one ${this.model.objectName} -- it returned ${found.length}!`, [], { model: this.model.label });
  }
}

/** `user.post_set`: the rows of the referencing model whose FK holds this instance's pk. */
export class RelatedManager extends RelatedQuerySetBase {
  readonly field: ForeignKey;

  constructor(project: Project, instance: ModelInstance, readonly related: RelatedObject) {
    super(project, instance, related.relatedModel);
    this.field = related.field as ForeignKey;
  }

  protected restrict(qb: Knex.QueryBuilder): void {
    qb.where(`${this.model.dbTable}.${this.field.column}`, this.instance.meta.pk.toDb(this.instance.pk) as never);
  }

  protected checkUsable(): void {
    if (this.instance.pk === null) {
      throw new PyError('ValueError', `'${this.instance.meta.objectName}' instance needs to have a primary key value before this relationship can be used.`);
    }
  }

  /** Django's `_check_fk_val`. */
  private async checkFkValue(): Promise<void> {
    if (this.instance.pk === null) {
      throw new PyError('ValueError', `"${await modelRepr(this.project, this.instance)}" needs to have a value for field "${this.instance.meta.pk.attname}" before this relationship can be used.`);
    }
  }

  async create(values: Record<string, unknown>): Promise<ModelInstance> {
    await this.checkFkValue();
    return create(this.project, this.model, { ...values, [this.field.name]: this.instance });
  }

  async getOrCreate(values: Record<string, unknown>): Promise<[ModelInstance, boolean]> {
    const found = await this.all(values);
    if (found.length) return [found[0]!, false];
    return [await this.create(values), true];
  }

  private async checkObjects(objs: unknown[], requireSaved: boolean): Promise<ModelInstance[]> {
    const out: ModelInstance[] = [];
    for (const obj of objs) {
      if (!(obj instanceof ModelInstance && obj.meta === this.model)) {
        throw new PyError('TypeError', `'${this.model.objectName}' instance expected, got ${obj instanceof ModelInstance ? await modelRepr(this.project, obj) : pyReprValue(obj)}`);
      }
      if (requireSaved && (obj.state.adding || obj.state.db !== 'default')) {
        throw new PyError('ValueError', `${await modelRepr(this.project, obj)} instance isn't saved. Use bulk=False or save the object first.`);
      }
      out.push(obj);
    }
    return out;
  }

  /** `add(*objs)`: one UPDATE re-pointing saved objects; no save signals. */
  async add(objs: unknown[]): Promise<void> {
    await this.checkFkValue();
    const instances = await this.checkObjects(objs, true);
    for (const obj of instances) assignRelated(obj, this.field.name, this.instance);
    if (instances.length === 0) return;
    await update(this.project, this.model, { pk__in: instances.map((o) => o.pk) }, { [this.field.name]: this.instance });
  }

  private requireNullable(method: string): void {
    if (!this.field.null) throw new PyError('AttributeError', `'RelatedManager' object has no attribute '${method}'`);
  }

  async remove(objs: unknown[]): Promise<void> {
    this.requireNullable('remove');
    await this.checkFkValue();
    const instances = await this.checkObjects(objs, false);
    const pks: unknown[] = [];
    for (const obj of instances) {
      if (!samePk(obj.get(this.field.attname), this.instance.pk)) {
        throw new PyError('DoesNotExist', `${await modelRepr(this.project, obj)} is not related to ${await modelRepr(this.project, this.instance)}.`, ['ObjectDoesNotExist'], { model: this.instance.meta.label });
      }
      pks.push(obj.pk);
    }
    await update(this.project, this.model, { pk__in: pks, [this.field.attname]: this.instance.pk }, { [this.field.name]: null });
  }

  async clear(): Promise<void> {
    this.requireNullable('clear');
    await this.checkFkValue();
    await update(this.project, this.model, { [this.field.attname]: this.instance.pk }, { [this.field.name]: null });
  }

  /** `set(objs)`: a diff for a nullable FK; only `add()` for a non-null one. */
  async set(objs: unknown[], options: { clear?: boolean } = {}): Promise<void> {
    await this.checkFkValue();
    if (!this.field.null) return this.add(objs);
    await this.project.atomic(async () => {
      if (options.clear) {
        await this.clear();
        await this.add(objs);
        return;
      }
      const old = await this.all();
      const added: unknown[] = [];
      for (const obj of objs) {
        const index = old.findIndex((o) => obj instanceof ModelInstance && o.equals(obj));
        if (index >= 0) old.splice(index, 1);
        else added.push(obj);
      }
      await this.remove(old);
      await this.add(added);
    });
  }
}

/** Both sides of a many-to-many relation over its through table. */
export class ManyRelatedManager extends RelatedQuerySetBase {
  private constructor(
    project: Project,
    instance: ModelInstance,
    model: ModelMeta,
    readonly field: ManyToManyField,
    /** True when used from the side that does not declare the field. */
    readonly reverse: boolean,
  ) {
    super(project, instance, model);
  }

  static forward(project: Project, instance: ModelInstance, field: ManyToManyField): ManyRelatedManager {
    return new ManyRelatedManager(project, instance, field.remote, field, false).checked();
  }

  static reverse(project: Project, instance: ModelInstance, related: RelatedObject): ManyRelatedManager {
    return new ManyRelatedManager(project, instance, related.relatedModel, related.field as ManyToManyField, true).checked();
  }

  /** Django refuses the manager itself for an unsaved instance. */
  private checked(): this {
    if (this.instance.pk === null) {
      throw new PyError('ValueError', `"${quickRepr(this.instance)}" needs to have a value for field "${this.instance.meta.pk.attname}" before this many-to-many relationship can be used.`);
    }
    return this;
  }

  get through(): ModelMeta {
    return this.field.through!;
  }

  /** Through column names seen from this side: (this instance's, the other side's). */
  private get columns(): [string, string] {
    const [source, target] = this.field.throughFieldNames.map((n) => this.through.field(n)!.column) as [string, string];
    return this.reverse ? [target, source] : [source, target];
  }

  private get ownPk(): unknown {
    return this.instance.meta.pk.toDb(this.instance.pk);
  }

  protected restrict(qb: Knex.QueryBuilder, knex: Knex): void {
    const [own, other] = this.columns;
    qb.whereIn(`${this.model.dbTable}.${this.model.pk.column}`, knex.from(this.through.dbTable).select(other).where(own, this.ownPk as never));
  }

  protected checkUsable(): void {}

  private get symmetrical(): boolean {
    return !this.reverse && this.field.symmetrical && this.field.remote === this.field.model;
  }

  private async changed(action: string, pkSet: Set<unknown> | null): Promise<void> {
    await this.project.signals.get('m2m_changed').send(this.through, {
      action, instance: this.instance, reverse: this.reverse, model: this.model, pk_set: pkSet, using: 'default',
    });
  }

  /** Django's `_get_target_ids`: instances must be saved objects of the model; anything else is a pk. */
  private async targetIds(objs: unknown[]): Promise<Set<unknown>> {
    const ids: unknown[] = [];
    for (const obj of objs) {
      if (obj instanceof ModelInstance) {
        if (obj.meta !== this.model) throw new PyError('TypeError', `'${this.model.objectName}' instance expected, got ${await modelRepr(this.project, obj)}`);
        if (obj.state.db !== 'default') {
          throw new PyError('ValueError', `Cannot add "${await modelRepr(this.project, obj)}": instance is on database "default", value is on database "${obj.state.db ?? 'None'}"`);
        }
        if (obj.pk === null) throw new PyError('ValueError', `Cannot add "${await modelRepr(this.project, obj)}": the value for field "${this.model.pk.attname}" is None`);
        ids.push(obj.pk);
      } else {
        ids.push(this.model.pk.getPrepValue(obj));
      }
    }
    return pySet(ids);
  }

  private async existingTargets(own: string, other: string, ownPk: unknown, candidates?: Set<unknown>): Promise<Set<unknown>> {
    const rows = await this.project.query((c) => {
      const qb = c.from(this.through.dbTable).select(other).where(own, ownPk as never);
      if (candidates) qb.whereIn(other, [...candidates].map((v) => this.model.pk.toDb(v)) as never[]);
      return qb;
    });
    return pySet((rows as Record<string, unknown>[]).map((r) => this.model.pk.fromDb(r[other])));
  }

  private async addItems(own: string, other: string, ownPk: unknown, objs: unknown[], notify: boolean, throughDefaults: Record<string, unknown> = {}): Promise<void> {
    if (objs.length === 0) return;
    const targetIds = await this.targetIds(objs);
    const present = await this.existingTargets(own, other, ownPk, targetIds);
    // One set object, as in Django: a pre_add receiver that changes it changes what is inserted.
    const missing = new Set([...targetIds].filter((id) => !hasPk(present, id)));
    if (notify) await this.changed('pre_add', missing);
    // Django bulk-creates the through rows: field defaults apply, no save signals.
    const ownField = this.through.fields.find((f) => f.column === own)!;
    const otherField = this.through.fields.find((f) => f.column === other)!;
    await bulkCreate(this.project, this.through, [...missing].map((id) => ({ ...throughDefaults, [ownField.attname]: ownField.fromDb(ownPk), [otherField.attname]: id })));
    await this.checkTargetsExist(other);
    if (notify) await this.changed('post_add', missing);
  }

  /** The through table's FK to the other side is checked at COMMIT, like any Django FK. */
  private async checkTargetsExist(other: string): Promise<void> {
    if (!this.project.db.checksReferencesItself) return;
    await this.project.atCommit(async () => {
      const row = await this.project.query((c) =>
        c.from(this.through.dbTable).count({ n: '*' }).whereNotIn(other, c.from(this.model.dbTable).select(this.model.pk.column)).first(),
      );
      if (Number((row as { n: unknown }).n) > 0) {
        throw new PyError('IntegrityError', `insert or update on table "${this.through.dbTable}" violates foreign key constraint "${this.through.dbTable}_${other}_fk"`, ['DatabaseError']);
      }
    });
  }

  async add(objs: unknown[], throughDefaults?: Record<string, unknown>): Promise<void> {
    const [own, other] = this.columns;
    await this.project.atomic(async () => {
      await this.addItems(own, other, this.ownPk, objs, true, throughDefaults);
      // A symmetrical relation to self stores the mirror rows too, without a second notification.
      if (this.symmetrical) {
        for (const id of await this.targetIds(objs)) await this.addItems(own, other, this.model.pk.toDb(id), [this.instance], false, throughDefaults);
      }
    });
  }

  async remove(objs: unknown[]): Promise<void> {
    if (objs.length === 0) return;
    const ids = pySet(objs.map((obj) => (obj instanceof ModelInstance ? obj.pk : obj)));
    const [own, other] = this.columns;
    await this.project.atomic(async () => {
      await this.changed('pre_remove', ids);
      const values = [...ids].map((v) => this.model.pk.toDb(this.model.pk.getPrepValue(v)));
      await this.project.query((c) => {
        const qb = c(this.through.dbTable).where((w) => {
          w.where(own, this.ownPk as never).whereIn(other, values as never[]);
          if (this.symmetrical) w.orWhere((m) => m.where(other, this.ownPk as never).whereIn(own, values as never[]));
        });
        return qb.delete();
      });
      await this.changed('post_remove', ids);
    });
  }

  async clear(): Promise<void> {
    const [own, other] = this.columns;
    await this.project.atomic(async () => {
      await this.changed('pre_clear', null);
      await this.project.query((c) =>
        c(this.through.dbTable)
          .where(own, this.ownPk as never)
          .modify((qb) => {
            if (this.symmetrical) qb.orWhere(other, this.ownPk as never);
          })
          .delete(),
      );
      await this.changed('post_clear', null);
    });
  }

  /** `set(objs)`: remove what is no longer wanted, then add what is new (or clear, then add). */
  async set(objs: unknown[], options: { clear?: boolean } = {}): Promise<void> {
    await this.project.atomic(async () => {
      if (options.clear) {
        await this.clear();
        await this.add(objs);
        return;
      }
      const [own, other] = this.columns;
      const old = await this.existingTargets(own, other, this.ownPk);
      const added: unknown[] = [];
      for (const obj of objs) {
        const id = obj instanceof ModelInstance && obj.meta === this.model ? obj.pk : this.model.pk.getPrepValue(obj);
        const match = [...old].find((o) => samePk(o, id));
        if (match !== undefined) old.delete(match);
        else added.push(obj);
      }
      await this.remove([...old]);
      await this.add(added);
    });
  }

  async create(values: Record<string, unknown>): Promise<ModelInstance> {
    const created = await create(this.project, this.model, values);
    await this.add([created]);
    return created;
  }
}

/** A Python set of pks: equal ints are one element. */
function pySet(values: unknown[]): Set<unknown> {
  const out = new Set<unknown>();
  for (const v of values) if (!hasPk(out, v)) out.add(v);
  return out;
}

function hasPk(set: Set<unknown>, value: unknown): boolean {
  for (const v of set) if (v === value || (typeof v === typeof value && String(v) === String(value))) return true;
  return false;
}

export { countRows, deleteQuerySet };
