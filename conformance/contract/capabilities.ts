/**
 * Capabilities: what an implementation declares it implements. A case names the capabilities
 * it needs; when the implementation lacks one, the case is reported as "not implemented", never
 * as passed. This is the only list: adding a capability means adding it here with its meaning.
 */
export const CAPABILITIES = {
  // Models and fields
  'models.crud': 'Create, get, filter, save (insert or update, update_fields), delete single rows; auto pk; handles.',
  'models.meta': 'The `meta` command: field order, options, verbose names, columns.',
  'models.checks': 'The `check` command: Django system check ids for invalid model definitions.',
  'models.str': 'Default and declared string forms (`str`, `repr`).',
  'models.methods': 'Declared model methods (`call`), `save()` overrides and `get_absolute_url`.',
  'models.bulk': '`update` (QuerySet.update) and `bulk_create`.',
  'validation.full_clean': '`full_clean()` with Django\'s validators, codes and messages.',
  'validation.model_form': 'The `model_form` command: a ModelForm\'s fields, form-level codes (`required`) and cleaned data.',
  'fields.char': 'CharField, TextField, SlugField.',
  'fields.integer': 'Integer, SmallInteger, BigInteger and the Positive variants, with the backend\'s ranges.',
  'fields.integer.exact64': 'BigIntegerField values beyond 2^53 stored and read back exactly.',
  'fields.float': 'FloatField.',
  'fields.decimal': 'DecimalField with exact decimal values.',
  'fields.boolean': 'BooleanField.',
  'fields.datetime': 'DateField, DateTimeField (microseconds, aware UTC), auto_now and auto_now_add.',
  'fields.email': 'EmailField with Django\'s EmailValidator.',
  'fields.url': 'URLField with Django\'s URLValidator.',
  'fields.file': 'FileField and ImageField as stored paths.',
  'fields.file.upload': 'The `upload` command: stored file names under upload_to, unique and within max_length.',
  'fields.uuid': 'UUIDField, including as primary key with a callable default.',
  // Relations
  'relations.fk': 'ForeignKey: `<name>_id`, forward access, the constraint.',
  'relations.o2o': 'OneToOneField: unique FK, reverse accessor, RelatedObjectDoesNotExist.',
  'relations.m2m': 'ManyToManyField with the auto-created through table; add/remove/clear/set.',
  'relations.reverse': 'Reverse managers (`<model>_set`, related_name, `+`).',
  'delete.cascade': 'on_delete=CASCADE through Django\'s collector, with counts and signals.',
  'delete.protect': 'on_delete=PROTECT and ProtectedError.',
  'delete.restrict': 'on_delete=RESTRICT and RestrictedError.',
  'delete.set': 'on_delete=SET_NULL, SET_DEFAULT and SET(...).',
  'delete.do_nothing': 'on_delete=DO_NOTHING, rejected by the deferred constraint at commit.',
  'signals.deletion': 'pre_delete / post_delete in Django\'s order with origin.',
  'signals.m2m_changed': 'm2m_changed with Django\'s actions and pk_set.',
  // Signals, apps, auth
  'signals.dispatcher': 'Custom signals: connect, disconnect, dispatch_uid, send, send_robust, has_listeners.',
  'signals.model': 'pre_save / post_save with created, update_fields, raw, using.',
  'apps.registry': 'AppConfig attributes, registry order, get_app_config, get_model, start-up errors.',
  'apps.ready': '`ready()` bodies, start-up phases, module imports that connect receivers.',
  'auth.users': 'The built-in User model and its manager (create_user, create_superuser).',
  'auth.passwords': 'PBKDF2-SHA256 password hashes in Django\'s format, check_password, unusable passwords.',
  'auth.login': 'authenticate, login, logout and their signals.',
  // Views
  'views.function': 'Function-based views from declarations.',
  'views.class_based': 'Class-based views: dispatch, 405 with Allow, OPTIONS, HEAD.',
  'http.responses': 'HttpResponse and JsonResponse, Django\'s JSON encoder.',
  'http.serve': 'The `serve` command: the session\'s URLs over real HTTP at a base URL.',
  'http.request_signals': 'request_started and request_finished around each request.',
  'urls.routing': 'path() routes with converters; 404 for unknown paths.',
  'urls.reverse': 'reverse() and resolve() by route name.',
  // Migrations
  'migrations': 'makemigrations, migrate (forwards and backwards), showmigrations, tables.',
} as const;

export type Capability = keyof typeof CAPABILITIES;
export const ALL_CAPABILITIES = Object.keys(CAPABILITIES) as Capability[];

export function isCapability(name: string): name is Capability {
  return Object.hasOwn(CAPABILITIES, name);
}
