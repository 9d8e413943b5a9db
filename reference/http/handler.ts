/**
 * The request pipeline of `django.core.handlers.base.BaseHandler` for the session's URLs:
 * request_started, the middleware the settings name (CommonMiddleware's APPEND_SLASH redirect,
 * CsrfViewMiddleware), URL resolution, the view, exceptions turned into Django's default error
 * responses (with got_request_exception for 500s), then request_finished once the response is
 * complete. `serveHttp` puts it behind an Express 5 application.
 */
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PyError } from '../orm/pyvalues.js';
import type { ReferenceSession } from '../adapter/session.js';
import { typeName } from '../adapter/interpreter.js';
import { URLConf } from './urls.js';
import { buildView, type ViewCallable } from './views.js';
import { HttpResponse, errorPage } from './response.js';
import { HttpRequest, DATA_UPLOAD_MAX_MEMORY_SIZE } from './request.js';

const COMMON_MIDDLEWARE = 'django.middleware.common.CommonMiddleware';
const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'TRACE'];

export interface Handled {
  response: HttpResponse;
  /** The exception a view raised that became a 500 (the test client re-raises it). */
  error?: unknown;
}

export class HttpApp {
  readonly urls: URLConf;
  private readonly views: ViewCallable[];
  /** Requests being served over HTTP, so `events` can wait for their request_finished. */
  readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly session: ReferenceSession) {
    const routes = session.project.setup.urls ?? [];
    this.urls = new URLConf(routes);
    this.views = routes.map((route, i) => buildView(route, i, session.interpreter));
  }

  private get settings() {
    const s = this.session.project.setup.settings ?? {};
    return { debug: s.DEBUG ?? false, appendSlash: s.APPEND_SLASH ?? true, middleware: s.MIDDLEWARE ?? [] };
  }

  /** One request, start to response; request_finished is the caller's, once the response is complete. */
  async handle(request: HttpRequest): Promise<Handled> {
    const signals = this.session.project.signals;
    const handlerName = request.fromTestClient ? 'django.test.client.ClientHandler' : 'django.core.handlers.wsgi.WSGIHandler';
    await signals.get('request_started').send(this.session.codec.sender(handlerName), { environ: { REQUEST_METHOD: request.method, PATH_INFO: request.path } });
    try {
      const response = await this.middlewareAndView(request);
      if (!(response instanceof HttpResponse)) {
        // Django does not check this: the handler itself fails on the returned object.
        throw new NonResponse(new PyError('AttributeError', `'${typeName(response)}' object has no attribute '_resource_closers'`));
      }
      return { response };
    } catch (e) {
      if (e instanceof NonResponse) throw e;
      const response = this.responseForException(e);
      if (response) return { response };
      await signals.get('got_request_exception').send(null, { request: { method: request.method, path: request.path } });
      return { response: errorPage(500), error: e };
    }
  }

  async finished(request: HttpRequest): Promise<void> {
    const sender = request.fromTestClient ? null : this.session.codec.sender('django.core.handlers.wsgi.WSGIHandler');
    await this.session.project.signals.get('request_finished').send(sender, {});
  }

  /** Django's `response_for_exception` for the exceptions that are not server errors. */
  private responseForException(e: unknown): HttpResponse | undefined {
    if (!(e instanceof PyError)) return undefined;
    if (e.is('Http404')) return errorPage(404);
    if (e.is('PermissionDenied')) return errorPage(403);
    if (e.is('SuspiciousOperation') || e.is('BadRequest')) return errorPage(400);
    return undefined;
  }

  private async middlewareAndView(request: HttpRequest): Promise<unknown> {
    const { middleware } = this.settings;
    const common = middleware.includes(COMMON_MIDDLEWARE);
    if (common && this.shouldRedirectWithSlash(request)) return this.slashRedirect(request);
    let response = await this.resolveAndCall(request, middleware.includes(CSRF_MIDDLEWARE));
    if (common && response instanceof HttpResponse) {
      if (response.status === 404 && this.shouldRedirectWithSlash(request)) response = this.slashRedirect(request);
      else if (!response.headers.has('Content-Length')) response.headers.set('Content-Length', String(response.content.length));
    }
    return response;
  }

  private async resolveAndCall(request: HttpRequest, csrf: boolean): Promise<unknown> {
    let found;
    try {
      found = this.urls.resolve(request.path);
    } catch (e) {
      const response = this.responseForException(e);
      if (response) return response;
      throw e;
    }
    if (csrf && !request.fromTestClient && !SAFE_METHODS.includes(request.method)) {
      return new HttpResponse({ status: 403, content: '<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>' });
    }
    const view = this.views[found.route.index]!;
    let response: unknown;
    try {
      response = await view.call(request, found.kwargs);
    } catch (e) {
      const handled = this.responseForException(e);
      if (handled) return handled;
      throw e;
    }
    if (response === undefined || response === null) {
      throw new PyError('ValueError', `The view ${view.qualifiedName} didn't return an HttpResponse object. It returned None instead.`);
    }
    return response;
  }

  /** CommonMiddleware.should_redirect_with_slash. */
  private shouldRedirectWithSlash(request: HttpRequest): boolean {
    if (!this.settings.appendSlash || request.path.endsWith('/')) return false;
    return !this.urls.match(request.path) && Boolean(this.urls.match(`${request.path}/`));
  }

  /** CommonMiddleware.get_full_path_with_slash and the permanent redirect. */
  private slashRedirect(request: HttpRequest): HttpResponse {
    const target = request.fullPath(true);
    if (this.settings.debug && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) {
      throw new PyError(
        'RuntimeError',
        `You called this URL via ${request.method}, but the URL doesn't end in a slash and you have APPEND_SLASH set. Django can't redirect to the slash URL while maintaining ${request.method} data. Change your form to point to ${request.headers.get('host') ?? 'testserver'}${target} (note the trailing slash), or set APPEND_SLASH=False in your Django settings.`,
      );
    }
    return new HttpResponse({ status: 301, headers: { Location: target.startsWith('//') ? `/%2F${target.slice(2)}` : target } });
  }

  /** The Express application serving this session's URLs. */
  expressApp(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    app.use((req, res) => {
      const done = this.serve(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`reference failure: ${error instanceof Error ? error.message : String(error)}`);
      });
      this.inFlight.add(done);
      void done.finally(() => this.inFlight.delete(done));
    });
    return app;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const request = new HttpRequest(req.method ?? 'GET', req.url ?? '/', req.headers, body, false);
    let handled: Handled;
    try {
      handled = await this.handle(request);
    } catch (e) {
      if (!(e instanceof NonResponse)) throw e;
      // What a WSGI server answers when the application itself fails.
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('A server error occurred.  Please contact the administrator.');
      return;
    }
    const { response } = handled;
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    res.statusCode = response.status;
    res.statusMessage = response.reason;
    for (const [name, value] of response.headers.list()) res.setHeader(name, value);
    res.end(response.content);
    await closed;
    await this.finished(request);
  }
}

/** A view's return value that is not a response: Django fails outside its exception handling. */
export class NonResponse extends Error {
  constructor(readonly error: PyError) {
    super(error.message);
  }
}

/** Reads the body, keeping at most the upload limit plus one byte (the rest is drained). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size <= DATA_UPLOAD_MAX_MEMORY_SIZE) chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
