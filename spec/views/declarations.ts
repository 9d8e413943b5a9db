/**
 * Small builders for the view declarations the views cases share, and the oracle for the
 * `Allow` header of a class-based view.
 */
import type { Action, Expr } from '../../conformance/contract/actions.js';
import type { RouteSpec } from '../../conformance/contract/views.js';
import type { Value } from '../../conformance/contract/values.js';

/** `return HttpResponse(content, ...)`. */
export function respond(content: Expr, options: { status?: Expr; content_type?: string; charset?: string; headers?: Record<string, string> } = {}): Action {
  return { return: { $HttpResponse: { content, ...options } } };
}

/** `return JsonResponse(data, ...)`. */
export function respondJson(data: Expr, options: { safe?: boolean; status?: number; content_type?: string } = {}): Action {
  return { return: { $JsonResponse: { data, ...options } } };
}

/** A route to a function-based view. */
export function fbv(path: string, body: Action[], extra: { name?: string; function_name?: string } = {}): RouteSpec {
  return { path, ...(extra.name && { name: extra.name }), view: { function: body, ...(extra.function_name && { name: extra.function_name }) } };
}

/** A route to a class-based view with one handler per method name. */
export function cbv(
  path: string,
  handlers: Record<string, Action[]>,
  extra: { name?: string; class_name?: string; http_method_names?: string[]; attrs?: Record<string, Value>; initkwargs?: Record<string, Value>; async?: string[] } = {},
): RouteSpec {
  return {
    path,
    ...(extra.name && { name: extra.name }),
    ...(extra.initkwargs && { initkwargs: extra.initkwargs }),
    view: {
      class: {
        handlers,
        ...(extra.class_name && { name: extra.class_name }),
        ...(extra.http_method_names && { http_method_names: extra.http_method_names }),
        ...(extra.attrs && { attrs: extra.attrs }),
        ...(extra.async && { async: extra.async }),
      },
    },
  };
}

/** `request.GET[key]`. */
export function queryParam(key: string): Expr {
  return { $get: [{ $request: 'GET' }, key] };
}

/** Django's `View.http_method_names`, in order. */
export const DEFAULT_METHOD_NAMES = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];

/**
 * The `Allow` header Django sends for a View subclass defining `handlers`: every name of
 * `http_method_names` the instance has, in that order, upper-cased. `options` always exists
 * (View defines it) and `head` exists when `get` does (setup() aliases it).
 */
export function allowHeader(handlers: string[], methodNames: string[] = DEFAULT_METHOD_NAMES): string {
  const has = (m: string) => handlers.includes(m) || m === 'options' || (m === 'head' && handlers.includes('get'));
  return methodNames.filter(has).map((m) => m.toUpperCase()).join(', ');
}

/** Django's default 404 page with DEBUG off. */
export const NOT_FOUND_PAGE =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/** Django's default 500 page with DEBUG off. */
export const SERVER_ERROR_PAGE =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';

export const HTML = 'text/html; charset=utf-8';
