/**
 * Commands: what a case asks an open session to do. One command is one Django call (or one
 * HTTP request); its result is the call's return value encoded as a `Value`, or the exception
 * it raised (see `results.ts`).
 *
 * Instances are referred to by handle (`{"$h": "h3"}`), so that in-memory state (a pk set to
 * None after delete, a cached related object, an attribute not converted by save()) behaves as
 * it does in Django. Filters (`where`) use Django lookups: `{"user__username": "tito"}`,
 * `{"pk__in": [1, 2]}`, `{"birth_date__isnull": true}`.
 */
import { z } from 'zod';
import { ValueSchema, ModelLabel, ObjRefSchema } from './values.js';
import { ConnectionSchema } from './actions.js';
import { AppSchema } from './schema.js';

const Obj = z.strictObject({ $h: z.string() });
const Where = z.record(z.string(), ValueSchema);
const Values = z.record(z.string(), ValueSchema);
const ObjResult = z.strictObject({ $obj: ObjRefSchema });
const ObjList = z.array(ObjResult);

/** Each command: its arguments, the shape of its result, and what it is, in one line. */
export const COMMANDS = {
  // Models and fields -----------------------------------------------------------------------
  new: { doc: '`Model(**values)`: an unsaved instance (defaults applied, no database access).', args: { model: ModelLabel, values: Values.optional() }, result: ObjResult },
  create: { doc: '`Model.objects.create(**values)`.', args: { model: ModelLabel, values: Values.optional() }, result: ObjResult },
  assign: { doc: 'Attribute assignment: `obj.<name> = value` for each entry, no save.', args: { obj: Obj, values: Values }, result: ObjResult },
  save: { doc: '`obj.save(update_fields=..., force_insert=...)`; `raw: true` is `obj.save_base(raw=True)`, the save that fixture loading (`loaddata`, `DeserializedObject.save()`) does.', args: { obj: Obj, update_fields: z.array(z.string()).optional(), force_insert: z.boolean().optional(), force_update: z.boolean().optional(), raw: z.boolean().optional() }, result: ObjResult },
  read: { doc: 'Attribute read `obj.a.b` (a dotted path); related objects come back as `$obj`.', args: { obj: Obj, attr: z.string() }, result: ValueSchema },
  get: { doc: '`Model.objects.get(**where)`.', args: { model: ModelLabel, where: Where }, result: ObjResult },
  filter: { doc: '`Model.objects.filter(**where).exclude(**exclude).order_by(*order_by)` as a list.', args: { model: ModelLabel, where: Where.optional(), exclude: Where.optional(), order_by: z.array(z.string()).optional() }, result: ObjList },
  values: { doc: '`Model.objects.filter(**where).order_by(...).values(*fields)`: rows as read from the database.', args: { model: ModelLabel, where: Where.optional(), fields: z.array(z.string()).optional(), order_by: z.array(z.string()).optional() }, result: z.array(z.record(z.string(), ValueSchema)) },
  count: { doc: '`Model.objects.filter(**where).count()`.', args: { model: ModelLabel, where: Where.optional() }, result: z.number().int() },
  update: { doc: '`Model.objects.filter(**where).update(**values)`: the number of rows matched.', args: { model: ModelLabel, where: Where.optional(), values: Values }, result: z.number().int() },
  bulk_create: { doc: '`Model.objects.bulk_create([Model(**row), ...])`.', args: { model: ModelLabel, rows: z.array(Values) }, result: ObjList },
  full_clean: { doc: '`obj.full_clean(exclude=..., validate_unique=...)`: null when valid, else a ValidationError.', args: { obj: Obj, exclude: z.array(z.string()).optional(), validate_unique: z.boolean().optional() }, result: z.null() },
  delete: { doc: '`obj.delete()` (with `obj`) or `Model.objects.filter(**where).delete()` (with `model`): Django\'s `[total, {label: count}]`.', args: { obj: Obj.optional(), model: ModelLabel.optional(), where: Where.optional() }, result: z.tuple([z.number().int(), z.record(z.string(), z.number().int())]) },
  refresh: { doc: '`obj.refresh_from_db()`.', args: { obj: Obj }, result: ObjResult },
  str: { doc: '`str(obj)`.', args: { obj: Obj }, result: z.string() },
  repr: { doc: '`repr(obj)`.', args: { obj: Obj }, result: z.string() },
  equals: { doc: '`a == b` for two instances.', args: { a: Obj, b: Obj }, result: z.boolean() },
  call: { doc: 'Calls a declared model method: `obj.<method>(*args)`.', args: { obj: Obj, method: z.string(), args: z.array(ValueSchema).optional() }, result: ValueSchema },
  meta: { doc: 'Introspection of `Model._meta`: fields in order with their options, verbose names, table.', args: { model: ModelLabel }, result: z.lazy(() => ModelMetaSchema) },
  check: { doc: 'Django\'s system checks for the case\'s apps: `[{id, level, msg, hint, obj}]` (`hint` and `obj` when Django gives them).', args: {}, result: z.array(z.lazy(() => CheckMessageSchema)) },
  model_form: {
    doc: 'A ModelForm bound to `data`: `modelform_factory(Model, fields=fields or "__all__")(data=data)` then `is_valid()`: `{fields, is_valid, errors, cleaned_data}`, errors as `{field: [{code, message}]}`; naming a non-editable field raises FieldError.',
    args: { model: ModelLabel, fields: z.array(z.string()).optional(), data: z.record(z.string(), z.string()) },
    result: z.strictObject({ fields: z.array(z.string()), is_valid: z.boolean(), errors: z.record(z.string(), z.array(z.strictObject({ code: z.string().nullable(), message: z.string() }))), cleaned_data: z.record(z.string(), ValueSchema) }),
  },
  upload: {
    doc: '`obj.<field>.save(name, ContentFile(content))` on a FileField: stores the file under upload_to with an available name (and saves the instance); returns the stored name.',
    args: { obj: Obj, field: z.string(), name: z.string(), content: z.string() },
    result: z.string(),
  },
  raw_insert: { doc: 'A plain SQL `INSERT INTO <table> (<columns>) VALUES (...)` with only the given columns, bypassing the model (no Python defaults, no save(), no signals): null, or the database error.', args: { model: ModelLabel, columns: Values }, result: z.null() },
  reset: { doc: 'Deletes every row, restarts sequences and forgets handles, keeping the schema (for property runs).', args: {}, result: z.null() },

  // Relations ------------------------------------------------------------------------------
  related: {
    doc: 'A related manager call: `obj.<attr>.<method>(*args, **kwargs)` (`all`, `filter`, `count`, `get`, `create`, `add`, `remove`, `clear`, `set`); querysets come back as lists.',
    args: { obj: Obj, attr: z.string(), method: z.string(), args: z.array(ValueSchema).optional(), kwargs: Values.optional() },
    result: ValueSchema,
  },

  // Signals and apps -----------------------------------------------------------------------
  connect: { doc: '`signal.connect(receiver, sender=..., weak=..., dispatch_uid=...)` (for each signal if a list).', args: ConnectionSchema.shape, result: z.null() },
  disconnect: { doc: '`signal.disconnect(receiver, sender=..., dispatch_uid=...)`: whether something was removed.', args: { signal: z.string(), receiver: z.string().optional(), sender: ValueSchema.optional(), dispatch_uid: z.string().optional() }, result: z.boolean().nullable() },
  send: { doc: '`signal.send(sender, **kwargs)`: `[[receiver_id, response], ...]`.', args: { signal: z.string(), sender: ValueSchema.optional(), kwargs: Values.optional() }, result: z.array(z.tuple([z.string(), ValueSchema])) },
  send_robust: { doc: '`signal.send_robust(sender, **kwargs)`: exceptions come back as `{"$error": ...}` responses.', args: { signal: z.string(), sender: ValueSchema.optional(), kwargs: Values.optional() }, result: z.array(z.tuple([z.string(), ValueSchema])) },
  has_listeners: { doc: '`signal.has_listeners(sender)`.', args: { signal: z.string(), sender: ValueSchema.optional() }, result: z.boolean() },
  import: { doc: 'Imports a module of an app (`users.receivers`), connecting its module-level receivers.', args: { module: z.string() }, result: z.null() },
  get_app_configs: { doc: '`apps.get_app_configs()` in order.', args: {}, result: z.array(z.lazy(() => AppInfoSchema)) },
  get_app_config: { doc: '`apps.get_app_config(label)`.', args: { label: z.string() }, result: z.lazy(() => AppInfoSchema) },
  get_model: { doc: '`apps.get_model(app_label, model_name)` (or the one-argument dotted form when `model_name` is absent).', args: { app_label: z.string(), model_name: z.string().optional() }, result: z.strictObject({ $model: ModelLabel }) },
  is_installed: { doc: '`apps.is_installed(name)`.', args: { name: z.string() }, result: z.boolean() },
  setup: { doc: 'Calls `django.setup()` again (start-up already happened when the session opened).', args: {}, result: z.null() },

  // Auth -----------------------------------------------------------------------------------
  create_user: { doc: '`User.objects.create_user(username, email, password, **extra)`; absent `password` means None.', args: { username: ValueSchema, email: ValueSchema.optional(), password: ValueSchema.optional(), extra: Values.optional() }, result: ObjResult },
  create_superuser: { doc: '`User.objects.create_superuser(username, email, password, **extra)`.', args: { username: ValueSchema, email: ValueSchema.optional(), password: ValueSchema.optional(), extra: Values.optional() }, result: ObjResult },
  check_password: { doc: '`user.check_password(raw)`.', args: { obj: Obj, raw: ValueSchema }, result: z.boolean() },
  set_password: { doc: '`user.set_password(raw)` (no save).', args: { obj: Obj, raw: ValueSchema }, result: z.null() },
  has_usable_password: { doc: '`user.has_usable_password()`.', args: { obj: Obj }, result: z.boolean() },
  make_password: { doc: '`make_password(raw, salt, hasher)`; `iterations` overrides the hasher\'s count.', args: { raw: ValueSchema, salt: z.string().optional(), iterations: z.number().int().optional() }, result: z.string() },
  verify_password: { doc: '`check_password(raw, encoded)` (the function in `django.contrib.auth.hashers`).', args: { raw: ValueSchema, encoded: ValueSchema }, result: z.boolean() },
  normalize_email: { doc: '`BaseUserManager.normalize_email(email)`.', args: { email: ValueSchema }, result: z.string() },
  authenticate: { doc: '`authenticate(request=None, **credentials)`: the user or null.', args: { credentials: Values }, result: z.union([ObjResult, z.null()]) },
  login: { doc: '`login(request, user)` with a fresh request.', args: { user: Obj }, result: z.null() },
  logout: { doc: '`logout(request)` for a request whose user is `user` (anonymous when absent).', args: { user: Obj.optional() }, result: z.null() },

  // Views, HTTP and URLs -------------------------------------------------------------------
  http: {
    doc: 'One request through the test client (`django.test.Client`): `{status, reason, headers: [[name, value]], body}`. The method is upper-cased; a HEAD response has no body. An exception the view raises (other than Http404 and the like) becomes the 500 response, unless `raise_request_exception` is true: then it is the command\'s error, as the test client re-raises it by default, and the request signals fired before it are the error\'s events.',
    args: { method: z.string(), path: z.string(), query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(), headers: z.record(z.string(), z.string()).optional(), body: z.string().optional(), json: ValueSchema.optional(), content_type: z.string().optional(), raise_request_exception: z.boolean().optional() },
    result: z.lazy(() => HttpResultSchema),
  },
  serve: { doc: 'Serves the session\'s URLs over real HTTP: `{base_url}`. Signals fired while serving are drained with `events`.', args: {}, result: z.strictObject({ base_url: z.string().url() }) },
  events: { doc: 'Returns (and forgets) the events recorded outside commands, such as during served HTTP requests.', args: {}, result: z.null() },
  reverse: { doc: '`reverse(name, args=..., kwargs=..., query=...)`.', args: { name: z.string(), args: z.array(ValueSchema).optional(), kwargs: Values.optional(), query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional() }, result: z.string() },
  resolve: { doc: '`resolve(path)`: `{url_name, kwargs}`.', args: { path: z.string() }, result: z.strictObject({ url_name: z.string().nullable(), kwargs: Values }) },

  // Migrations -----------------------------------------------------------------------------
  makemigrations: {
    doc: 'Edits the named apps\' models to `apps` (matched by app name; an empty list changes nothing), then diffs the state the migrations build against the models, as `makemigrations --noinput [app_labels]`: the new migrations (`app`, `name`, `initial`, `dependencies` as `[app, name]` pairs, and `operations` in order, each `{type, model, field?, describe, preserve_default?}` where `type` is the operation class, `model` the model name as the operation stores it (the class name for CreateModel/DeleteModel, the lower-case model_name for field operations), `describe` Django\'s `operation.describe()` and, for CreateModel, `fields` the field names in order). They are recorded (unless `dry_run`) and the database is not touched. `defaults` answers the one-off default question per `app.Model.field`; a new NOT NULL field that needs one and has none raises `SystemExit` with `code` 3 and the line Django prints as its message, recording nothing. Apps without a migrations package are skipped unless named in `app_labels`, which creates the package.',
    args: { apps: z.array(AppSchema), defaults: z.record(z.string(), ValueSchema).optional(), app_labels: z.array(z.string()).optional(), dry_run: z.boolean().optional() },
    result: z.lazy(() => MakeMigrationsResultSchema),
  },
  migrate: { doc: 'Applies (or, with a `target` before the latest or `zero`, unapplies) migrations: the ones run, in order, as `app.name`. A `target` may be a unique prefix of a name. Each migration runs in its own transaction: one that fails is rolled back, not recorded, and its error is the result. When there was nothing to run, `unmigrated_changes` lists the app labels whose models differ from their migrations (Django\'s warning).', args: { app: z.string().optional(), target: z.string().optional() }, result: z.lazy(() => MigrateResultSchema) },
  showmigrations: { doc: 'Every known migration with whether it is applied: `[{app, name, applied}]`.', args: {}, result: z.array(z.strictObject({ app: z.string(), name: z.string(), applied: z.boolean() })) },
  tables: { doc: 'The database tables of the case\'s apps with their columns: `[{table, columns: [{name, null, has_default}]}]`, tables and columns sorted by name; `has_default` tells whether the column keeps a database default.', args: {}, result: z.array(z.lazy(() => TableInfoSchema)) },
} as const;

export type Op = keyof typeof COMMANDS;
export const OPS = Object.keys(COMMANDS) as Op[];

type ArgShape<O extends Op> = (typeof COMMANDS)[O]['args'];
type ArgsOf<O extends Op> = keyof ArgShape<O> extends never ? object : z.input<z.ZodObject<ArgShape<O>>>;
export type CommandOf<O extends Op> = { op: O } & ArgsOf<O>;
export type Command = { [O in Op]: CommandOf<O> }[Op];
export type ResultOf<O extends Op> = z.output<(typeof COMMANDS)[O]['result']>;

export const CommandSchema = z.discriminatedUnion(
  'op',
  OPS.map((op) => z.strictObject({ op: z.literal(op), ...COMMANDS[op].args })) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
);

// Result shapes used above --------------------------------------------------------------------

export const FieldMetaSchema = z.object({
  name: z.string(),
  attname: z.string(),
  column: z.string().nullable(),
  type: z.string(),
  primary_key: z.boolean(),
  auto_created: z.boolean(),
  null: z.boolean(),
  blank: z.boolean(),
  unique: z.boolean(),
  editable: z.boolean(),
  max_length: z.number().int().nullable(),
  verbose_name: z.string(),
  help_text: z.string(),
  related_model: z.string().nullable(),
}).loose();

export const ModelMetaSchema = z.object({
  label: z.string(),
  object_name: z.string(),
  db_table: z.string(),
  verbose_name: z.string(),
  verbose_name_plural: z.string(),
  pk: z.string(),
  fields: z.array(FieldMetaSchema),
  /** Manager-level names reachable on instances: reverse accessors (`post_set`, `profile`), m2m names. */
  related_accessors: z.array(z.string()).optional(),
}).loose();

export const CheckMessageSchema = z.object({ id: z.string(), level: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']), msg: z.string(), hint: z.string().optional(), obj: z.string().optional() }).loose();

export const AppInfoSchema = z.object({
  name: z.string(),
  label: z.string(),
  verbose_name: z.string(),
  default_auto_field: z.string().nullable().optional(),
  /** The AppConfig class name (`AppConfig` when the app has no `apps.py`). */
  class_name: z.string().optional(),
  models: z.array(z.string()),
}).loose();

export const HttpResultSchema = z.strictObject({
  status: z.number().int(),
  reason: z.string().optional(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
});

export const MigrationOperationSchema = z.object({ type: z.string(), model: z.string().optional(), field: z.string().optional() }).loose();
export const MakeMigrationsResultSchema = z.strictObject({
  migrations: z.array(z.strictObject({
    app: z.string(),
    name: z.string(),
    operations: z.array(MigrationOperationSchema),
    initial: z.boolean().optional(),
    dependencies: z.array(z.tuple([z.string(), z.string()])).optional(),
  })),
});
export const MigrateResultSchema = z.strictObject({ applied: z.array(z.string()), unapplied: z.array(z.string()), unmigrated_changes: z.array(z.string()).optional() });
export const TableInfoSchema = z.strictObject({ table: z.string(), columns: z.array(z.strictObject({ name: z.string(), null: z.boolean() }).loose()) });
