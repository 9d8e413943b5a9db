/**
 * What comes back: a response per command, Django's exceptions as data, and the events
 * (receiver calls) that happened while the command ran, in order.
 */
import { z } from 'zod';
import { ValueSchema, type Value } from './values.js';

/**
 * Django's exception classes, by the names Django gives them. `type` is the class name and
 * `isa` lists the ancestors that cases may test for (`RelatedObjectDoesNotExist` is both a
 * `DoesNotExist` and an `AttributeError`). Anything else an error carries is data:
 * - ValidationError: `fields: {name: [{code, message}]}` (non-field errors under `__all__`);
 * - DoesNotExist / MultipleObjectsReturned / RelatedObjectDoesNotExist: `model` (label);
 * - ProtectedError / RestrictedError: `objects` (the protected / restricted instances as `$obj`,
 *   by model label, then pk: Django keeps them in a set, whose order means nothing);
 *   their `message` is `args[0]` (Django's `str()` of these errors is the repr of the (message, objects) tuple);
 * - SystemCheckError: `checks` (as the `check` command reports them).
 */
export const ERROR_TYPES = [
  'ValidationError', 'IntegrityError', 'DataError', 'DatabaseError', 'OperationalError', 'ProgrammingError',
  'ObjectDoesNotExist', 'DoesNotExist', 'MultipleObjectsReturned', 'RelatedObjectDoesNotExist',
  'ProtectedError', 'RestrictedError', 'FieldError', 'FieldDoesNotExist',
  'ImproperlyConfigured', 'AppRegistryNotReady', 'SystemCheckError', 'NoReverseMatch', 'Resolver404',
  'TypeError', 'ValueError', 'AttributeError', 'LookupError', 'KeyError', 'RuntimeError', 'Exception',
] as const;

export const ErrorSchema = z.object({
  type: z.string().min(1),
  isa: z.array(z.string()).default([]),
  message: z.string().optional(),
  fields: z.record(z.string(), z.array(z.object({ code: z.string().nullable(), message: z.string().optional() }).loose())).optional(),
  model: z.string().optional(),
  objects: z.array(ValueSchema).optional(),
  checks: z.array(z.object({ id: z.string() }).loose()).optional(),
}).loose();
export type DjangoError = z.output<typeof ErrorSchema>;

/**
 * One receiver call. `kwargs` holds the signal's keyword arguments except `signal` and `sender`
 * (instances as `$obj`, `update_fields` and `pk_set` as sorted lists, model classes as `$model`,
 * a QuerySet origin as `$queryset`, an HttpRequest as `{method, path}`, a class that is not a
 * model as `$class`: `NoneType` for a logout without a user). `observed` holds what the body
 * `record`ed, in order.
 */
export const EventSchema = z.object({
  receiver: z.string(),
  signal: z.string(),
  sender: ValueSchema,
  kwargs: z.record(z.string(), ValueSchema),
  observed: z.array(ValueSchema).optional(),
}).loose();
export type SignalEvent = z.output<typeof EventSchema>;

export const ResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: ValueSchema, events: z.array(EventSchema).default([]) }),
  z.object({ ok: z.literal(false), error: ErrorSchema, events: z.array(EventSchema).default([]) }),
]);
export type Response = { ok: true; value: Value; events: SignalEvent[] } | { ok: false; error: DjangoError; events: SignalEvent[] };

/**
 * Start-up, as Django's `apps.populate()` does it: every app module is imported (phase 1), then
 * every models module (phase 2), then each `ready()` runs (phase 3). `module_imported` reports
 * a later import of another app module (by `ready()` or by the `import` command).
 */
export const StartupEventSchema = z.object({
  event: z.enum(['app_imported', 'models_imported', 'ready', 'module_imported']),
  app: z.string(),
  module: z.string().optional(),
  models: z.array(z.string()).optional(),
}).loose();
export type StartupEvent = z.output<typeof StartupEventSchema>;

/** The reply to opening a session: start-up events and receiver calls made during start-up. */
export const OpenResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), startup: z.array(StartupEventSchema).default([]), events: z.array(EventSchema).default([]) }),
  z.object({ ok: z.literal(false), error: ErrorSchema, startup: z.array(StartupEventSchema).default([]), events: z.array(EventSchema).default([]) }),
]);
export type OpenResult = z.output<typeof OpenResultSchema>;

export const PROTOCOL_VERSION = 1;

export const HelloSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  implementation: z.object({
    name: z.string(),
    version: z.string(),
    language: z.string(),
    homepage: z.string().optional(),
  }).loose(),
  /**
   * The database whose behavior the implementation follows where Django's depends on it
   * (`postgresql` or `sqlite`), and what actually runs it.
   */
  database: z.object({ vendor: z.enum(['postgresql', 'sqlite', 'mysql', 'oracle', 'other']), engine: z.string() }).loose(),
  capabilities: z.array(z.string()),
}).loose();
export type Hello = z.output<typeof HelloSchema>;
