/**
 * Contract values ↔ Python values, for everything except model instances (which need a
 * session's handles; see `reference/adapter/codec.ts`).
 */
import type { Value } from '../../conformance/contract/values.js';
import { Decimal, PyDate, PyDateTime, PyError, PyTime, PyUUID, parseDecimal, pyDecimalStr } from './pyvalues.js';

/** Decodes a contract value; `onTag` handles tags this module does not know (`$h`, `$model`...). */
export function decodeValue(v: Value, onTag?: (tag: string, body: unknown) => unknown): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, onTag));
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const tag = keys[0]!;
    const body = (v as Record<string, unknown>)[tag];
    switch (tag) {
      case '$int':
        return BigInt(body as string);
      case '$decimal':
        return parseDecimal(body as string) ?? new Decimal(body as string);
      case '$float':
        return body === 'nan' ? NaN : body === 'inf' ? Infinity : -Infinity;
      case '$date':
        return parseIsoDate(body as string);
      case '$datetime':
        return parseIsoDateTime(body as string);
      case '$time':
        return parseIsoTime(body as string);
      case '$uuid':
        return new PyUUID(body as string);
      case '$set':
        return new Set((body as Value[]).map((x) => decodeValue(x, onTag)));
      default:
        if (onTag) return onTag(tag, body);
        throw new PyError('TypeError', `cannot decode a ${tag} value here`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = decodeValue(x as Value, onTag);
  return out;
}

/** Encodes a Python value; `onOther` encodes what this module does not know (instances...). */
export function encodeValue(v: unknown, onOther?: (v: unknown) => Value | undefined): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : { $int: v.toString() };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $float: 'nan' };
    if (!Number.isFinite(v)) return { $float: v > 0 ? 'inf' : '-inf' };
    return v;
  }
  if (v instanceof Decimal) return { $decimal: pyDecimalStr(v) };
  if (v instanceof PyDateTime) return { $datetime: v.iso() };
  if (v instanceof PyDate) return { $date: v.iso() };
  if (v instanceof PyTime) return { $time: v.iso() };
  if (v instanceof PyUUID) return { $uuid: v.hex };
  if (v instanceof Set) return { $set: sortForOutput([...v].map((x) => encodeValue(x, onOther))) };
  if (v instanceof PyError) return { $error: { type: v.type, isa: v.isa, message: v.message } };
  const other = onOther?.(v);
  if (other !== undefined) return other;
  if (Array.isArray(v)) return v.map((x) => encodeValue(x, onOther));
  if (typeof v === 'object' && v.constructor === Object) {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = encodeValue(x, onOther);
    return out;
  }
  throw new Error(`cannot encode ${Object.prototype.toString.call(v)} as a contract value`);
}

/** Sets travel sorted (numbers numerically, everything else by its JSON text). */
export function sortForOutput(values: Value[]): Value[] {
  return [...values].sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
  });
}

export function parseIsoDate(text: string): PyDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new PyError('ValueError', `Invalid isoformat string: '${text}'`);
  return new PyDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function parseIsoDateTime(text: string): PyDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!m) throw new PyError('ValueError', `Invalid isoformat string: '${text}'`);
  let offset: number | null = null;
  if (m[8]) {
    if (m[8] === 'Z') offset = 0;
    else {
      const sign = m[8][0] === '-' ? -1 : 1;
      const digits = m[8].slice(1).replace(':', '');
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
    }
  }
  const micro = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  return new PyDateTime(new PyDate(Number(m[1]), Number(m[2]), Number(m[3])), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), micro, offset);
}

export function parseIsoTime(text: string): PyTime {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(text);
  if (!m) throw new PyError('ValueError', `Invalid isoformat string: '${text}'`);
  return new PyTime(Number(m[1]), Number(m[2]), Number(m[3] ?? 0), m[4] ? Number(m[4].padEnd(6, '0')) : 0);
}
