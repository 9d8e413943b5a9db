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

export const HTTP_METHOD_NAMES = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

export const HandlerSchema = z.array(ActionSchema);

export const ViewSchema = z.union([
  /** A function-based view: one handler for every method. */
  z.strictObject({ function: HandlerSchema }),
  /** A class-based view (`django.views.View`): a handler per lower-case method name. */
  z.strictObject({
    class: z.strictObject({
      handlers: z.record(z.string().regex(/^[a-z]+$/), HandlerSchema),
      http_method_names: z.array(z.string()).optional(),
    }),
  }),
]);

export const RouteSchema = z.strictObject({
  /** A Django `path()` route, with converters: `posts/<slug:slug>/`, `items/<int:pk>/`. No leading slash. */
  path: z.string(),
  name: z.string().optional(),
  view: ViewSchema,
});
export type RouteSpec = z.infer<typeof RouteSchema>;
