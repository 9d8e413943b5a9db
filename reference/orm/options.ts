/**
 * A model's `_meta`: its name, table, fields in order (the implicit `id` first), primary key
 * and verbose names, after `django/db/models/options.py`.
 */
import type { ModelSpec, FieldSpec } from '../../conformance/contract/schema.js';
import type { Value } from '../../conformance/contract/values.js';
import { makeField, type Field } from './fields.js';
import { decodeValue } from './literals.js';
import type { AppConfig } from './registry.js';

/** Django's `camel_case_to_spaces`: `BlogPost` → `blog post`, `HTTPResponseLog` → `http response log`. */
export function camelCaseToSpaces(name: string): string {
  return name.replace(/((?<=[a-z])[A-Z]|[A-Z](?![A-Z]|$))/g, ' $1').trim().toLowerCase();
}

/** The last component of a dotted class path (`django.db.models.BigAutoField` → `BigAutoField`). */
function autoFieldType(path: string): FieldSpec['type'] {
  const name = path.split('.').pop() ?? 'AutoField';
  return (['AutoField', 'BigAutoField', 'SmallAutoField'].includes(name) ? name : 'AutoField') as FieldSpec['type'];
}

export class ModelMeta {
  readonly objectName: string;
  readonly modelName: string;
  readonly label: string;
  readonly dbTable: string;
  readonly verboseName: string;
  readonly verboseNamePlural: string;
  /** Concrete fields in `_meta.fields` order (an implicit `id` comes first). */
  readonly fields: Field[] = [];
  /** Many-to-many fields (no column). */
  readonly manyToMany: Field[] = [];
  readonly pk: Field;
  /** Filled in by the registry once every model is loaded: relations pointing at this model. */
  readonly relatedObjects: RelatedObject[] = [];
  /** True for the through models Django creates for ManyToManyFields. */
  autoCreated = false;
  /** A proxy model: no table of its own; `concrete` is the model whose table it uses. */
  proxy = false;
  concrete: ModelMeta = this;

  constructor(readonly app: AppConfig, readonly spec: ModelSpec) {
    this.objectName = spec.name;
    this.modelName = spec.name.toLowerCase();
    this.label = `${app.label}.${spec.name}`;
    this.dbTable = spec.meta?.db_table ?? `${app.label}_${this.modelName}`;
    this.verboseName = spec.meta?.verbose_name ?? camelCaseToSpaces(spec.name);
    this.verboseNamePlural = spec.meta?.verbose_name_plural ?? `${this.verboseName}s`;

    const declared = spec.fields.map((f) => makeField(f));
    if (!declared.some((f) => f.primaryKey)) {
      const auto = makeField({ name: 'id', type: autoFieldType(app.defaultAutoField), verbose_name: 'ID', primary_key: true });
      auto.autoCreated = true;
      declared.unshift(auto);
    }
    for (const field of declared) {
      field.model = this;
      if (field.concrete) this.fields.push(field);
      else this.manyToMany.push(field);
    }
    this.pk = this.fields.find((f) => f.primaryKey)!;
  }

  get labelLower(): string {
    return this.label.toLowerCase();
  }

  /** A field by name or attname (`user` or `user_id`); `pk` is the primary key. */
  field(name: string): Field | undefined {
    if (name === 'pk') return this.pk;
    return [...this.fields, ...this.manyToMany].find((f) => f.name === name || f.attname === name);
  }

  /** Decodes a literal from the schema (a `default`, a `SET` value) into this field's Python value. */
  decodeLiteral(v: Value, _field?: Field): unknown {
    return decodeValue(v);
  }
}

/** A relation pointing at a model, seen from that model (Django's `ForeignObjectRel`). */
export interface RelatedObject {
  /** The model that declares the field. */
  relatedModel: ModelMeta;
  field: Field;
  /** The reverse accessor name (`post_set`, `profile`, `posts`), or undefined for `related_name='+'`. */
  accessorName: string | undefined;
  /** The name used in reverse lookups (`post`, or the related_name). */
  queryName: string;
  oneToOne: boolean;
  manyToMany: boolean;
}
