/**
 * Values that cross the adapter boundary.
 *
 * Everything is plain JSON. Python and Django types that JSON cannot carry exactly travel as
 * one-key objects whose key starts with `$` (a "tagged value"). Plain objects never have keys
 * starting with `$`, so a tagged value can always be told apart from a dict.
 */
import { z } from 'zod';

/** A model label: `<app_label>.<ModelName>`, as Django writes it (`auth.User`, `users.Profile`). */
export const ModelLabel = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, 'a model label such as "users.Profile"');
export type ModelLabel = z.infer<typeof ModelLabel>;

/** A handle names one in-memory model instance inside a session (`h1`, `h2`, ...). */
export const Handle = z.string().min(1);

export type Value =
  | null
  | boolean
  | number
  | string
  | Value[]
  | { [key: string]: Value }
  | Tagged;

/** Tagged values. The set is closed: an adapter must not invent new `$` keys. */
export type Tagged =
  | { $decimal: string }
  | { $int: string }
  | { $float: 'nan' | 'inf' | '-inf' }
  | { $date: string }
  | { $datetime: string }
  | { $time: string }
  | { $duration: string }
  | { $uuid: string }
  | { $bytes: string }
  | { $obj: ObjRef }
  | { $h: string }
  | { $model: string }
  | { $queryset: string }
  | { $class: string }
  | { $set: Value[] }
  | { $error: ErrorValue };

/** How an instance is reported: its model, pk, handle and the values of its concrete fields by attname. */
export interface ObjRef {
  model: string;
  pk: Value;
  h: string;
  values?: { [attname: string]: Value };
}

/** An exception object used as a value (for example a `send_robust()` response slot). */
export interface ErrorValue {
  type: string;
  isa?: string[];
  message?: string;
}

export const TAGS = [
  '$decimal', '$int', '$float', '$date', '$datetime', '$time', '$duration', '$uuid', '$bytes',
  '$obj', '$h', '$model', '$queryset', '$class', '$set', '$error',
] as const;

const tagged: Record<(typeof TAGS)[number], z.ZodType> = {
  // Exact decimal text as Django's Decimal prints it; scale is significant ('12.30' != '12.3').
  $decimal: z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^-?(NaN|sNaN|Infinity)$/, 'decimal text'),
  // Any integer as decimal digits. Required when |n| > 2^53 - 1; allowed otherwise.
  $int: z.string().regex(/^-?\d+$/, 'integer digits'),
  $float: z.enum(['nan', 'inf', '-inf']),
  $date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  // ISO 8601 with microseconds kept; aware values end in +HH:MM (UTC is +00:00).
  $datetime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2})?$/, 'ISO 8601 datetime'),
  $time: z.string().regex(/^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/, 'HH:MM:SS[.ffffff]'),
  $duration: z.string(),
  $uuid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'lower-case dashed UUID'),
  $bytes: z.string(),
  $obj: z.lazy(() => ObjRefSchema),
  $h: Handle,
  $model: ModelLabel,
  $queryset: ModelLabel,
  $class: z.string(),
  $set: z.lazy(() => z.array(ValueSchema)),
  $error: z.lazy(() => ErrorValueSchema),
};

export const ErrorValueSchema: z.ZodType<ErrorValue> = z.object({
  type: z.string().min(1),
  isa: z.array(z.string()).optional(),
  message: z.string().optional(),
}).loose();

export const ObjRefSchema: z.ZodType<ObjRef> = z.object({
  model: ModelLabel,
  pk: z.lazy(() => ValueSchema),
  h: Handle,
  values: z.record(z.string(), z.lazy(() => ValueSchema)).optional(),
});

const taggedSchema = z.union(
  TAGS.map((tag) => z.strictObject({ [tag]: tagged[tag] })) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
);

const plainObject = z.record(z.string().regex(/^(?!\$)/, 'plain object keys must not start with "$"'), z.lazy(() => ValueSchema));

export const ValueSchema: z.ZodType<Value, Value> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number().refine(Number.isFinite, 'non-finite numbers travel as {"$float": ...}'),
    z.string(),
    z.array(ValueSchema),
    z.custom<unknown>((v) => isTaggedShape(v)).pipe(taggedSchema),
    plainObject,
  ]),
) as z.ZodType<Value, Value>;

function isTaggedShape(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0]!.startsWith('$');
}

// Small constructors and predicates, so cases read as data rather than as object literals.
export const h = (handle: string): { $h: string } => ({ $h: handle });
export const decimal = (text: string): { $decimal: string } => ({ $decimal: text });
export const int = (n: bigint | number | string): Value =>
  typeof n === 'number' && Number.isSafeInteger(n) ? n : { $int: String(n) };
export const model = (label: string): { $model: string } => ({ $model: label });

export function isObj(v: Value | undefined): v is { $obj: ObjRef } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && '$obj' in v;
}

/** Reads an integer value that may be a plain number or `{$int}` as a bigint. */
export function asBigInt(v: Value | undefined): bigint | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && '$int' in v) return BigInt((v as { $int: string }).$int);
  return undefined;
}
