/**
 * Small helpers for cases about models and fields: the smallest project with one model, and
 * the shape of Django's ValidationError as data.
 */
import type { FieldSpec, ModelSpec, SessionSetup } from '../../conformance/contract/schema.js';
import type { DjangoError, Response } from '../../conformance/contract/results.js';

type FieldInput = Omit<FieldSpec, 'type'> & { type: FieldSpec['type'] };

/** A project with one app `tapp` holding one model (`tapp.<name>`, default `Item`). */
export function oneModel(
  fields: FieldInput[],
  options: { name?: string; settings?: SessionSetup['settings']; default_auto_field?: string; meta?: ModelSpec['meta'] } = {},
): SessionSetup {
  return {
    ...(options.settings && { settings: options.settings }),
    apps: [{
      name: 'tapp',
      config: options.default_auto_field ? { default_auto_field: options.default_auto_field } : {},
      models: [{ name: options.name ?? 'Item', fields, ...(options.meta && { meta: options.meta }) }],
    }],
  };
}

export interface FieldError {
  code: string;
  message: string;
}

/** Django's `ValidationError.error_dict` as cases compare it: field name → [{code, message}]. */
export function invalid(fields: Record<string, FieldError[]>): { type: 'ValidationError'; fields: Record<string, FieldError[]> } {
  return { type: 'ValidationError', fields };
}

/** The part of a response a case compares: the value, or the error's type, message and field errors. */
export function outcome(response: Response): unknown {
  if (response.ok) return { ok: response.value };
  const e: DjangoError = response.error;
  return { type: e.type, ...(e.fields ? { fields: stripParams(e.fields) } : { message: e.message }) };
}

/** Field errors without extra keys (params), so whole error dicts compare with `toEqual`. */
function stripParams(fields: NonNullable<DjangoError['fields']>): Record<string, FieldError[]> {
  const out: Record<string, FieldError[]> = {};
  for (const [name, list] of Object.entries(fields)) out[name] = list.map((m) => ({ code: m.code ?? '', message: m.message ?? '' }));
  return out;
}

/** `full_clean()` succeeded. */
export const VALID = { ok: null };

/** Python's repr() of a str, as Django's messages print it. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = [...s].map((ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === quote) return `\\${quote}`;
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
    return ch;
  }).join('');
  return quote + body + quote;
}
