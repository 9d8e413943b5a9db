/**
 * Deletion, after `django/db/models/deletion.py`. `Model.delete()` and `QuerySet.delete()` hand
 * their objects to a Collector:
 * - `collect()` finds, with SELECTs only, everything the delete implies by following each
 *   relation's `on_delete` (CASCADE collects, PROTECT and RESTRICT raise, SET_* schedule updates,
 *   DO_NOTHING is left to the database);
 * - `canFastDelete()` says when rows can go with one `DELETE ... WHERE fk IN (...)` without being
 *   loaded (nobody listens to their delete signals and nothing cascades from them);
 * - `sort()` orders the models so that referencing rows go first where the FK is NOT NULL;
 * - `delete()` runs, in one transaction: every pre_delete, the fast deletes, the updates, then
 *   per model its DELETE and its post_delete signals; deferred FK checks run at COMMIT.
 */
import type { Knex } from 'knex';
import type { ModelInstance } from './instance.js';
import type { ModelMeta } from './options.js';
import type { Project } from './project.js';
import { PyError } from './pyvalues.js';
import { filter, fromRow } from './manager.js';
import { applyWhere, type Where } from './query.js';
import { ForeignKey, deletionRelations, danglingCount } from './related.js';

export type DeleteResult = [number, Record<string, number>];

/** A QuerySet as a deletion root (and as the `origin` delete signals report). */
export class QuerySetRef {
  constructor(readonly meta: ModelMeta, readonly where?: Where) {}
}

/** Rows deleted without being loaded: `DELETE FROM meta WHERE <restrict>`. */
interface FastDelete {
  meta: ModelMeta;
  restrict: (qb: Knex.QueryBuilder, knex: Knex) => void;
}

/** A scheduled `UPDATE S SET field = value`: on given rows, or (lazily) on rows whose FK is in `targets`. */
interface FieldUpdate {
  field: ForeignKey;
  value: unknown;
  rows?: ModelInstance[];
  targets?: unknown[];
}

/** Django deletes pk lists in chunks of this size (GET_ITERATOR_CHUNK_SIZE). */
const CHUNK = 100;

const key = (pk: unknown) => String(pk);

export class Collector {
  /** Model → collected instances by pk, in discovery order (Django's `data`). */
  data = new Map<ModelMeta, Map<string, ModelInstance>>();
  /** Model → models whose rows must be deleted before it. */
  readonly dependencies = new Map<ModelMeta, Set<ModelMeta>>();
  readonly fieldUpdates: FieldUpdate[] = [];
  /** Referencing model → RESTRICT field → rows, checked once the whole collection is known. */
  readonly restricted = new Map<ModelMeta, Map<ForeignKey, Map<string, ModelInstance>>>();
  readonly fastDeletes: FastDelete[] = [];

  constructor(readonly project: Project, readonly origin: unknown) {}

  private hasSignalListeners(meta: ModelMeta): boolean {
    const signals = this.project.signals;
    return signals.get('pre_delete').hasListeners(meta) || signals.get('post_delete').hasListeners(meta);
  }

  /** Rows of `meta` can be deleted without loading them: no receivers and every relation into it is DO_NOTHING. */
  canFastDelete(meta: ModelMeta, fromField?: ForeignKey): boolean {
    if (fromField && fromField.onDelete !== 'CASCADE') return false;
    if (this.hasSignalListeners(meta)) return false;
    return deletionRelations(meta).every((r) => r.field.onDelete === 'DO_NOTHING');
  }

  /** Adds instances; returns those not collected before. Records that `source` goes after them. */
  add(objs: ModelInstance[], source?: ModelMeta, nullable?: boolean): ModelInstance[] {
    if (objs.length === 0) return [];
    const meta = objs[0]!.meta;
    let instances = this.data.get(meta);
    if (!instances) this.data.set(meta, (instances = new Map()));
    const added: ModelInstance[] = [];
    for (const obj of objs) {
      if (instances.has(key(obj.pk))) continue;
      instances.set(key(obj.pk), obj);
      added.push(obj);
    }
    // A nullable FK imposes no order: Django could null it first.
    if (source && !nullable) this.addDependency(source, meta);
    return added;
  }

  addDependency(meta: ModelMeta, dependency: ModelMeta): void {
    let deps = this.dependencies.get(meta);
    if (!deps) this.dependencies.set(meta, (deps = new Set()));
    deps.add(dependency);
    if (!this.data.has(dependency)) this.data.set(dependency, new Map());
  }

  /** Rows of `meta` whose `fields` point at any of `pks` (one query, the fields OR-ed). */
  private async relatedRows(meta: ModelMeta, fields: ForeignKey[], pks: unknown[]): Promise<ModelInstance[]> {
    const rows = await this.project.query((c) =>
      // Stryker disable next-line StringLiteral: knex reads select('') as select *
      c.from(meta.dbTable).select('*').where((w) => {
        for (const f of fields) w.orWhereIn(f.column, pks.map((pk) => f.toDb(pk)) as never[]);
      }).orderBy(meta.pk.column),
    );
    return (rows as Record<string, unknown>[]).map((row) => fromRow(meta, row));
  }

  /**
   * Django's `collect()`. `objs` are instances, or a QuerySet (fast-deleted when possible).
   * `failOnRestricted` is true only at the top level: RESTRICT is judged once everything is known.
   */
  async collect(objs: ModelInstance[] | QuerySetRef, options: { source?: ModelMeta; nullable?: boolean; failOnRestricted?: boolean } = {}): Promise<void> {
    if (objs instanceof QuerySetRef) {
      if (this.canFastDelete(objs.meta)) {
        const { meta, where } = objs;
        this.fastDeletes.push({ meta, restrict: (qb, knex) => applyWhere(qb, knex, meta, meta.dbTable, where) });
        return;
      }
      objs = await filter(this.project, objs.meta, objs.where);
    }
    const added = this.add(objs, options.source, options.nullable);
    if (added.length === 0) return;
    const meta = added[0]!.meta;
    const pks = added.map((o) => o.pk);

    const protectedObjects = new Map<string, ModelInstance[]>();
    const modelFastDeletes = new Map<ModelMeta, ForeignKey[]>();
    for (const { model: related, field } of deletionRelations(meta)) {
      const policy = field.onDelete;
      if (policy === 'DO_NOTHING') continue;
      if (this.canFastDelete(related, field)) {
        modelFastDeletes.set(related, [...(modelFastDeletes.get(related) ?? []), field]);
        continue;
      }
      // SET_NULL and SET(value) update whatever still points here when the delete runs.
      if (policy === 'SET_NULL') {
        this.fieldUpdates.push({ field, value: null, targets: pks });
        continue;
      }
      if (typeof policy === 'object' && 'SET' in policy) {
        this.fieldUpdates.push({ field, value: field.setValue(), targets: pks });
        continue;
      }
      const subObjs = await this.relatedRows(related, [field], pks);
      if (subObjs.length === 0) continue;
      const edge = `'${related.objectName}.${field.name}'`;
      try {
        if (policy === 'CASCADE') await this.collect(subObjs, { source: meta, nullable: field.null, failOnRestricted: false });
        else if (policy === 'PROTECT') throw protectedError(meta, [[edge, subObjs]]);
        else if (policy === 'RESTRICT') {
          this.addRestricted(field, subObjs);
          this.addDependency(meta, related);
        } else if (policy === 'SET_DEFAULT') this.fieldUpdates.push({ field, value: field.deletionDefault(), rows: subObjs });
        else this.fieldUpdates.push({ field, value: field.setValue(), rows: subObjs });
      } catch (e) {
        // A PROTECT found deeper down is reported against the relation that led there.
        // Stryker disable next-line ConditionalExpression,LogicalOperator: nothing but a ProtectedError (or a defect of the reference) comes out of the nested collect
        if (!(e instanceof PyError && e.type === 'ProtectedError')) throw e;
        protectedObjects.set(edge, [...(protectedObjects.get(edge) ?? []), ...(e.data.objects as ModelInstance[])]);
      }
    }
    if (protectedObjects.size) throw protectedError(meta, [...protectedObjects]);

    for (const [related, fields] of modelFastDeletes) {
      this.fastDeletes.push({
        meta: related,
        restrict: (qb) => qb.where((w) => {
          for (const f of fields) w.orWhereIn(f.column, pks.map((pk) => f.toDb(pk)) as never[]);
        }),
      });
    }

    if (options.failOnRestricted ?? true) await this.checkRestricted(meta);
  }

  private addRestricted(field: ForeignKey, objs: ModelInstance[]): void {
    const meta = objs[0]!.meta;
    let byField = this.restricted.get(meta);
    if (!byField) this.restricted.set(meta, (byField = new Map()));
    let rows = byField.get(field);
    if (!rows) byField.set(field, (rows = new Map()));
    for (const obj of objs) rows.set(key(obj.pk), obj);
  }

  /** RESTRICT blocks only for rows that are not themselves deleted by this operation. */
  private async checkRestricted(meta: ModelMeta): Promise<void> {
    for (const [model, byField] of this.restricted) {
      const collected = this.data.get(model);
      // A RESTRICT referrer's model is always in `data`: addDependency() put it there.
      for (const rows of byField.values()) for (const pk of [...rows.keys()]) if (collected!.has(pk)) rows.delete(pk);
    }
    for (const fast of this.fastDeletes) {
      const byField = this.restricted.get(fast.meta);
      if (!byField) continue;
      const candidates = [...byField.values()].flatMap((rows) => [...rows.values()].map((o) => o.pk));
      // Stryker disable next-line ConditionalExpression: an empty candidate list matches no row; this only saves a statement
      if (candidates.length === 0) continue;
      const matched = await this.project.query((c) => {
        const qb = c.from(fast.meta.dbTable).select(fast.meta.pk.column).whereIn(fast.meta.pk.column, candidates.map((pk) => fast.meta.pk.toDb(pk)) as never[]);
        fast.restrict(qb, c);
        return qb;
      });
      for (const row of matched as Record<string, unknown>[]) {
        const pk = key(fast.meta.pk.fromDb(row[fast.meta.pk.column]));
        for (const rows of byField.values()) rows.delete(pk);
      }
    }
    const blocking: [string, ModelInstance[]][] = [];
    for (const [model, byField] of this.restricted) {
      for (const [field, rows] of byField) if (rows.size) blocking.push([`'${model.objectName}.${field.name}'`, [...rows.values()]]);
    }
    if (blocking.length) {
      throw new PyError('RestrictedError', blockedMessage(meta, blocking, 'restricted'), ['IntegrityError', 'DatabaseError'], { objects: sortedObjects(blocking) });
    }
  }

  /** Orders models so that each comes after the models it depends on; gives up on a cycle. */
  sort(): void {
    const models = [...this.data.keys()];
    const sorted: ModelMeta[] = [];
    while (sorted.length < models.length) {
      let found = false;
      for (const model of models) {
        if (sorted.includes(model)) continue;
        const deps = this.dependencies.get(model);
        if (!deps || [...deps].every((d) => sorted.includes(d))) {
          sorted.push(model);
          found = true;
        }
      }
      if (!found) return;
    }
    this.data = new Map(sorted.map((m) => [m, this.data.get(m)!]));
  }

  async delete(): Promise<DeleteResult> {
    const ordered = new Map<ModelMeta, ModelInstance[]>();
    for (const [meta, instances] of this.data) ordered.set(meta, [...instances.values()].sort((a, b) => comparePk(a.pk, b.pk)));
    this.sort();
    const data = [...this.data.keys()].map((meta) => [meta, ordered.get(meta)!] as const);
    const counter = new Map<string, number>();
    const count = (label: string, n: number) => {
      if (n) counter.set(label, (counter.get(label) ?? 0) + n);
    };

    // Django's shortcut for a single object nobody listens to is left out: with no signals, fast
    // deletes or updates to run, the path below sends the same one DELETE.
    await this.project.atomic(async () => {
      const signals = this.project.signals;
      for (const [meta, instances] of data) {
        if (meta.autoCreated) continue;
        for (const instance of instances) await signals.get('pre_delete').send(meta, { instance, using: 'default', origin: this.origin });
      }
      for (const fast of this.fastDeletes) {
        count(fast.meta.label, await this.project.query((c) => {
          const qb = c(fast.meta.dbTable);
          fast.restrict(qb, c);
          return qb.delete();
        }));
      }
      for (const update of this.fieldUpdates) await this.runUpdate(update);
      for (const [meta, instances] of data) {
        const reversed = [...instances].reverse();
        count(meta.label, await this.deleteBatch(meta, reversed.map((o) => o.pk)));
        if (meta.autoCreated) continue;
        for (const instance of reversed) await signals.get('post_delete').send(meta, { instance, using: 'default', origin: this.origin });
      }
      await this.checkDanglingReferences();
    });

    for (const [, instances] of data) for (const instance of instances) instance.pk = null;
    return [[...counter.values()].reduce((a, b) => a + b, 0), Object.fromEntries(counter)];
  }

  private async deleteBatch(meta: ModelMeta, pks: unknown[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < pks.length; i += CHUNK) {
      // Stryker disable next-line MethodExpression: all the pks in the first chunk leave the later ones empty but still sent: same rows, same statements
      const chunk = pks.slice(i, i + CHUNK).map((pk) => meta.pk.toDb(pk));
      n += await this.project.query((c) => c(meta.dbTable).whereIn(meta.pk.column, chunk as never[]).delete());
    }
    return n;
  }

  private async runUpdate(update: FieldUpdate): Promise<void> {
    const { field, value } = update;
    const meta = field.model;
    const column = field.toDb(field.getPrepValue(value));
    await this.project.query((c) => {
      const qb = c(meta.dbTable);
      if (update.rows) qb.whereIn(meta.pk.column, update.rows.map((o) => meta.pk.toDb(o.pk)) as never[]);
      else qb.whereIn(field.column, update.targets!.map((pk) => field.toDb(pk)) as never[]);
      return qb.update({ [field.column]: column });
    });
  }

  /**
   * Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: a row left pointing at a deleted
   * row (DO_NOTHING, or SET_DEFAULT to a deleted row) fails the COMMIT. Where the database
   * cannot defer, the reference checks at commit itself.
   */
  private async checkDanglingReferences(): Promise<void> {
    // Stryker disable next-line ConditionalExpression: where the database checks too, this check agrees with it
    if (!this.project.db.checksReferencesItself) return;
    const touched = new Set<ModelMeta>([...this.data.keys(), ...this.fastDeletes.map((f) => f.meta)]);
    const edges = [...touched].flatMap((meta) => deletionRelations(meta));
    await this.project.atCommit(async () => {
      for (const { model, field } of edges) {
        if (await danglingCount(this.project, model, field)) {
          throw new PyError(
            'IntegrityError',
            // Stryker disable next-line StringLiteral: the message is the database's own wording; cases compare the type
            `update or delete on table "${field.remote.dbTable}" violates foreign key constraint "${model.dbTable}_${field.column}_fk" on table "${model.dbTable}"`,
            ['DatabaseError'],
          );
        }
      }
    });
  }
}

/**
 * Orders two pks of one model as Python does (ints as numbers, text as text). They are never
 * equal: each collected row is there once.
 */
function comparePk(a: unknown, b: unknown): number {
  // Stryker disable next-line EqualityOperator: `<=` differs only for equal pks, which never meet here
  return (a as bigint | string) < (b as bigint | string) ? -1 : 1;
}

/** The blocking rows once each, by model label, then pk (the contract's order). */
function sortedObjects(groups: [string, ModelInstance[]][]): ModelInstance[] {
  const seen = new Map<string, ModelInstance>();
  for (const [, objs] of groups) for (const o of objs) seen.set(`${o.meta.label}:${key(o.pk)}`, o);
  const byLabel = (a: ModelInstance, b: ModelInstance) => (a.meta.label < b.meta.label ? -1 : a.meta.label > b.meta.label ? 1 : 0);
  return [...seen.values()].sort((a, b) => byLabel(a, b) || comparePk(a.pk, b.pk));
}

function blockedMessage(meta: ModelMeta, groups: [string, ModelInstance[]][], kind: 'protected' | 'restricted'): string {
  return `Cannot delete some instances of model '${meta.objectName}' because they are referenced through ${kind} foreign keys: ${groups.map(([k]) => k).join(', ')}.`;
}

function protectedError(meta: ModelMeta, groups: [string, ModelInstance[]][]): PyError {
  return new PyError('ProtectedError', blockedMessage(meta, groups, 'protected'), ['IntegrityError', 'DatabaseError'], { objects: sortedObjects(groups) });
}

/** Runs a model's declared `delete()` override around the real delete (set by the adapter, which runs declared code). */
export const deleteOverrides: { run?: (project: Project, instance: ModelInstance, superDelete: () => Promise<DeleteResult>) => Promise<unknown> } = {};

/** `instance.delete()`: the model's own override when it declares one, else Django's `Model.delete()`. */
export async function deleteInstance(project: Project, instance: ModelInstance): Promise<DeleteResult> {
  if (instance.meta.spec.delete_override && deleteOverrides.run) {
    return (await deleteOverrides.run(project, instance, () => modelDelete(project, instance))) as DeleteResult;
  }
  return modelDelete(project, instance);
}

/** Django's `Model.delete()`. */
export async function modelDelete(project: Project, instance: ModelInstance): Promise<DeleteResult> {
  const meta = instance.meta;
  if (instance.pk === null) {
    throw new PyError('ValueError', `${meta.objectName} object can't be deleted because its ${meta.pk.attname} attribute is set to None.`);
  }
  const collector = new Collector(project, instance);
  await collector.collect([instance]);
  return collector.delete();
}

/** `Model.objects.filter(**where).delete()`. */
export async function deleteQuerySet(project: Project, meta: ModelMeta, where?: Where, shape: { limit?: number; values?: string[] } = {}): Promise<DeleteResult> {
  if (shape.limit !== undefined) throw new PyError('TypeError', "Cannot use 'limit' or 'offset' with delete().");
  if (shape.values !== undefined) throw new PyError('TypeError', 'Cannot call delete() after .values() or .values_list()');
  const queryset = new QuerySetRef(meta, where);
  const collector = new Collector(project, queryset);
  await collector.collect(queryset);
  return collector.delete();
}

export { fromRow };
