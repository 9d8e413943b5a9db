/**
 * Views built from their declarations: a function view runs one body for every method; a
 * class-based view follows `django.views.View` (as_view() checks its keyword arguments, each
 * request gets a fresh instance, dispatch() picks the handler by lower-cased method name, a
 * 405 lists the allowed methods, OPTIONS and HEAD have Django's defaults).
 */
import type { RouteSpec } from '../../conformance/contract/views.js';
import { HTTP_METHOD_NAMES } from '../../conformance/contract/views.js';
import type { Action } from '../../conformance/contract/actions.js';
import type { Value } from '../../conformance/contract/values.js';
import { PyError, pyRepr } from '../orm/pyvalues.js';
import type { Interpreter, PyObject } from '../adapter/interpreter.js';
import { HttpResponse, notAllowed } from './response.js';
import type { HttpRequest } from './request.js';

/** The module the reference's declared views live in (Django names it in some messages). */
export const VIEWS_MODULE = 'urls';

export interface ViewCallable {
  /** `callback.__module__ + '.' + callback.__name__`, as in "The view urls.hello didn't return ...". */
  readonly qualifiedName: string;
  call(request: HttpRequest, kwargs: Record<string, unknown>): Promise<unknown>;
}

/** The attributes every `View` subclass has besides its handlers. */
const VIEW_ATTRIBUTES = ['http_method_names', 'as_view', 'dispatch', 'setup', 'options', 'http_method_not_allowed', 'view_is_async'];

/** Where handler bodies find the current request (`$request`). */
export const REQUEST_VAR = '__request__';

type ClassSpec = Extract<RouteSpec['view'], { class: unknown }>['class'];

export function buildView(route: RouteSpec, index: number, interpreter: Interpreter): ViewCallable {
  const view = route.view;
  if ('function' in view) {
    if (route.initkwargs) throw new Error(`route "${route.path}": initkwargs (as_view() arguments) apply to class-based views only`);
    const name = view.name ?? `view_${index}`;
    return {
      qualifiedName: `${VIEWS_MODULE}.${name}`,
      call: (request, kwargs) => interpreter.run(view.function, { args: { ...kwargs }, vars: new Map([[REQUEST_VAR, request]]) }),
    };
  }
  return new ClassView(view.class, route.initkwargs ?? {}, interpreter);
}

class ClassView implements ViewCallable {
  readonly qualifiedName = `${VIEWS_MODULE}.view`;
  readonly className: string;
  readonly methodNames: string[];

  constructor(readonly spec: ClassSpec, readonly initkwargs: Record<string, Value>, private readonly interpreter: Interpreter) {
    this.className = spec.name ?? 'DeclaredView';
    this.methodNames = spec.http_method_names ?? [...HTTP_METHOD_NAMES];
    // View.as_view(**initkwargs)
    for (const key of Object.keys(initkwargs)) {
      if (this.methodNames.includes(key)) throw new PyError('TypeError', `The method name ${key} is not accepted as a keyword argument to ${this.className}().`);
      if (!this.hasClassAttribute(key)) {
        throw new PyError('TypeError', `${this.className}() received an invalid keyword ${pyRepr(key)}. as_view only accepts arguments that are already attributes of the class.`);
      }
    }
    // View.view_is_async: every handler except the inherited options() must agree.
    const declared = this.methodNames.filter((m) => m !== 'options' && m in spec.handlers);
    const isAsync = (m: string) => (spec.async ?? []).includes(m);
    if (declared.length && !declared.every((m) => isAsync(m) === isAsync(declared[0]!))) {
      throw new PyError('ImproperlyConfigured', `${this.className} HTTP handlers must either be all sync or all async.`);
    }
  }

  private hasClassAttribute(name: string): boolean {
    return name in this.spec.handlers || Object.hasOwn(this.spec.attrs ?? {}, name) || VIEW_ATTRIBUTES.includes(name);
  }

  async call(request: HttpRequest, kwargs: Record<string, unknown>): Promise<unknown> {
    const self = new ViewInstance(this, this.interpreter);
    for (const [key, value] of Object.entries(this.initkwargs)) self.setAttr(key, this.interpreter.codec.decode(value));
    // setup()
    self.setAttr('request', request);
    self.setAttr('args', []);
    self.setAttr('kwargs', kwargs);
    return self.dispatch(request, kwargs);
  }
}

/** One request's instance of a class-based view. */
class ViewInstance implements PyObject {
  readonly pyObject = true as const;
  private readonly attrs = new Map<string, unknown>();

  constructor(private readonly cls: ClassView, private readonly interpreter: Interpreter) {}

  getAttr(name: string): unknown {
    if (this.attrs.has(name)) return this.attrs.get(name);
    const classAttrs = this.cls.spec.attrs ?? {};
    if (Object.hasOwn(classAttrs, name)) return this.interpreter.codec.decode(classAttrs[name]!);
    if (name === 'http_method_names') return [...this.cls.methodNames];
    throw new PyError('AttributeError', `'${this.cls.className}' object has no attribute '${name}'`);
  }

  setAttr(name: string, value: unknown): void {
    this.attrs.set(name, value);
  }

  async callMethod(name: string, _args: unknown[]): Promise<unknown> {
    if (name === 'as_view') throw new PyError('AttributeError', 'This method is available only on the class, not on instances.');
    throw new PyError('AttributeError', `'${this.cls.className}' object has no attribute '${name}'`);
  }

  /** `hasattr(self, method)`: declared handlers, the inherited options(), and head() aliased to get() by setup(). */
  private handlerFor(method: string): Action[] | 'options' | undefined {
    const handlers = this.cls.spec.handlers;
    if (Object.hasOwn(handlers, method)) return handlers[method];
    if (method === 'head' && Object.hasOwn(handlers, 'get')) return handlers.get;
    if (method === 'options') return 'options';
    return undefined;
  }

  allowedMethods(): string[] {
    return this.cls.methodNames.filter((m) => this.handlerFor(m) !== undefined).map((m) => m.toUpperCase());
  }

  async dispatch(request: HttpRequest, kwargs: Record<string, unknown>): Promise<unknown> {
    const method = request.method.toLowerCase();
    const handler = this.cls.methodNames.includes(method) ? this.handlerFor(method) : undefined;
    if (handler === undefined) return notAllowed(this.allowedMethods());
    if (handler === 'options') {
      return new HttpResponse({ headers: { Allow: this.allowedMethods().join(', '), 'Content-Length': '0' } });
    }
    return this.interpreter.run(handler, { args: { ...kwargs }, self: this, vars: new Map([[REQUEST_VAR, request]]) });
  }
}
