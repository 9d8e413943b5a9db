/**
 * The application registry, after `django/apps/registry.py`: app configs in INSTALLED_APPS
 * order, their models, and the three start-up phases of `populate()` (import every app, then
 * every models module, then call each `ready()`).
 */
import type { AppSpec, ModelSpec } from '../../conformance/contract/schema.js';
import type { z } from 'zod';
import type { AppConfigSchema } from '../../conformance/contract/schema.js';

type AppConfigSpec = z.output<typeof AppConfigSchema>;
import type { StartupEvent } from '../../conformance/contract/results.js';
import { ModelMeta, type RelatedObject } from './options.js';
import { PyError } from './pyvalues.js';

/** What a built-in app (`django.contrib.auth`) contributes. */
export interface BuiltinApp {
  label: string;
  verboseName: string;
  defaultAutoField: string;
  className: string;
  models: ModelSpec[];
}

const BUILTIN_APPS = new Map<string, BuiltinApp>();

export function registerBuiltinApp(name: string, app: BuiltinApp): void {
  BUILTIN_APPS.set(name, app);
}

/** Python's `str.title()`: upper-case a letter after a non-letter, lower-case the rest. */
export function pythonTitle(s: string): string {
  let out = '';
  let prevLetter = false;
  for (const ch of s) {
    const isLetter = ch.toLowerCase() !== ch.toUpperCase();
    out += isLetter ? (prevLetter ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevLetter = isLetter;
  }
  return out;
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function improperlyConfigured(message: string): PyError {
  return new PyError('ImproperlyConfigured', message);
}

/** The class name Django code would give a config: `users` → `UsersConfig`. */
function configClassName(config: AppConfigSpec, label: string): string {
  return config.class_name ?? `${pythonTitle(label).replace(/_/g, '')}Config`;
}

/**
 * `AppConfig.create(entry)`: which AppConfig class of the app's `apps.py` Django uses. An entry
 * naming a class uses it; otherwise the only class (not `default = False`), else the one with
 * `default = True`, else the plain `AppConfig` (null).
 */
export function resolveConfig(spec: AppSpec): AppConfigSpec | null {
  const classes = spec.configs ?? (spec.config ? [spec.config] : []);
  const defaultLabel = spec.name.split('.').pop()!;
  const nameOf = (c: AppConfigSpec) => configClassName(c, c.label ?? defaultLabel);
  const sortedNames = () => classes.map(nameOf).sort().map((n) => `'${n}'`).join(', ');
  if (spec.entry !== undefined && spec.entry !== spec.name) {
    const module = `${spec.name}.apps`;
    const className = spec.entry.startsWith(`${module}.`) ? spec.entry.slice(module.length + 1) : spec.entry;
    const found = classes.find((c) => nameOf(c) === className);
    if (found) return found;
    let message = `Module '${module}' does not contain a '${className}' class.`;
    if (classes.length) message += ` Choices are: ${sortedNames()}.`;
    throw new PyError('ImportError', message);
  }
  const candidates = classes.filter((c) => c.default !== false);
  if (candidates.length === 1) return candidates[0]!;
  const defaults = candidates.filter((c) => c.default === true).sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1));
  if (defaults.length > 1) {
    throw new PyError('RuntimeError', `'${spec.name}.apps' declares more than one default AppConfig: ${defaults.map((c) => `'${nameOf(c)}'`).join(', ')}.`);
  }
  return defaults[0] ?? null;
}

export class AppConfig {
  readonly name: string;
  readonly label: string;
  readonly verboseName: string;
  readonly defaultAutoField: string;
  /** Whether the class sets `default_auto_field` itself (not inherited from the setting). */
  readonly className: string;
  readonly models = new Map<string, ModelMeta>();
  readonly spec: AppSpec;
  readonly builtin: BuiltinApp | undefined;

  /** The resolved class of `apps.py` (null: the plain AppConfig). */
  readonly config: AppConfigSpec | null;
  /** Whether the class sets `default_auto_field` (else the project setting applies). */
  readonly overridesDefaultAutoField: boolean;

  constructor(spec: AppSpec, projectDefaultAutoField: string) {
    this.spec = spec;
    this.builtin = BUILTIN_APPS.get(spec.name);
    const config = this.builtin ? {} : resolveConfig(spec);
    this.config = config;
    const label = config?.label ?? spec.name.split('.').pop()!;
    if (config?.name !== undefined && config.name !== spec.name) {
      throw improperlyConfigured(`Cannot import '${config.name}'. Check that '${spec.name}.apps.${configClassName(config, label)}.name' is correct.`);
    }
    this.name = spec.name;
    this.label = this.builtin?.label ?? label;
    this.verboseName = this.builtin?.verboseName ?? config?.verbose_name ?? pythonTitle(this.label);
    this.overridesDefaultAutoField = this.builtin !== undefined || config?.default_auto_field !== undefined;
    this.defaultAutoField = this.builtin?.defaultAutoField ?? config?.default_auto_field ?? projectDefaultAutoField;
    this.className = this.builtin?.className ?? (config === null ? 'AppConfig' : configClassName(config, this.label));
  }

  /** The body of this config's `ready()` (the plain AppConfig has none). */
  get readyBody() {
    return this.config?.ready ?? [];
  }

  get modelSpecs(): ModelSpec[] {
    return this.builtin?.models ?? this.spec.models;
  }

  getModel(modelName: string): ModelMeta {
    const meta = this.models.get(modelName.toLowerCase());
    if (!meta) throw new PyError('LookupError', `App '${this.label}' doesn't have a '${modelName}' model.`);
    return meta;
  }
}

export class Apps {
  readonly configs: AppConfig[] = [];
  readonly startup: StartupEvent[] = [];
  appsReady = false;
  modelsReady = false;
  ready = false;
  /** Set when start-up failed: `populate()` is not run again. */
  failed = false;

  constructor(private readonly apps: AppSpec[], private readonly defaultAutoField: string) {}

  /**
   * Phases 1 and 2 of `populate()`. Phase 3 (`ready()`) is run by the caller through
   * `runReady`, because ready bodies need the whole project (signals, database).
   */
  async loadAppsAndModels(importPackage?: (spec: AppSpec) => Promise<void>): Promise<void> {
    for (const spec of this.apps) {
      // Importing the package runs its module-level code before the config exists.
      await importPackage?.(spec);
      const config = new AppConfig(spec, this.defaultAutoField);
      if (!IDENTIFIER.test(config.label)) throw improperlyConfigured(`The app label '${config.label}' is not a valid Python identifier.`);
      if (this.configs.some((c) => c.label === config.label)) throw improperlyConfigured(`Application labels aren't unique, duplicates: ${config.label}`);
      this.configs.push(config);
      this.startup.push({ event: 'app_imported', app: config.label });
    }
    // Every duplicated name, most frequent first (Counter.most_common), ties in first-seen order.
    const counts = new Map<string, number>();
    for (const c of this.configs) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).map(([name]) => name);
    if (duplicates.length) throw improperlyConfigured(`Application names aren't unique, duplicates: ${duplicates.join(', ')}`);
    this.appsReady = true;

    for (const config of this.configs) {
      const loaded: string[] = [];
      for (const modelSpec of config.modelSpecs) {
        const meta = modelSpec.meta?.proxy ? this.proxyModel(config, modelSpec) : new ModelMeta(config, modelSpec);
        config.models.set(meta.modelName, meta);
        loaded.push(meta.objectName);
      }
      this.startup.push({ event: 'models_imported', app: config.label, models: loaded });
    }
    this.resolveRelations();
    this.modelsReady = true;
  }

  /** A proxy: the base's fields (its primary key made explicit) over the base's table. */
  private proxyModel(config: AppConfig, spec: ModelSpec): ModelMeta {
    const baseLabel = spec.base?.includes('.') ? spec.base : `${config.label}.${spec.base ?? ''}`;
    const [label, name] = baseLabel.split('.') as [string, string];
    const base = (this.configs.find((c) => c.label === label)?.models.get(name.toLowerCase()))?.concrete;
    if (!base) throw new PyError('TypeError', `Proxy model '${spec.name}' has no non-abstract model base class.`);
    const fields = base.pk.autoCreated
      ? [{ name: 'id', type: base.pk.type as ModelSpec['fields'][number]['type'], primary_key: true, verbose_name: 'ID' }, ...base.spec.fields]
      : base.spec.fields;
    const meta = new ModelMeta(config, { ...spec, fields, meta: { ...spec.meta, db_table: base.dbTable } });
    meta.proxy = true;
    meta.concrete = base;
    // The proxy's pk is the base's: auto-created when the base's is (checks report W042 for both).
    meta.pk.autoCreated = base.pk.autoCreated;
    return meta;
  }

  async runReady(run: (config: AppConfig) => Promise<void>): Promise<void> {
    for (const config of this.configs) {
      this.startup.push({ event: 'ready', app: config.label, models: [...config.models.values()].filter((m) => !m.autoCreated).map((m) => m.objectName) });
      await run(config);
    }
    this.ready = true;
  }

  /** Hook for the relations module: fills `relatedObjects`, creates through models. */
  static relationResolvers: Array<(apps: Apps) => void> = [];

  private resolveRelations(): void {
    for (const resolve of Apps.relationResolvers) resolve(this);
  }

  allModels(): ModelMeta[] {
    return this.configs.flatMap((c) => [...c.models.values()]);
  }

  checkAppsReady(): void {
    if (!this.appsReady) throw new PyError('AppRegistryNotReady', "Apps aren't loaded yet.");
  }

  checkModelsReady(): void {
    if (!this.modelsReady) throw new PyError('AppRegistryNotReady', "Models aren't loaded yet.");
  }

  getAppConfig(label: string): AppConfig {
    this.checkAppsReady();
    const config = this.configs.find((c) => c.label === label);
    if (config) return config;
    let message = `No installed app with label '${label}'.`;
    const byName = this.configs.find((c) => c.name === label);
    if (byName) message += ` Did you mean '${byName.label}'?`;
    throw new PyError('LookupError', message);
  }

  /** `apps.get_model('users', 'Profile')` or `apps.get_model('users.Profile')`. */
  getModel(appLabel: string, modelName?: string): ModelMeta {
    this.checkModelsReady();
    return this.lookupModel(appLabel, modelName);
  }

  private lookupModel(appLabel: string, modelName?: string): ModelMeta {
    if (modelName === undefined) {
      const parts = appLabel.split('.');
      if (parts.length < 2) throw new PyError('ValueError', `not enough values to unpack (expected 2, got ${parts.length})`);
      if (parts.length > 2) throw new PyError('ValueError', 'too many values to unpack (expected 2)');
      [appLabel, modelName] = parts as [string, string];
    }
    const config = this.configs.find((c) => c.label === appLabel);
    if (!config) return this.getAppConfig(appLabel).getModel(modelName);
    return config.getModel(modelName);
  }

  /** A model by label (`users.Profile`), as the contract names models. */
  model(label: string): ModelMeta {
    return this.lookupModel(label);
  }

  isInstalled(name: string): boolean {
    return this.configs.some((c) => c.name === name);
  }

  relatedObjectsOf(meta: ModelMeta): RelatedObject[] {
    return meta.relatedObjects;
  }
}
