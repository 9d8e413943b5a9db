/**
 * The migration state (Django's `ProjectState`): for every model of the migrated apps, its
 * fields as deconstructed specs (class name and keyword options) and its table. It is built
 * either from the current models (`fromApps`) or by replaying operations (`operations.ts`).
 */
import type { FieldSpec, ModelSpec } from '../../../conformance/contract/schema.js';
import type { AppConfig } from '../registry.js';

export interface ModelState {
  app: string;
  /** The class name (`Note`). */
  name: string;
  /** Fields in order, the primary key included (an implicit `id` is explicit here, as in Django). */
  fields: FieldSpec[];
  dbTable?: string;
  /** The Meta options that change no schema (`ordering`, `verbose_name`, `verbose_name_plural`). */
  options: ModelOptions;
}

export interface ModelOptions {
  ordering?: string[];
  verbose_name?: string;
  verbose_name_plural?: string;
}

/** Options compared as Django compares them (`AlterModelOptions.ALTER_OPTION_KEYS`, the ones this contract has). */
export function optionsOf(meta: ModelSpec['meta']): ModelOptions {
  const options: ModelOptions = {};
  if (meta?.ordering !== undefined) options.ordering = meta.ordering;
  if (meta?.verbose_name !== undefined) options.verbose_name = meta.verbose_name;
  if (meta?.verbose_name_plural !== undefined) options.verbose_name_plural = meta.verbose_name_plural;
  return options;
}

export function sameOptions(a: ModelOptions, b: ModelOptions): boolean {
  return canonical(a) === canonical(b);
}

/** Models by `app_label.model_name` (lower-case), as Django keys `ProjectState.models`. */
export type ProjectState = Map<string, ModelState>;

export const modelKey = (app: string, name: string) => `${app}.${name.toLowerCase()}`;

export const RELATION_TYPES = new Set(['ForeignKey', 'OneToOneField', 'ManyToManyField']);
export const isRelation = (field: FieldSpec) => RELATION_TYPES.has(field.type);

/** The table a model state gets: `db_table`, else `<app_label>_<model_name>`. */
export function tableOf(model: ModelState): string {
  return model.dbTable ?? `${model.app}_${model.name.toLowerCase()}`;
}

function autoFieldType(path: string): FieldSpec['type'] {
  const name = path.split('.').pop() ?? 'AutoField';
  return (['AutoField', 'BigAutoField', 'SmallAutoField'].includes(name) ? name : 'AutoField') as FieldSpec['type'];
}

/**
 * A field as `deconstruct()` would give it: options equal to their defaults are dropped and a
 * relation's `to` is the lower-case label, so two specs compare equal exactly when Django's
 * autodetector sees no change.
 */
const FALSE_BY_DEFAULT = new Set(['null', 'blank', 'unique', 'primary_key', 'db_index', 'auto_now', 'auto_now_add']);

export function deconstruct(app: string, model: string, field: FieldSpec): FieldSpec {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(field)) {
    if (value === undefined || (value === false && FALSE_BY_DEFAULT.has(key))) continue;
    if (key === 'editable' && value === true) continue;
    out[key] = value;
  }
  if (typeof field.to === 'string') {
    const to = field.to === 'self' ? `${app}.${model}` : field.to.includes('.') ? field.to : `${app}.${field.to}`;
    out.to = to.toLowerCase();
  }
  return out as FieldSpec;
}

export function sameField(app: string, model: string, a: FieldSpec, b: FieldSpec): boolean {
  return canonical(deconstruct(app, model, a)) === canonical(deconstruct(app, model, b));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

export function modelStateOf(config: AppConfig, spec: ModelSpec): ModelState {
  const fields = spec.fields.map((f) => deconstruct(config.label, spec.name, f));
  if (!fields.some((f) => f.primary_key)) {
    fields.unshift({ name: 'id', type: autoFieldType(config.defaultAutoField), primary_key: true, verbose_name: 'ID' });
  }
  return { app: config.label, name: spec.name, fields, options: optionsOf(spec.meta), ...(spec.meta?.db_table !== undefined && { dbTable: spec.meta.db_table }) };
}

/** `ProjectState.from_apps`: the current models of the given apps. */
export function stateFromApps(configs: AppConfig[]): ProjectState {
  const state: ProjectState = new Map();
  for (const config of configs) for (const spec of config.modelSpecs) state.set(modelKey(config.label, spec.name), modelStateOf(config, spec));
  return state;
}

export function cloneState(state: ProjectState): ProjectState {
  return new Map([...state].map(([key, model]) => [key, { ...model, fields: [...model.fields], options: { ...model.options } }]));
}
