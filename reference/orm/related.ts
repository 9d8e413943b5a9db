/**
 * Relation fields, after `django/db/models/fields/related.py`: ForeignKey (a `<name>_id`
 * column holding the target's pk), OneToOneField (a unique ForeignKey) and ManyToManyField
 * (no column; an auto-created through model with one row per pair). Once every model is loaded,
 * the registry resolves `to`, creates the through models and lists, on each model, the relations
 * that point at it (`relatedObjects`, Django's reverse relations) in Django's order.
 */
import type { FieldSpec, ModelSpec } from '../../conformance/contract/schema.js';
import { Field, AutoField, registerFieldType } from './fields.js';
import { ModelMeta, type RelatedObject } from './options.js';
import { Apps, type AppConfig } from './registry.js';
import { PyError } from './pyvalues.js';
import { evaluateCallableDefault } from './defaults.js';
import { relationSteps, type RelationStep } from './query.js';
import { fieldChecks, modelChecks, type CheckMessage } from './checks.js';
import { referenceChecks } from './manager.js';
import type { Project } from './project.js';
import type { ModelInstance } from './instance.js';

export type OnDelete = NonNullable<FieldSpec['on_delete']>;

/**
 * What ForeignKey, OneToOneField and ManyToManyField share (Django's `RelatedField`): the model
 * they point at, resolved once every model is loaded, and the name of the reverse accessor.
 */
export abstract class RelatedField extends Field {
  private target: ModelMeta | undefined;

  override get isRelation(): boolean {
    return true;
  }

  get relatedName(): string | undefined {
    return this.spec.related_name;
  }

  get remote(): ModelMeta {
    if (!this.target) throw new Error(`${this.model.label}.${this.name} is not resolved yet`);
    return this.target;
  }

  resolve(target: ModelMeta): void {
    this.target = target;
  }

  relatedMeta(): ModelMeta {
    return this.remote;
  }
}

export class ForeignKey extends RelatedField {
  readonly onDelete: OnDelete;
  override readonly emptyStringsAllowed = false;

  constructor(spec: FieldSpec) {
    super(spec);
    if (spec.on_delete === undefined) throw new PyError('TypeError', `${spec.type}.__init__() missing 1 required positional argument: 'on_delete'`);
    if (spec.on_delete === null) throw new PyError('TypeError', 'on_delete must be callable.');
    this.onDelete = spec.on_delete;
    this.attname = `${spec.name}_id`;
    this.column = spec.db_column ?? this.attname;
  }

  /** The field on the target this one stores (its primary key). */
  get targetField(): Field {
    return this.remote.pk;
  }

  override getPrepValue(value: unknown): unknown {
    return this.targetField.getPrepValue(value);
  }
  override toPython(value: unknown): unknown {
    return this.targetField.toPython(value);
  }
  override toDb(value: unknown): unknown {
    return this.targetField.toDb(value);
  }
  override fromDb(value: unknown): unknown {
    return this.targetField.fromDb(value);
  }

  dbType(): string {
    const pk = this.targetField;
    return pk instanceof AutoField ? pk.relDbType() : pk.dbType();
  }

  references(): { table: string; column: string } {
    return { table: this.remote.dbTable, column: this.remote.pk.column };
  }

  /** The value SET_DEFAULT writes: `field.get_default()`. */
  deletionDefault(): unknown {
    return this.getDefault();
  }

  /** The value `SET(...)` writes: a literal, or a named callable called now. */
  setValue(): unknown {
    const policy = this.onDelete as { SET?: unknown; SET_CALLABLE?: string };
    if (policy.SET_CALLABLE !== undefined) return evaluateCallableDefault(this, policy.SET_CALLABLE);
    return this.model.decodeLiteral(policy.SET as never, this);
  }
}

export class OneToOneField extends ForeignKey {
  constructor(spec: FieldSpec) {
    super({ ...spec, unique: true });
  }
}

export class ManyToManyField extends RelatedField {
  through: ModelMeta | undefined;

  constructor(spec: FieldSpec) {
    if (spec.on_delete !== undefined) throw new PyError('TypeError', "Field.__init__() got an unexpected keyword argument 'on_delete'");
    super(spec);
  }

  override get concrete(): boolean {
    return false;
  }

  /** Symmetrical by default when the relation points at its own model. */
  get symmetrical(): boolean {
    return this.spec.symmetrical ?? this.remote === this.model;
  }

  /** An explicit `through=` model; the pairs are its rows. */
  get explicitThrough(): boolean {
    return this.spec.through !== undefined;
  }

  /** The through model's FK names: (source, target); `from_<m>`/`to_<m>` when both are the same model. */
  get throughFieldNames(): [string, string] {
    if (this.explicitThrough && this.through) {
      const fks = this.through.fields.filter((f): f is ForeignKey => f instanceof ForeignKey);
      const source = fks.find((f) => f.remote === this.model)!;
      const target = fks.find((f) => f.remote === this.remote && f !== source)!;
      return [source.name, target.name];
    }
    if (this.remote === this.model) return [`from_${this.model.modelName}`, `to_${this.model.modelName}`];
    return [this.model.modelName, this.remote.modelName];
  }

  dbType(): string {
    return '';
  }
}

registerFieldType('ForeignKey', ForeignKey);
registerFieldType('OneToOneField', OneToOneField);
registerFieldType('ManyToManyField', ManyToManyField);

// Resolution -----------------------------------------------------------------------------------

function resolveTarget(apps: Apps, meta: ModelMeta, to: string | undefined): ModelMeta {
  if (!to) throw new PyError('TypeError', `${meta.objectName} has a relation without "to"`);
  if (to === 'self') return meta;
  const label = to.includes('.') ? to : `${meta.app.label}.${to}`;
  try {
    return apps.model(label);
  } catch {
    throw new PyError('ImproperlyConfigured', `Related model '${label}' cannot be resolved`);
  }
}

/** Django's `create_many_to_many_intermediary_model`: `<Model>_<field>` with two CASCADE FKs. */
function throughModel(field: ManyToManyField): ModelMeta {
  const [source, target] = field.throughFieldNames;
  const spec: ModelSpec = {
    name: `${field.model.objectName}_${field.name}`,
    fields: [
      { name: source, type: 'ForeignKey', to: field.model.label, on_delete: 'CASCADE', related_name: `${field.model.objectName}_${field.name}+` },
      { name: target, type: 'ForeignKey', to: field.remote.label, on_delete: 'CASCADE', related_name: `${field.model.objectName}_${field.name}+` },
    ],
    meta: { db_table: `${field.model.dbTable}_${field.name}`, unique_together: [[source, target]] },
  };
  const through = new ModelMeta(field.model.app, spec);
  through.autoCreated = true;
  return through;
}

/** The reverse accessor Django gives a relation (`post_set`, `profile`), or undefined when hidden. */
function accessorName(field: Field, meta: ModelMeta): string | undefined {
  const related = field.spec.related_name;
  if (related !== undefined) return related.endsWith('+') ? undefined : related;
  if (field instanceof ManyToManyField && field.symmetrical && field.remote === meta) return undefined;
  return field instanceof OneToOneField ? meta.modelName : `${meta.modelName}_set`;
}

function queryName(field: Field, meta: ModelMeta): string | undefined {
  const related = field.spec.related_name;
  if (field.spec.related_query_name) return field.spec.related_query_name;
  if (related !== undefined) return related.endsWith('+') ? undefined : related;
  if (field instanceof ManyToManyField && field.symmetrical && field.remote === meta) return undefined;
  return meta.modelName;
}

Apps.relationResolvers.push((apps) => {
  // Targets first (the through models need them), then the through models, registered before
  // the model that declares the field, as Django registers them.
  for (const meta of apps.allModels()) {
    for (const field of [...meta.fields, ...meta.manyToMany]) {
      if (field instanceof ForeignKey || field instanceof ManyToManyField) field.resolve(resolveTarget(apps, meta, field.spec.to));
    }
  }
  for (const config of apps.configs) {
    const ordered = new Map<string, ModelMeta>();
    for (const meta of config.models.values()) {
      for (const field of meta.manyToMany) {
        if (!(field instanceof ManyToManyField)) continue;
        if (field.explicitThrough) {
          field.through = resolveTarget(apps, meta, field.spec.through);
          continue;
        }
        const through = throughModel(field);
        for (const f of through.fields) if (f instanceof ForeignKey) f.resolve(resolveTarget(apps, through, f.spec.to));
        field.through = through;
        ordered.set(through.modelName, through);
      }
      ordered.set(meta.modelName, meta);
    }
    replaceModels(config, ordered);
  }
  // Reverse relations: referencing models in registry order, then their fields in order.
  for (const meta of apps.allModels()) {
    for (const field of [...meta.fields, ...meta.manyToMany]) {
      if (!(field instanceof ForeignKey || field instanceof ManyToManyField)) continue;
      const related: RelatedObject = {
        relatedModel: meta,
        field,
        accessorName: accessorName(field, meta),
        queryName: queryName(field, meta) ?? '',
        oneToOne: field instanceof OneToOneField,
        manyToMany: field instanceof ManyToManyField,
      };
      field.remote.relatedObjects.push(related);
    }
  }
});

function replaceModels(config: AppConfig, ordered: Map<string, ModelMeta>): void {
  config.models.clear();
  for (const [name, meta] of ordered) config.models.set(name, meta);
}

/** Relations pointing at `meta` that deletion follows: FKs and one-to-ones (through FKs included). */
export function deletionRelations(meta: ModelMeta): Array<{ model: ModelMeta; field: ForeignKey }> {
  return meta.relatedObjects.flatMap((r) => (r.field instanceof ForeignKey ? [{ model: r.relatedModel, field: r.field }] : []));
}

// Lookups across relations -----------------------------------------------------------------------

relationSteps.push((meta, name): RelationStep[] | undefined => {
  const field = meta.field(name);
  if (field instanceof ForeignKey) return [{ column: field.column, target: field.remote, targetColumn: field.remote.pk.column }];
  if (field instanceof ManyToManyField) {
    const through = field.through!;
    const [source, target] = field.throughFieldNames;
    return [
      { column: meta.pk.column, target: through, targetColumn: through.field(source)!.column },
      { column: through.field(target)!.column, target: field.remote, targetColumn: field.remote.pk.column },
    ];
  }
  const reverse = meta.relatedObjects.find((r) => r.queryName === name && r.queryName !== '');
  if (!reverse) return undefined;
  if (reverse.field instanceof ForeignKey) {
    return [{ column: meta.pk.column, target: reverse.relatedModel, targetColumn: reverse.field.column }];
  }
  const m2m = reverse.field as ManyToManyField;
  const through = m2m.through!;
  const [source, target] = m2m.throughFieldNames;
  return [
    { column: meta.pk.column, target: through, targetColumn: through.field(target)!.column },
    { column: through.field(source)!.column, target: reverse.relatedModel, targetColumn: reverse.relatedModel.pk.column },
  ];
});

// System checks ----------------------------------------------------------------------------------

fieldChecks.push((field, meta): CheckMessage[] => {
  const obj = `${meta.label}.${field.name}`;
  const out: CheckMessage[] = [];
  if (field instanceof ForeignKey) {
    if (field.onDelete === 'SET_NULL' && !field.null) {
      out.push({ id: 'fields.E320', level: 'ERROR', msg: 'Field specifies on_delete=SET_NULL, but cannot be null.', hint: 'Set null=True argument on the field, or change the on_delete rule.', obj } as CheckMessage);
    }
    if (field.onDelete === 'SET_DEFAULT' && !field.hasDefault()) {
      out.push({ id: 'fields.E321', level: 'ERROR', msg: 'Field specifies on_delete=SET_DEFAULT, but has no default value.', hint: 'Set a default value, or change the on_delete rule.', obj } as CheckMessage);
    }
    if (field.spec.unique && !(field instanceof OneToOneField)) {
      out.push({ id: 'fields.W342', level: 'WARNING', msg: 'Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.', hint: 'ForeignKey(unique=True) is usually better served by a OneToOneField.', obj } as CheckMessage);
    }
  }
  if (field instanceof ManyToManyField && field.spec.null !== undefined) {
    out.push({ id: 'fields.W340', level: 'WARNING', msg: 'null has no effect on ManyToManyField.', obj } as CheckMessage);
  }
  return out;
});

/** fields.E304: two relations to the same model whose reverse accessors collide. */
modelChecks.push((meta): CheckMessage[] => {
  const out: CheckMessage[] = [];
  const seen = new Map<string, Field>();
  for (const related of meta.relatedObjects) {
    if (!related.accessorName) continue;
    seen.set(related.accessorName, seen.get(related.accessorName) ?? related.field);
  }
  for (const related of meta.relatedObjects) {
    const name = related.accessorName;
    if (!name || related.relatedModel.app.builtin) continue;
    const clashes = meta.relatedObjects.filter((r) => r !== related && r.accessorName === name);
    for (const other of clashes) {
      const a = `${related.relatedModel.label}.${related.field.name}`;
      const b = `${other.relatedModel.label}.${other.field.name}`;
      out.push({
        id: 'fields.E304',
        level: 'ERROR',
        msg: `Reverse accessor '${meta.objectName}.${name}' for '${a}' clashes with reverse accessor for '${b}'.`,
        hint: `Add or change a related_name argument to the definition for '${a}' or '${b}'.`,
        obj: a,
      } as CheckMessage);
    }
  }
  return out;
});

// Foreign key constraints where the database cannot defer them (pg-mem) ---------------------------

/** Rows of `model` whose `field` points at no row of its target: what a deferred FK rejects at COMMIT. */
export async function danglingCount(project: Project, model: ModelMeta, field: ForeignKey): Promise<number> {
  const target = field.remote;
  const row = await project.query((c) =>
    c.from(model.dbTable)
      .count({ n: '*' })
      .whereNotNull(field.column)
      .whereNotIn(field.column, c.from(target.dbTable).select(target.pk.column))
      .first(),
  );
  return Number((row as { n: unknown }).n);
}

export function foreignKeyViolation(model: ModelMeta, field: ForeignKey): PyError {
  return new PyError(
    'IntegrityError',
    `insert or update on table "${model.dbTable}" violates foreign key constraint "${model.dbTable}_${field.column}_fk"`,
    ['DatabaseError'],
  );
}

/** Checks at COMMIT (or now, in autocommit) that every FK of `instance` points at an existing row. */
referenceChecks.push(async (project: Project, instance: ModelInstance) => {
  if (!project.db.checksReferencesItself) return;
  const meta = instance.meta;
  const fields = meta.fields.filter((f): f is ForeignKey => f instanceof ForeignKey && instance.get(f.attname) !== null);
  if (fields.length === 0) return;
  const inserted = instance.state.adding;
  const pk = meta.pk.toDb(meta.pk.getPrepValue(instance.pk));
  await project.atCommit(async () => {
    for (const field of fields) {
      const value = field.toDb(field.getPrepValue(instance.get(field.attname)));
      const found = await project.query((c) => c.from(field.remote.dbTable).count({ n: '*' }).where(field.remote.pk.column, value as never).first());
      if (Number((found as { n: unknown }).n) > 0) continue;
      const stillThere = await project.query((c) => c.from(meta.dbTable).count({ n: '*' }).where(meta.pk.column, pk as never).where(field.column, value as never).first());
      if (Number((stillThere as { n: unknown }).n) === 0) continue;
      // Autocommit: the statement itself fails, so its row must not stay.
      if (!project.inAtomicBlock && inserted) await project.query((c) => c(meta.dbTable).where(meta.pk.column, pk as never).delete());
      throw foreignKeyViolation(meta, field);
    }
  });
});
