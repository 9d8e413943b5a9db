/**
 * The session setup: what a case asks an implementation to boot before running commands.
 *
 * It reads like a Django project: `apps` is INSTALLED_APPS (in order), each app has a config
 * (AppConfig attributes and a declarative `ready()` body) and models; models have fields with
 * Django's field classes and keyword options, spelled as in Django (`max_length`, `on_delete`).
 * Behavior that Django expresses as user code (receivers, `ready()`, views, `__str__`, custom
 * methods) is described with the small vocabulary in `actions.ts`.
 */
import { z } from 'zod';
import { ValueSchema, ModelLabel } from './values.js';
import { ActionSchema, ExprSchema, ConnectionSchema, ReceiverSchema, StrTemplate } from './actions.js';
import { RouteSchema } from './views.js';

export const FIELD_TYPES = [
  'AutoField', 'BigAutoField', 'SmallAutoField',
  'CharField', 'TextField', 'SlugField', 'EmailField', 'URLField',
  'IntegerField', 'SmallIntegerField', 'BigIntegerField',
  'PositiveIntegerField', 'PositiveSmallIntegerField', 'PositiveBigIntegerField',
  'FloatField', 'DecimalField', 'BooleanField',
  'DateField', 'DateTimeField', 'TimeField', 'DurationField',
  'UUIDField', 'FileField', 'ImageField', 'JSONField',
  'ForeignKey', 'OneToOneField', 'ManyToManyField',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const ON_DELETE = ['CASCADE', 'PROTECT', 'RESTRICT', 'SET_NULL', 'SET_DEFAULT', 'DO_NOTHING'] as const;

/** `on_delete`: one of Django's policies by name, or `{SET: value}` for `models.SET(value)`. */
export const OnDeleteSchema = z.union([
  z.enum(ON_DELETE),
  z.strictObject({ SET: ValueSchema }),
  z.strictObject({ SET_CALLABLE: z.string() }),
]);

/**
 * Named callables an implementation provides for `default=` and `SET(callable)`:
 * - `uuid4`: a fresh random UUID per call;
 * - `now`: `django.utils.timezone.now` (aware, UTC);
 * - `today`: `datetime.date.today`;
 * - `counter`: returns 1, 2, 3, ... (one counter per field, per session), so calls are observable;
 * - `list`, `dict`: a fresh empty list / dict per call.
 */
export const CALLABLES = ['uuid4', 'now', 'today', 'counter', 'list', 'dict'] as const;
export const CallableDefault = z.strictObject({ $callable: z.enum(CALLABLES) });

export const FieldSchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(FIELD_TYPES),
  // Common options (Django's keyword names).
  verbose_name: z.string().optional(),
  help_text: z.string().optional(),
  null: z.boolean().optional(),
  blank: z.boolean().optional(),
  default: z.union([CallableDefault, ValueSchema]).optional(),
  db_default: ValueSchema.optional(),
  unique: z.boolean().optional(),
  primary_key: z.boolean().optional(),
  editable: z.boolean().optional(),
  db_index: z.boolean().optional(),
  db_column: z.string().optional(),
  choices: z.array(z.tuple([ValueSchema, z.string()])).optional(),
  // Type-specific options.
  max_length: z.number().int().optional(),
  max_digits: z.number().int().optional(),
  decimal_places: z.number().int().optional(),
  auto_now: z.boolean().optional(),
  auto_now_add: z.boolean().optional(),
  upload_to: z.string().optional(),
  // Relations: `to` is a model label, a bare model name in the same app, or "self".
  to: z.string().optional(),
  on_delete: OnDeleteSchema.optional(),
  related_name: z.string().optional(),
  related_query_name: z.string().optional(),
  through: z.string().optional(),
  symmetrical: z.boolean().optional(),
});
export type FieldSpec = z.infer<typeof FieldSchema>;

export const MethodSchema = z.strictObject({
  name: z.string().min(1),
  params: z.array(z.string()).default([]),
  body: z.array(ActionSchema),
});

export const ModelSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  fields: z.array(FieldSchema).default([]),
  meta: z.strictObject({
    verbose_name: z.string().optional(),
    verbose_name_plural: z.string().optional(),
    ordering: z.array(z.string()).optional(),
    db_table: z.string().optional(),
    unique_together: z.array(z.array(z.string())).optional(),
    /** `proxy = True`: a proxy of `base`, sharing its table and fields. */
    proxy: z.boolean().optional(),
  }).optional(),
  /** The model class it inherits from (`class Person(User)`), as a label or a name in the same app. Only proxies for now. */
  base: z.string().optional(),
  /** `__str__` as a template: `"{user.username}'s profile"`. Absent: Django's default. */
  str: StrTemplate.optional(),
  /** `get_absolute_url()` as `reverse(route, args=[...])`. */
  absolute_url: z.strictObject({ route: z.string(), args: z.array(ExprSchema).optional(), kwargs: z.record(z.string(), ExprSchema).optional() }).optional(),
  /** A `save()` override: steps before and after `super().save()`; `call_super: false` forgets it. */
  save_override: z.strictObject({
    before: z.array(ActionSchema).default([]),
    after: z.array(ActionSchema).default([]),
    call_super: z.boolean().default(true),
  }).optional(),
  methods: z.array(MethodSchema).optional(),
});
export type ModelSpec = z.infer<typeof ModelSchema>;

/** A module of an app that holds module-level receivers (`@receiver(...)`): connected only when imported. */
export const ModuleSchema = z.strictObject({
  connect: z.array(ConnectionSchema).default([]),
});

export const AppConfigSchema = z.strictObject({
  /** The class name (default: the label title-cased without underscores, plus `Config`). */
  class_name: z.string().optional(),
  /**
   * The class's `name` attribute when it differs from the app's package path: Django then
   * tries to import that name (and fails when it is not the package).
   */
  name: z.string().optional(),
  /** `default = True / False`: how Django chooses among several classes in one `apps.py`. */
  default: z.boolean().optional(),
  label: z.string().optional(),
  verbose_name: z.string().optional(),
  default_auto_field: z.string().optional(),
  /** The body of `ready()`, run once after every app's models are loaded. */
  ready: z.array(ActionSchema).optional(),
});

export const BUILTIN_APPS = ['django.contrib.auth', 'django.contrib.contenttypes'] as const;

export const AppSchema = z.strictObject({
  /** The dotted module path (`users`, `myproject.blog`). `django.contrib.auth` is the built-in auth app. */
  name: z.string().min(1),
  /**
   * The AppConfig subclass in `apps.py`. `null` means the app has no `apps.py`: Django then
   * uses a plain `AppConfig` (derived label and verbose name, no `ready()`).
   */
  config: AppConfigSchema.nullable().default({}),
  /**
   * Every AppConfig subclass of `apps.py` when it defines more than one (then `config` is not
   * used): Django picks the only one, else the one with `default = True`, else none.
   */
  configs: z.array(AppConfigSchema).optional(),
  /**
   * The INSTALLED_APPS entry when it is not the package path: a config class by its dotted
   * path (`users.apps.UsersConfig`).
   */
  entry: z.string().optional(),
  /** Module-level code of the package (`__init__.py`), run when start-up imports the app (phase 1). */
  init: z.array(ActionSchema).optional(),
  models: z.array(ModelSchema).default([]),
  /** Other modules of the app (`signals`, `receivers`), by module name relative to the app. */
  modules: z.record(z.string(), ModuleSchema).optional(),
  /**
   * Whether the app has a `migrations` package (default true, as `startapp` creates one). Without
   * it, `makemigrations` ignores the app unless the app is named in `app_labels`.
   */
  migrations: z.boolean().optional(),
});
export type AppSpec = z.infer<typeof AppSchema>;

export const SettingsSchema = z.strictObject({
  DEFAULT_AUTO_FIELD: z.string().optional(),
  USE_TZ: z.boolean().optional(),
  DEBUG: z.boolean().optional(),
  APPEND_SLASH: z.boolean().optional(),
  MIDDLEWARE: z.array(z.string()).optional(),
});

export const SignalDefSchema = z.strictObject({
  /** How cases refer to it; Django module path style is customary (`users.signals.user_onboarded`). */
  name: z.string().min(1),
  use_caching: z.boolean().optional(),
});

export const SessionSetupSchema = z.strictObject({
  settings: SettingsSchema.optional(),
  /** INSTALLED_APPS, in order. */
  apps: z.array(AppSchema).default([]),
  /** Custom `Signal()` objects the case uses. */
  signals: z.array(SignalDefSchema).optional(),
  /** Receiver functions available to connections anywhere in the setup or in later commands. */
  receivers: z.array(ReceiverSchema).optional(),
  /** Connections made after start-up (as test code would do), in order. */
  connect: z.array(ConnectionSchema).optional(),
  /** ROOT_URLCONF. */
  urls: z.array(RouteSchema).optional(),
  /**
   * Create every model's table at start-up (the default). `false` starts with no tables, as a
   * project before `migrate`; the migration commands then build the schema.
   */
  create_tables: z.boolean().optional(),
});
export type SessionSetup = z.input<typeof SessionSetupSchema>;
export type SessionSetupParsed = z.output<typeof SessionSetupSchema>;

export { ModelLabel };
