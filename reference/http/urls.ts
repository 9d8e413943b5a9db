/**
 * `path()` routes, `resolve()` and `reverse()` as in `django.urls`: a route compiles to the same
 * regular expression Django builds (its text appears in `NoReverseMatch` messages), captures go
 * through the converters, and reversing quotes the result as Django does.
 */
import type { RouteSpec } from '../../conformance/contract/views.js';
import { PyError, PyUUID, pyRepr, pyStr } from '../orm/pyvalues.js';

interface Converter {
  regex: string;
  toPython(text: string): unknown;
  toUrl(value: unknown): string;
}

const str: Converter = { regex: '[^/]+', toPython: (t) => t, toUrl: (v) => pyStr(v) };

export const CONVERTERS: Record<string, Converter> = {
  int: { regex: '[0-9]+', toPython: (t) => BigInt(t), toUrl: (v) => pyStr(v) },
  str,
  slug: { regex: '[-a-zA-Z0-9_]+', toPython: (t) => t, toUrl: (v) => pyStr(v) },
  uuid: { regex: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', toPython: (t) => new PyUUID(t), toUrl: (v) => pyStr(v) },
  path: { regex: '.+', toPython: (t) => t, toUrl: (v) => pyStr(v) },
};

/** Python's `re.escape()`. */
function reEscape(text: string): string {
  return text.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`);
}

function jsEscape(text: string): string {
  return text.replace(/[()[\]{}?*+|^$\\.]/g, (c) => `\\${c}`);
}

export class Route {
  /** Django's pattern text without the leading `^` (as `NoReverseMatch` lists it). */
  readonly pattern: string;
  readonly regex: RegExp;
  readonly params: string[] = [];
  readonly converters = new Map<string, Converter>();

  constructor(readonly spec: RouteSpec, readonly index: number) {
    const route = spec.path;
    let pattern = '';
    let source = '';
    let rest = route;
    const part = /<(?:(?<conv>[^>:]+):)?(?<name>[^>]+)>/;
    for (let m = part.exec(rest); m; m = part.exec(rest)) {
      const name = m.groups!.name!;
      const conv = m.groups!.conv ?? 'str';
      if (!/^[A-Za-z_]\w*$/.test(name)) {
        throw new PyError('ImproperlyConfigured', `URL route '${route}' uses parameter name ${pyRepr(name)} which isn't a valid Python identifier.`);
      }
      const converter = CONVERTERS[conv];
      if (!converter) throw new PyError('ImproperlyConfigured', `URL route '${route}' uses invalid converter ${pyRepr(conv)}.`);
      if (this.converters.has(name)) throw new PyError('ImproperlyConfigured', `URL route '${route}' uses parameter name ${pyRepr(name)} more than once.`);
      pattern += `${reEscape(rest.slice(0, m.index))}(?P<${name}>${converter.regex})`;
      source += `${jsEscape(rest.slice(0, m.index))}(?<${name}>${converter.regex})`;
      this.params.push(name);
      this.converters.set(name, converter);
      rest = rest.slice(m.index + m[0].length);
    }
    pattern += `${reEscape(rest)}\\Z`;
    this.pattern = pattern;
    this.regex = new RegExp(`^${source}${jsEscape(rest)}$`);
  }

  get name(): string | undefined {
    return this.spec.name;
  }

  /** The converted captures when `path` (without the leading slash) matches, else undefined. */
  match(path: string): Record<string, unknown> | undefined {
    const m = this.regex.exec(path);
    if (!m) return undefined;
    const kwargs: Record<string, unknown> = {};
    for (const name of this.params) kwargs[name] = this.converters.get(name)!.toPython(m.groups![name]!);
    return kwargs;
  }
}

export interface ResolverMatch {
  route: Route;
  kwargs: Record<string, unknown>;
}

export class URLConf {
  readonly routes: Route[];

  constructor(specs: RouteSpec[]) {
    this.routes = specs.map((spec, i) => new Route(spec, i));
  }

  /** `resolve(path)`; a path that does not start with `/` or matches no route raises Resolver404. */
  resolve(path: string): ResolverMatch {
    const found = path.startsWith('/') ? this.match(path) : undefined;
    if (found) return found;
    const tried = this.routes.map((r) => `[<URLPattern '${r.spec.path}'${r.name ? ` [name='${r.name}']` : ''}>]`).join(', ');
    throw new PyError('Resolver404', `{'tried': [${tried}], 'path': ${pyRepr(path.replace(/^\//, ''))}}`, ['Http404', 'Exception']);
  }

  match(path: string): ResolverMatch | undefined {
    const rest = path.slice(1);
    for (const route of this.routes) {
      const kwargs = route.match(rest);
      if (kwargs) return { route, kwargs };
    }
    return undefined;
  }

  /** `reverse(name, args=..., kwargs=..., query=...)`. */
  reverse(name: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}, query?: Record<string, string | string[]>): string {
    if (args.length && Object.keys(kwargs).length) throw new PyError('ValueError', "Don't mix *args and **kwargs in call to reverse()!");
    // Django's reverse dictionary lists the last-defined pattern of a name first.
    const candidates = this.routes.filter((r) => r.name === name).reverse();
    if (!candidates.length) {
      throw new PyError('NoReverseMatch', `Reverse for '${name}' not found. '${name}' is not a valid view function or pattern name.`, ['Exception']);
    }
    for (const route of candidates) {
      const url = this.tryReverse(route, args, kwargs);
      if (url !== undefined) return url + queryString(query);
    }
    const argText = args.length ? `arguments '${pyTuple(args)}'` : Object.keys(kwargs).length ? `keyword arguments '${pyDict(kwargs)}'` : 'no arguments';
    const patterns = `[${candidates.map((r) => pyRepr(r.pattern)).join(', ')}]`;
    throw new PyError('NoReverseMatch', `Reverse for '${name}' with ${argText} not found. ${candidates.length} pattern(s) tried: ${patterns}`, ['Exception']);
  }

  private tryReverse(route: Route, args: unknown[], kwargs: Record<string, unknown>): string | undefined {
    let subs: Record<string, unknown>;
    if (args.length) {
      if (args.length !== route.params.length) return undefined;
      subs = Object.fromEntries(route.params.map((p, i) => [p, args[i]]));
    } else {
      const keys = Object.keys(kwargs);
      if (keys.length !== route.params.length || !keys.every((k) => route.params.includes(k))) return undefined;
      subs = kwargs;
    }
    let text = route.spec.path;
    for (const name of route.params) {
      const value = route.converters.get(name)!.toUrl(subs[name]);
      text = text.replace(/<[^>]+>/, () => value);
    }
    if (!route.regex.test(text)) return undefined;
    const url = `/${quote(text, "!$&'()*+,;=/~:@")}`;
    // escape_leading_slashes: '//host' would be read as a network path.
    return url.startsWith('//') ? `/%2F${url.slice(2)}` : url;
  }
}

const UNRESERVED = /[A-Za-z0-9_.\-~]/;

/** Python's `urllib.parse.quote(text, safe)`. */
export function quote(text: string, safe: string, plusForSpace = false): string {
  let out = '';
  for (const ch of text) {
    if (UNRESERVED.test(ch) || safe.includes(ch)) out += ch;
    else if (plusForSpace && ch === ' ') out += '+';
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `'?' + urlencode(query, doseq=True)` when the query is not empty. */
function queryString(query?: Record<string, string | string[]>): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${quote(key, '', true)}=${quote(v, '', true)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function pyValueRepr(v: unknown): string {
  if (v instanceof PyUUID) return `UUID('${v.hex}')`;
  if (Array.isArray(v)) return `[${v.map(pyValueRepr).join(', ')}]`;
  return pyRepr(v);
}

function pyTuple(values: unknown[]): string {
  return values.length === 1 ? `(${pyValueRepr(values[0])},)` : `(${values.map(pyValueRepr).join(', ')})`;
}

function pyDict(values: Record<string, unknown>): string {
  return `{${Object.entries(values).map(([k, v]) => `${pyRepr(k)}: ${pyValueRepr(v)}`).join(', ')}}`;
}
