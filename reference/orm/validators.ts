/**
 * Validators after `django/core/validators.py`: each raises a ValidationError with Django's
 * code, message and params, or returns nothing.
 */
import { PyError, pyRepr, pyStr } from './pyvalues.js';

export interface ValidationMessage {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** Django's `ValidationError`: a list of messages, or a dict of field name to messages. */
export class ValidationError extends PyError {
  constructor(readonly messages: ValidationMessage[], readonly byField?: Map<string, ValidationMessage[]>) {
    super('ValidationError', byField ? pyDictRepr(byField) : pyListRepr(messages));
  }

  static single(code: string, message: string, params: Record<string, unknown> = {}): ValidationError {
    return new ValidationError([{ code, message: interpolate(message, params), params }]);
  }
}

function pyListRepr(messages: ValidationMessage[]): string {
  return `[${messages.map((m) => pyRepr(m.message)).join(', ')}]`;
}

function pyDictRepr(byField: Map<string, ValidationMessage[]>): string {
  return `{${[...byField].map(([k, v]) => `${pyRepr(k)}: ${pyListRepr(v)}`).join(', ')}}`;
}

/** Django's `%(name)s` / `%(name)d` interpolation: `%d` of a JS number is a Python int (no ".0"). */
export function interpolate(template: string, params: Record<string, unknown>): string {
  return template.replace(/%\((\w+)\)([sdr])/g, (_, key: string, conversion: string) => {
    const value = params[key];
    // Stryker disable next-line ConditionalExpression,LogicalOperator: no %s parameter of the messages raised here is a JS number, and every %d one is
    if (conversion === 'd' && typeof value === 'number') return String(Math.trunc(value));
    return pyStr(value);
  });
}

export type Validator = (value: unknown) => void;

/** Python's `len()` of a str: code points, not UTF-16 units. */
export function pyLen(text: string): number {
  return Array.from(text).length;
}

/** MaxLengthValidator; the fields that use it have made their value a str already. */
export function maxLengthValidator(limit: number): Validator {
  return (value) => {
    const length = pyLen(value as string);
    if (length > limit) {
      const unit = limit === 1 ? 'character' : 'characters';
      throw ValidationError.single('max_length', `Ensure this value has at most %(limit_value)d ${unit} (it has %(show_value)d).`, {
        limit_value: limit,
        show_value: length,
        value,
      });
    }
  };
}

/** MinValueValidator for the integer fields' ranges: the value is a Python int (a bigint) by now. */
export function minValueValidator(limit: bigint): Validator {
  return (value) => {
    if ((value as bigint) < limit) {
      throw ValidationError.single('min_value', 'Ensure this value is greater than or equal to %(limit_value)s.', { limit_value: limit, value });
    }
  };
}

/** MaxValueValidator, likewise. */
export function maxValueValidator(limit: bigint): Validator {
  return (value) => {
    if ((value as bigint) > limit) {
      throw ValidationError.single('max_value', 'Ensure this value is less than or equal to %(limit_value)s.', { limit_value: limit, value });
    }
  };
}
