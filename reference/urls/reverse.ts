/**
 * `django.urls.reverse` for `path()` routes: each `<converter:name>` becomes the converter's
 * regex, the arguments are turned to text with the converter's `to_url`, and the candidate must
 * match the route's pattern; otherwise `NoReverseMatch` with Django's message.
 */
import type { RouteSpec } from '../../conformance/contract/views.js';
import { PyError, pyRepr, pyStr } from '../orm/pyvalues.js';

/** Django's default path converters and their regexes (`django/urls/converters.py`). */
export const CONVERTERS: Record<string, string> = {
  str: '[^/]+',
  int: '[0-9]+',
  slug: '[-a-zA-Z0-9_]+',
  uuid: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  path: '.+',
};

interface Part {
  literal?: string;
  name?: string;
  converter?: string;
}

function parseRoute(route: string): Part[] {
  const parts: Part[] = [];
  const pattern = /<(?:(?<converter>[^>:]+):)?(?<name>[^>]+)>/g;
  let last = 0;
  for (let m = pattern.exec(route); m; m = pattern.exec(route)) {
    if (m.index > last) parts.push({ literal: route.slice(last, m.index) });
    const converter = m.groups!.converter ?? 'str';
    if (!(converter in CONVERTERS)) throw new PyError('ImproperlyConfigured', `URL route '${route}' uses invalid converter '${converter}'.`);
    parts.push({ name: m.groups!.name!, converter });
    last = pattern.lastIndex;
  }
  if (last < route.length) parts.push({ literal: route.slice(last) });
  return parts;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The route's regex as Django prints it in NoReverseMatch (`posts/(?P<slug>[-a-zA-Z0-9_]+)/\Z`). */
function pythonPattern(parts: Part[]): string {
  return parts.map((p) => (p.literal !== undefined ? escapeRegex(p.literal) : `(?P<${p.name}>${CONVERTERS[p.converter!]})`)).join('') + '\\Z';
}

/** `urllib.parse.quote(url, safe="!$&'()*+,;=/~:@")`, as reverse() quotes the result. */
function quote(text: string): string {
  const safe = /[A-Za-z0-9_.\-~!$&'()*+,;=/:@]/;
  let out = '';
  for (const ch of text) {
    if (safe.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Python's repr of a tuple of arguments: `('a',)`, `(1, 2)`. */
function tupleRepr(args: unknown[]): string {
  const items = args.map((a) => pyRepr(a));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function dictRepr(kwargs: Record<string, unknown>): string {
  return `{${Object.entries(kwargs).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

/** Python's repr of a list of strings (the patterns tried), backslashes doubled. */
function patternsRepr(patterns: string[]): string {
  return `[${patterns.map((p) => `'${p.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

/** `reverse(name, args=..., kwargs=...)` over the project's routes (ROOT_URLCONF, no prefix). */
export function reverse(routes: RouteSpec[], name: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): string {
  if (args.length && Object.keys(kwargs).length) throw new PyError('ValueError', "Don't mix *args and **kwargs in call to reverse()!");
  const candidates = routes.filter((r) => r.name === name);
  if (candidates.length === 0) throw new PyError('NoReverseMatch', `Reverse for '${name}' not found. '${name}' is not a valid view function or pattern name.`);
  const tried: string[] = [];
  // Django tries the most recently defined pattern last; a later duplicate name wins only if the earlier ones fail.
  for (const route of [...candidates].reverse()) {
    const parts = parseRoute(route.path);
    const params = parts.filter((p) => p.name !== undefined);
    tried.push(pythonPattern(parts));
    let values: Record<string, string>;
    if (args.length) {
      if (args.length !== params.length) continue;
      values = Object.fromEntries(params.map((p, i) => [p.name!, pyStr(args[i])]));
    } else {
      const keys = Object.keys(kwargs);
      if (keys.length !== params.length || !params.every((p) => keys.includes(p.name!))) continue;
      values = Object.fromEntries(params.map((p) => [p.name!, pyStr(kwargs[p.name!])]));
    }
    if (!params.every((p) => new RegExp(`^(?:${CONVERTERS[p.converter!]})$`, 's').test(values[p.name!]!))) continue;
    return '/' + quote(parts.map((p) => (p.literal !== undefined ? p.literal : values[p.name!])).join(''));
  }
  const argMessage = args.length ? `arguments '${tupleRepr(args)}'` : Object.keys(kwargs).length ? `keyword arguments '${dictRepr(kwargs)}'` : 'no arguments';
  throw new PyError('NoReverseMatch', `Reverse for '${name}' with ${argMessage} not found. ${tried.length} pattern(s) tried: ${patternsRepr(tried.reverse())}`);
}
