/**
 * Filters with Django's lookup syntax (`title__startswith`, `user__username`, `pk__in`) compiled
 * to SQL. A step across a relation becomes `column IN (SELECT ... FROM related WHERE ...)`, so
 * results never repeat rows and no join bookkeeping is needed.
 */
import type { Knex } from 'knex';
import { PyError } from './pyvalues.js';
import { ModelInstance } from './instance.js';
import type { ModelMeta } from './options.js';
import type { Field } from './fields.js';

export const LOOKUPS = ['exact', 'iexact', 'in', 'isnull', 'gt', 'gte', 'lt', 'lte', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith'] as const;
type Lookup = (typeof LOOKUPS)[number];

/** One hop across a relation: rows of `meta` whose `column` is IN the `targetColumn` of matching `target` rows. */
export interface RelationStep {
  column: string;
  target: ModelMeta;
  targetColumn: string;
}

/** Relation modules register how a name on a model crosses to another model. */
export const relationSteps: Array<(meta: ModelMeta, name: string) => RelationStep[] | undefined> = [];

/** Relation modules register how a lookup value that is an instance becomes a column value. */
export type Where = Record<string, unknown>;

function findSteps(meta: ModelMeta, name: string): RelationStep[] | undefined {
  for (const find of relationSteps) {
    const steps = find(meta, name);
    if (steps) return steps;
  }
  return undefined;
}

/** Django's `get_field_names_from_opts`: names and attnames, many-to-many names, reverse query names. */
function fieldError(meta: ModelMeta, name: string): PyError {
  const names = new Set<string>();
  for (const f of meta.fields) names.add(f.name).add(f.attname);
  for (const f of meta.manyToMany) names.add(f.name);
  for (const r of meta.relatedObjects) if (r.queryName) names.add(r.queryName);
  const choices = [...names].sort();
  return new PyError('FieldError', `Cannot resolve keyword '${name}' into field. Choices are: ${choices.join(', ')}`);
}

/** Relation modules check that an instance used as a lookup value is of the right model. */
export const instanceLookupChecks: Array<(field: Field, value: ModelInstance) => void> = [];

/** A lookup value as a column parameter: instances become their pk, other values are prepared by the field. */
function prepare(field: Field, value: unknown): unknown {
  if (value instanceof ModelInstance) {
    for (const check of instanceLookupChecks) check(field, value);
    return field.toDb(field.getPrepValue(value.pk));
  }
  return field.toDb(field.getPrepValue(value));
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Adds one `key: value` condition on `meta`'s table (aliased `alias`) to the query builder. */
function applyCondition(qb: Knex.QueryBuilder, knex: Knex, meta: ModelMeta, alias: string, key: string, value: unknown): void {
  const [first, ...rest] = key.split('__');
  const name = first!;
  const field = meta.field(name);
  const nextIsLookup = rest.length === 0 || (rest.length === 1 && (LOOKUPS as readonly string[]).includes(rest[0]!));
  if (field && !field.isRelation && !nextIsLookup) throw new PyError('FieldError', `Unsupported lookup '${rest.join('__')}' for ${field.type} or join on the field not permitted.`);
  if (field && (!field.isRelation || (nextIsLookup && field.concrete))) {
    applyFieldLookup(qb, `${alias}.${field.column}`, field, (rest[0] ?? 'exact') as Lookup, value);
    return;
  }
  const steps = findSteps(meta, name);
  if (!steps) throw fieldError(meta, name);
  const column = `${alias}.${steps[0]!.column}`;
  // `relation__isnull`: whether any related row exists.
  if (rest.length === 1 && rest[0] === 'isnull') {
    // Rows whose key is NULL relate to nothing (and a NULL inside NOT IN would match nothing).
    const [first] = steps;
    const related = steps.length === 1
      ? knex.from(first!.target.dbTable).select(first!.targetColumn).whereNotNull(first!.targetColumn)
      : subquery(knex, steps, 'pk__isnull', false);
    if (value) qb.whereNotIn(column, related);
    else qb.whereIn(column, related);
    return;
  }
  const lookupFirst = rest.length > 0 && (LOOKUPS as readonly string[]).includes(rest[0]!);
  const remaining = rest.length === 0 ? 'pk' : lookupFirst ? `pk__${rest.join('__')}` : rest.join('__');
  qb.whereIn(column, subquery(knex, steps, remaining, value));
}

function subquery(knex: Knex, steps: RelationStep[], key: string, value: unknown): Knex.QueryBuilder {
  const [step, ...more] = steps;
  const alias = `t_${step!.target.modelName}_${Math.random().toString(36).slice(2, 7)}`;
  const qb = knex.from({ [alias]: step!.target.dbTable }).select(`${alias}.${step!.targetColumn}`);
  if (more.length) qb.whereIn(`${alias}.${more[0]!.column}`, subquery(knex, more, key, value));
  else applyCondition(qb, knex, step!.target, alias, key, value);
  return qb;
}

function applyFieldLookup(qb: Knex.QueryBuilder, column: string, field: Field, lookup: Lookup, value: unknown): void {
  switch (lookup) {
    case 'exact':
      if (value === null) qb.whereNull(column);
      else qb.where(column, prepare(field, value) as Knex.Value);
      return;
    case 'isnull':
      if (value) qb.whereNull(column);
      else qb.whereNotNull(column);
      return;
    case 'in': {
      const items = [...(value as Iterable<unknown>)].filter((v) => v !== null).map((v) => prepare(field, v));
      if (items.length === 0) qb.whereRaw('1 = 0');
      else qb.whereIn(column, items as Knex.Value[]);
      return;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      qb.where(column, { gt: '>', gte: '>=', lt: '<', lte: '<=' }[lookup], prepare(field, value) as Knex.Value);
      return;
    case 'iexact':
      qb.whereRaw(`UPPER(??::text) = UPPER(?)`, [column, String(value)]);
      return;
    default: {
      const text = likeEscape(String(value));
      const pattern = lookup.endsWith('contains') ? `%${text}%` : lookup.endsWith('startswith') ? `${text}%` : `%${text}`;
      if (lookup.startsWith('i')) qb.whereRaw(`UPPER(??::text) LIKE UPPER(?)`, [column, pattern]);
      else qb.whereRaw(`??::text LIKE ?`, [column, pattern]);
    }
  }
}

export interface QuerySpec {
  meta: ModelMeta;
  where?: Where;
  exclude?: Where;
  orderBy?: string[];
}

/** `SELECT <table>.* FROM <table> WHERE ... ORDER BY ...` for a queryset. */
export function selectQuery(knex: Knex, spec: QuerySpec): Knex.QueryBuilder {
  const { meta } = spec;
  const alias = meta.dbTable;
  const qb = knex.from(meta.dbTable).select(`${alias}.*`);
  applyWhere(qb, knex, meta, alias, spec.where, spec.exclude);
  for (const key of spec.orderBy ?? meta.spec.meta?.ordering ?? []) {
    const desc = key.startsWith('-');
    const field = meta.field(desc ? key.slice(1) : key);
    if (!field) throw fieldError(meta, key.replace(/^-/, ''));
    qb.orderBy(`${alias}.${field.column}`, desc ? 'desc' : 'asc');
  }
  if (!spec.orderBy && !meta.spec.meta?.ordering) qb.orderBy(`${alias}.${meta.pk.column}`, 'asc');
  return qb;
}

export function applyWhere(qb: Knex.QueryBuilder, knex: Knex, meta: ModelMeta, alias: string, where?: Where, exclude?: Where): void {
  for (const [key, value] of Object.entries(where ?? {})) applyCondition(qb, knex, meta, alias, key, value);
  if (exclude && Object.keys(exclude).length) {
    qb.whereNot((inner) => {
      for (const [key, value] of Object.entries(exclude)) applyCondition(inner, knex, meta, alias, key, value);
    });
  }
}
