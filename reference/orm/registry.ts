/**
 * The application registry, after `django/apps/registry.py`: app configs in INSTALLED_APPS
 * order, their models, and the three start-up phases of `populate()` (import every app, then
 * every models module, then call each `ready()`).
 */
import type { AppSpec, ModelSpec } from '../../conformance/contract/schema.js';
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

  constructor(spec: AppSpec, projectDefaultAutoField: string) {
    this.spec = spec;
    this.name = spec.name;
    this.builtin = BUILTIN_APPS.get(spec.name);
    const config = spec.config;
    this.label = this.builtin?.label ?? config?.label ?? spec.name.split('.').pop()!;
    this.verboseName = this.builtin?.verboseName ?? config?.verbose_name ?? pythonTitle(this.label);
    this.defaultAutoField = this.builtin?.defaultAutoField ?? config?.default_auto_field ?? projectDefaultAutoField;
    this.className = this.builtin?.className ?? (config === null ? 'AppConfig' : `${pythonTitle(this.label).replace(/_/g, '')}Config`);
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
  modelsReady = false;
  ready = false;

  constructor(private readonly apps: AppSpec[], private readonly defaultAutoField: string) {}

  /**
   * Phases 1 and 2 of `populate()`. Phase 3 (`ready()`) is run by the caller through
   * `runReady`, because ready bodies need the whole project (signals, database).
   */
  loadAppsAndModels(): void {
    for (const spec of this.apps) {
      const config = new AppConfig(spec, this.defaultAutoField);
      if (!IDENTIFIER.test(config.label)) throw improperlyConfigured(`The app label '${config.label}' is not a valid Python identifier.`);
      if (this.configs.some((c) => c.label === config.label)) throw improperlyConfigured(`Application labels aren't unique, duplicates: ${config.label}`);
      this.configs.push(config);
      this.startup.push({ event: 'app_imported', app: config.label });
    }
    const names = this.configs.map((c) => c.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw improperlyConfigured(`Application names aren't unique, duplicates: ${duplicate}`);

    for (const config of this.configs) {
      const loaded: string[] = [];
      for (const modelSpec of config.modelSpecs) {
        const meta = new ModelMeta(config, modelSpec);
        config.models.set(meta.modelName, meta);
        loaded.push(meta.objectName);
      }
      this.startup.push({ event: 'models_imported', app: config.label, models: loaded });
    }
    this.resolveRelations();
    this.modelsReady = true;
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

  getAppConfig(label: string): AppConfig {
    const config = this.configs.find((c) => c.label === label);
    if (config) return config;
    let message = `No installed app with label '${label}'.`;
    const byName = this.configs.find((c) => c.name === label);
    if (byName) message += ` Did you mean '${byName.label}'?`;
    throw new PyError('LookupError', message);
  }

  /** `apps.get_model('users', 'Profile')` or `apps.get_model('users.Profile')`. */
  getModel(appLabel: string, modelName?: string): ModelMeta {
    if (modelName === undefined) {
      const parts = appLabel.split('.');
      if (parts.length < 2) throw new PyError('ValueError', `not enough values to unpack (expected 2, got ${parts.length})`);
      if (parts.length > 2) throw new PyError('ValueError', 'too many values to unpack (expected 2)');
      [appLabel, modelName] = parts as [string, string];
    }
    return this.getAppConfig(appLabel).getModel(modelName);
  }

  /** A model by label (`users.Profile`), as the contract names models. */
  model(label: string): ModelMeta {
    return this.getModel(label);
  }

  isInstalled(name: string): boolean {
    return this.configs.some((c) => c.name === name);
  }

  relatedObjectsOf(meta: ModelMeta): RelatedObject[] {
    return meta.relatedObjects;
  }
}
