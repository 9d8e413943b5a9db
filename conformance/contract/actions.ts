/**
 * The declarative vocabulary for code that a Django project would write in Python: receiver
 * bodies, `ready()` bodies, view handlers, `save()` overrides and custom model methods.
 *
 * A body is a list of actions run in order. Actions evaluate expressions. Expressions follow
 * Python's semantics (attribute access can raise, `Decimal * float` is a TypeError, `/` is true
 * division), because the point is to reproduce what the Django code would do.
 */
import { z } from 'zod';
import { ValueSchema, type Value } from './values.js';

export type Expr =
  | Value
  | { $arg: string }
  | { $self: true }
  | { $var: string }
  | { $get: [Expr, ...string[]] }
  | { $op: BinaryOp | UnaryOp; args: Expr[] }
  | { $call: [Expr, string, ...Expr[]] }
  | { $str: Expr }
  | { $format: string; args?: Expr[] }
  | { $slugify: Expr; allow_unicode?: boolean }
  | { $reverse: { name: string; args?: Expr[]; kwargs?: Record<string, Expr> } }
  | { $request: RequestPart }
  | { $values: QuerySpec }
  | { $count: QuerySpec }
  | { $exists: QuerySpec }
  | { $apps: 'apps_ready' | 'models_ready' | 'ready' }
  | { $get_model: string }
  | { $HttpResponse: { content?: Expr; status?: Expr; content_type?: string; charset?: string; headers?: Record<string, string> } }
  | { $JsonResponse: { data: Expr; safe?: boolean; status?: number; content_type?: string; json_dumps_params?: JsonDumpsParams } }
  | { $dict: Record<string, Expr> }
  | { $list: Expr[] }
  | { $HttpResponseNotAllowed: { permitted: string[] } }
  | { $get_object_or_404: { model: string; where?: Record<string, Expr> } };

/** The `json.dumps()` options `JsonResponse(json_dumps_params=...)` can pass. */
export interface JsonDumpsParams {
  sort_keys?: boolean;
  separators?: [string, string];
  ensure_ascii?: boolean;
}

export const BINARY_OPS = ['+', '-', '*', '/', '//', '%', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'in'] as const;
export const UNARY_OPS = ['not', 'neg'] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];
export type UnaryOp = (typeof UNARY_OPS)[number];

/** Parts of the current HttpRequest a view can read. `json` is `json.loads(request.body)`. */
export const REQUEST_PARTS = ['method', 'path', 'GET', 'POST', 'headers', 'body', 'json', 'content_type', 'user'] as const;
export type RequestPart = (typeof REQUEST_PARTS)[number];

export interface QuerySpec {
  model: string;
  where?: Record<string, Expr>;
  order_by?: string[];
  fields?: string[];
}

const EXPR_TAGS = new Set([
  '$arg', '$self', '$var', '$get', '$op', '$call', '$str', '$format', '$slugify', '$reverse', '$request',
  '$values', '$count', '$exists', '$HttpResponse', '$JsonResponse', '$HttpResponseNotAllowed', '$get_object_or_404',
  '$dict', '$list', '$apps', '$get_model',
]);

/** True when an object is an expression node rather than a literal value. */
export function isExprNode(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.keys(v).some((k) => EXPR_TAGS.has(k));
}

const QuerySpecSchema: z.ZodType<QuerySpec> = z.strictObject({
  model: z.string(),
  where: z.record(z.string(), z.lazy(() => ExprSchema)).optional(),
  order_by: z.array(z.string()).optional(),
  fields: z.array(z.string()).optional(),
});

const exprNode = z.union([
  z.strictObject({ $arg: z.string() }),
  z.strictObject({ $self: z.literal(true) }),
  z.strictObject({ $var: z.string() }),
  z.strictObject({ $get: z.tuple([z.lazy(() => ExprSchema)], z.string()) }),
  z.strictObject({ $op: z.enum([...BINARY_OPS, ...UNARY_OPS]), args: z.array(z.lazy(() => ExprSchema)) }),
  z.strictObject({ $call: z.tuple([z.lazy(() => ExprSchema), z.string()], z.lazy(() => ExprSchema)) }),
  z.strictObject({ $str: z.lazy(() => ExprSchema) }),
  z.strictObject({ $format: z.string(), args: z.array(z.lazy(() => ExprSchema)).optional() }),
  /** `django.utils.text.slugify(value, allow_unicode=False)`. */
  z.strictObject({ $slugify: z.lazy(() => ExprSchema), allow_unicode: z.boolean().optional() }),
  z.strictObject({ $reverse: z.strictObject({ name: z.string(), args: z.array(z.lazy(() => ExprSchema)).optional(), kwargs: z.record(z.string(), z.lazy(() => ExprSchema)).optional() }) }),
  z.strictObject({ $request: z.enum(REQUEST_PARTS) }),
  z.strictObject({ $values: QuerySpecSchema }),
  z.strictObject({ $count: QuerySpecSchema }),
  z.strictObject({ $exists: QuerySpecSchema }),
  // The app registry's state flags (`apps.ready`, ...) and `apps.get_model('label.Model')`.
  z.strictObject({ $apps: z.enum(['apps_ready', 'models_ready', 'ready']) }),
  z.strictObject({ $get_model: z.string() }),
  /** `status` is an expression: Django accepts `status='404'` (and rejects `'abc'`). */
  z.strictObject({ $HttpResponse: z.strictObject({ content: z.lazy(() => ExprSchema).optional(), status: z.lazy(() => ExprSchema).optional(), content_type: z.string().optional(), charset: z.string().optional(), headers: z.record(z.string(), z.string()).optional() }) }),
  z.strictObject({
    $JsonResponse: z.strictObject({
      data: z.lazy(() => ExprSchema),
      safe: z.boolean().optional(),
      status: z.number().int().optional(),
      content_type: z.string().optional(),
      json_dumps_params: z.strictObject({ sort_keys: z.boolean().optional(), separators: z.tuple([z.string(), z.string()]).optional(), ensure_ascii: z.boolean().optional() }).optional(),
    }),
  }),
  /** A dict or list display whose items are expressions (`{"n": n}`, `[a, b]`); plain literals cannot hold expressions. */
  z.strictObject({ $dict: z.record(z.string(), z.lazy(() => ExprSchema)) }),
  z.strictObject({ $list: z.array(z.lazy(() => ExprSchema)) }),
  /** `HttpResponseNotAllowed(permitted)`: a 405 whose `Allow` header joins `permitted`. */
  z.strictObject({ $HttpResponseNotAllowed: z.strictObject({ permitted: z.array(z.string()) }) }),
  /** `get_object_or_404(Model, **where)`: the row, or `Http404` (a 404 response in a view). */
  z.strictObject({ $get_object_or_404: z.strictObject({ model: z.string(), where: z.record(z.string(), z.lazy(() => ExprSchema)).optional() }) }),
]);

export const ExprSchema: z.ZodType<Expr, Expr> = z.lazy(() =>
  z.union([z.custom<unknown>(isExprNode).pipe(exprNode as z.ZodType), ValueSchema]),
) as z.ZodType<Expr, Expr>;

/** `__str__` templates: `{field}` and `{relation.field}` paths on `self`; `{{` and `}}` escape braces. */
export const StrTemplate = z.string();

/**
 * A connection: `signal.connect(receiver, sender=..., weak=..., dispatch_uid=...)`.
 * `sender` is `{"$model": "app.Model"}` for a model class; a plain string names an opaque sender
 * object (the same string is the same object within a session); absent means any sender.
 * A list of signals connects the receiver to each (the `@receiver([s1, s2])` form).
 */
export const ConnectionSchema = z.strictObject({
  signal: z.union([z.string(), z.array(z.string()).min(1)]),
  receiver: z.string(),
  sender: ValueSchema.optional(),
  /**
   * A lazy model reference as the sender (`post_save.connect(r, sender='blog.Post')`): model
   * signals bind it to the model class once that model is registered. Exclusive with `sender`.
   */
  lazy_sender: z.string().optional(),
  dispatch_uid: z.string().optional(),
  weak: z.boolean().optional(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

export type Action =
  | { return: Expr }
  | { raise: { type: string; message?: string } }
  | { create: { model: string; values?: Record<string, Expr> }; as?: string }
  | { save: Expr; update_fields?: string[] }
  | { set: Expr; values: Record<string, Expr> }
  | { delete: Expr }
  | { let: string; be: Expr }
  | { record: Expr }
  | { connect: Connection }
  | { disconnect: { signal: string; receiver?: string; sender?: Value; dispatch_uid?: string } }
  | { send: { signal: string; sender?: Expr; kwargs?: Record<string, Expr> }; robust?: boolean }
  | { import: string }
  | { if: Expr; then: Action[]; else?: Action[] }
  | { pk_set_discard: Expr[] }
  | { eval: Expr };

export const ActionSchema: z.ZodType<Action, Action> = z.lazy(() =>
  z.union([
    z.strictObject({ return: ExprSchema }),
    z.strictObject({ raise: z.strictObject({ type: z.string(), message: z.string().optional() }) }),
    z.strictObject({ create: z.strictObject({ model: z.string(), values: z.record(z.string(), ExprSchema).optional() }), as: z.string().optional() }),
    z.strictObject({ save: ExprSchema, update_fields: z.array(z.string()).optional() }),
    z.strictObject({ set: ExprSchema, values: z.record(z.string(), ExprSchema) }),
    z.strictObject({ delete: ExprSchema }),
    z.strictObject({ let: z.string(), be: ExprSchema }),
    z.strictObject({ record: ExprSchema }),
    z.strictObject({ connect: ConnectionSchema }),
    z.strictObject({ disconnect: z.strictObject({ signal: z.string(), receiver: z.string().optional(), sender: ValueSchema.optional(), dispatch_uid: z.string().optional() }) }),
    z.strictObject({ send: z.strictObject({ signal: z.string(), sender: ExprSchema.optional(), kwargs: z.record(z.string(), ExprSchema).optional() }), robust: z.boolean().optional() }),
    z.strictObject({ import: z.string() }),
    z.strictObject({ if: ExprSchema, then: z.array(ActionSchema), else: z.array(ActionSchema).optional() }),
    z.strictObject({ pk_set_discard: z.array(ExprSchema) }),
    z.strictObject({ eval: ExprSchema }),
  ]),
) as z.ZodType<Action, Action>;

/**
 * A receiver function. Every call is recorded as an event (see `results.ts`) carrying the
 * signal's keyword arguments and whatever the body `record`s; `return` sets its response.
 */
export const ReceiverSchema = z.strictObject({
  /** Also the Python function's name, so it must be an identifier when messages name it. */
  id: z.string().min(1),
  do: z.array(ActionSchema).default([]),
  /**
   * What kind of callable is connected (default `function`: a module-level `def`, alive for the
   * whole session). `lambda`: a lambda or a function defined inside another function, referenced
   * by nothing but the connection, so a weak connection loses it at once. `method`: a bound
   * method of one long-lived object; every connect passes a fresh bound-method object.
   */
  kind: z.enum(['function', 'lambda', 'method']).optional(),
  /** `false`: the function takes only `sender` (no `**kwargs`), as in `def r(sender): ...`. */
  accepts_kwargs: z.boolean().optional(),
  /** `true`: an `async def` receiver (Django 5.0+). */
  async: z.boolean().optional(),
});
export type ReceiverSpec = z.input<typeof ReceiverSchema>;
