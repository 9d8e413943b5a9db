/**
 * URL patterns and views, declared as data. Each adapter turns them into real views of its
 * platform (Django: `path()` + a function or a `View` subclass; the reference: Express routes).
 *
 * A handler is a body of actions (see `actions.ts`) that should `return` a response expression
 * (`$HttpResponse` or `$JsonResponse`). A handler that returns nothing is Django's "view returned
 * None" case. URL captures reach the handler as arguments (`{"$arg": "pk"}`).
 */
import { z } from 'zod';
import { ActionSchema } from './actions.js';
import { ValueSchema } from './values.js';

export const HTTP_METHOD_NAMES = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

export const HandlerSchema = z.array(ActionSchema);

export const ViewSchema = z.union([
  /**
   * A function-based view: one handler for every method. `name` is the Python function's name
   * (Django names it in the "didn't return an HttpResponse" message); adapters pick one when absent.
   */
  z.strictObject({ function: HandlerSchema, name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional() }),
  /** A class-based view (`django.views.View`): a handler per lower-case method name. */
  z.strictObject({
    class: z.strictObject({
      /** The class name (Django uses it in `as_view()` errors); adapters pick one when absent. */
      name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
      handlers: z.record(z.string().regex(/^[a-z]+$/), HandlerSchema),
      http_method_names: z.array(z.string()).optional(),
      /** Class attributes (`greeting = "hi"`), readable in handlers as `{"$get": [{"$self": true}, "greeting"]}`. */
      attrs: z.record(z.string(), ValueSchema).optional(),
      /** Handlers declared `async def` (Django refuses a class that mixes sync and async handlers). */
      async: z.array(z.string()).optional(),
    }),
  }),
]);

export const RouteSchema = z.strictObject({
  /** A Django `path()` route, with converters: `posts/<slug:slug>/`, `items/<int:pk>/`. No leading slash. */
  path: z.string(),
  name: z.string().optional(),
  view: ViewSchema,
  /**
   * `View.as_view(**initkwargs)` for class-based views: per-instance overrides of class
   * attributes. Django checks them when the URLconf loads, so a bad key fails the session's start-up.
   */
  initkwargs: z.record(z.string(), ValueSchema).optional(),
});
export type RouteSpec = z.infer<typeof RouteSchema>;
