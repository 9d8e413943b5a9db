/**
 * `json.dumps(data, cls=DjangoJSONEncoder)`: Python's JSON text (", " and ": " separators,
 * ASCII escapes, `NaN` written literally) with Django's conversions for Decimal, dates, times
 * and UUIDs.
 */
import type { JsonDumpsParams } from '../../conformance/contract/actions.js';
import { Decimal, PyDate, PyDateTime, PyError, PyTime, PyUUID, pyDecimalStr, pyFloatStr } from '../orm/pyvalues.js';
import { typeName } from '../adapter/interpreter.js';

export function isPlainDict(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function dumps(value: unknown, params: JsonDumpsParams = {}): string {
  const [itemSep, keySep] = params.separators ?? [', ', ': '];
  const ascii = params.ensure_ascii ?? true;
  const encode = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return 'NaN';
      if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
      return pyFloatStr(v);
    }
    if (typeof v === 'string') return quote(v, ascii);
    if (Array.isArray(v)) return `[${v.map(encode).join(itemSep)}]`;
    if (isPlainDict(v)) {
      let keys = Object.keys(v);
      if (params.sort_keys) keys = [...keys].sort();
      return `{${keys.map((k) => `${quote(k, ascii)}${keySep}${encode(v[k])}`).join(itemSep)}}`;
    }
    return quote(djangoDefault(v), ascii);
  };
  return encode(value);
}

/** `DjangoJSONEncoder.default()`: the string form of the types JSON has no literal for. */
function djangoDefault(v: unknown): string {
  if (v instanceof PyDateTime) {
    let text = v.iso();
    if (v.microsecond) text = text.slice(0, 23) + text.slice(26);
    if (text.endsWith('+00:00')) text = `${text.slice(0, -6)}Z`;
    return text;
  }
  if (v instanceof PyDate) return v.iso();
  if (v instanceof PyTime) {
    const text = v.iso();
    return v.microsecond ? text.slice(0, 12) : text;
  }
  if (v instanceof Decimal) return pyDecimalStr(v);
  if (v instanceof PyUUID) {
    const hex = v.hex.replace(/-/g, '');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  throw new PyError('TypeError', `Object of type ${v instanceof Set ? 'set' : typeName(v)} is not JSON serializable`);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function quote(s: string, ascii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || (ascii && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `json.loads()`: integers become Python ints (bigint), other numbers floats. */
export function loads(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new PyError('JSONDecodeError', (e as Error).message, ['ValueError']);
  }
  const convert = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) && !/[.eE]/.test(String(v)) ? BigInt(v) : v;
    if (Array.isArray(v)) return v.map(convert);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
    return v;
  };
  return convert(parsed);
}
