/**
 * The HTTP layer of a session: its URLconf and views (built when the session opens, as Django
 * imports ROOT_URLCONF), the expressions view bodies use, and the in-process listener.
 */
import type { Expr } from '../../conformance/contract/actions.js';
import type { ReferenceSession } from '../adapter/session.js';
import { sessionOf } from '../adapter/session.js';
import { interpreterExtensions, type Interpreter, type Scope } from '../adapter/interpreter.js';
import { filter } from '../orm/manager.js';
import { PyError } from '../orm/pyvalues.js';
import { HttpApp } from './handler.js';
import { HttpResponse, jsonResponse, notAllowed } from './response.js';
import { REQUEST_VAR } from './views.js';
import type { HttpRequest } from './request.js';

const HTTP_APP = 'http.app';

/** Builds the session's URLconf and views; a bad declaration raises as Django's import would. */
export function installUrls(session: ReferenceSession): void {
  const app = new HttpApp(session);
  session.extras.set(HTTP_APP, app);
  if (session.project.setup.urls) {
    let express: ReturnType<HttpApp['expressApp']> | undefined;
    session.listener = () => (express ??= app.expressApp());
  }
}

export function httpAppOf(session: ReferenceSession): HttpApp {
  const app = session.extras.get(HTTP_APP) as HttpApp | undefined;
  if (!app) throw new Error('the session has no URLconf');
  return app;
}

function currentRequest(scope: Scope): HttpRequest {
  const request = scope.vars.get(REQUEST_VAR) as HttpRequest | undefined;
  if (!request) throw new PyError('NameError', "name 'request' is not defined");
  return request;
}

async function exprs(interp: Interpreter, list: Expr[] | undefined, scope: Scope): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const e of list ?? []) out.push(await interp.expr(e, scope));
  return out;
}

interpreterExtensions.expr.push(async (interp, node, scope) => {
  if ('$dict' in node) return { value: await interp.exprMap(node.$dict as Record<string, Expr>, scope) };
  if ('$list' in node) return { value: await exprs(interp, node.$list as Expr[], scope) };
  if ('$request' in node) return { value: currentRequest(scope).part(node.$request as string) };
  if ('$HttpResponse' in node) {
    const spec = node.$HttpResponse as { content?: Expr; status?: Expr; content_type?: string; charset?: string; headers?: Record<string, string> };
    const content = spec.content === undefined ? undefined : await interp.expr(spec.content, scope);
    const status = spec.status === undefined ? undefined : await interp.expr(spec.status, scope);
    return { value: new HttpResponse({ content, status, content_type: spec.content_type, charset: spec.charset, headers: spec.headers }) };
  }
  if ('$JsonResponse' in node) {
    const spec = node.$JsonResponse as { data: Expr; safe?: boolean; status?: number; content_type?: string; json_dumps_params?: never };
    return { value: jsonResponse(await interp.expr(spec.data, scope), spec) };
  }
  if ('$HttpResponseNotAllowed' in node) return { value: notAllowed((node.$HttpResponseNotAllowed as { permitted: string[] }).permitted) };
  if ('$reverse' in node) {
    const spec = node.$reverse as { name: string; args?: Expr[]; kwargs?: Record<string, Expr> };
    const urls = httpAppOf(sessionOf(interp)).urls;
    return { value: urls.reverse(spec.name, await exprs(interp, spec.args, scope), await interp.exprMap(spec.kwargs ?? {}, scope)) };
  }
  if ('$get_object_or_404' in node) {
    const spec = node.$get_object_or_404 as { model: string; where?: Record<string, Expr> };
    const meta = interp.project.model(spec.model);
    const found = await filter(interp.project, meta, await interp.exprMap(spec.where ?? {}, scope));
    if (found.length === 0) throw new PyError('Http404', `No ${meta.objectName} matches the given query.`, ['Exception']);
    if (found.length > 1) throw new PyError('MultipleObjectsReturned', `get() returned more than one ${meta.objectName} -- it returned ${found.length > 20 ? 'more than 20' : found.length}!`, [], { model: meta.label });
    return { value: found[0] };
  }
  return undefined;
});
