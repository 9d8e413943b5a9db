/**
 * DateField and DateTimeField (auto_now, auto_now_add), after Django's. Datetimes are aware
 * (USE_TZ=True) and keep microseconds.
 */
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { Field, registerFieldType } from './fields.js';
import { PyDate, PyDateTime } from './pyvalues.js';
import { parseIsoDate, parseIsoDateTime } from './literals.js';
import { ValidationError, interpolate } from './validators.js';
import { fieldChecks } from './checks.js';

export class DateTimeField extends Field {
  override readonly emptyStringsAllowed = false;
  readonly autoNow: boolean;
  readonly autoNowAdd: boolean;

  constructor(spec: FieldSpec) {
    super(spec);
    this.autoNow = spec.auto_now ?? false;
    this.autoNowAdd = spec.auto_now_add ?? false;
    // Django: auto_now and auto_now_add imply editable=False and blank=True.
    if (this.autoNow || this.autoNowAdd) {
      this.editable = false;
      this.blank = true;
    }
  }

  protected now(): PyDate | PyDateTime {
    return PyDateTime.now();
  }

  override preSave(instance: { get(attname: string): unknown; set(attname: string, v: unknown): void }, add: boolean): unknown {
    if (this.autoNow || (this.autoNowAdd && add)) {
      const value = this.now();
      instance.set(this.attname, value);
      return value;
    }
    return instance.get(this.attname);
  }

  override toPython(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof PyDateTime) return value;
    if (value instanceof PyDate) return new PyDateTime(value, 0, 0, 0, 0, 0);
    if (typeof value !== 'string') throw this.invalid({ value });
    // Django: parse_datetime, then parse_date (midnight), each telling a bad format from a bad value.
    const dt = parseDateTimeText(value);
    if (dt === 'bad-value') throw this.coded('invalid_datetime', value);
    if (dt) return dt.offsetMinutes === null ? new PyDateTime(dt.date, dt.hour, dt.minute, dt.second, dt.microsecond, 0) : dt;
    const d = parseDateText(value);
    if (d === 'bad-value') throw this.coded('invalid_date', value);
    if (d) return new PyDateTime(d, 0, 0, 0, 0, 0);
    throw this.invalid({ value });
  }

  protected coded(code: string, value: unknown): ValidationError {
    return ValidationError.single(code, interpolate(this.messages[code]!, { value }), { value });
  }

  override getPrepValue(value: unknown): unknown {
    return this.toPython(value);
  }

  protected override errorMessages(): Record<string, string> {
    return {
      invalid: '“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.',
      invalid_date: '“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.',
      invalid_datetime: '“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.',
    };
  }

  override toDb(value: unknown): unknown {
    return value instanceof PyDateTime ? value.iso() : value;
  }

  override fromDb(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return PyDateTime.fromEpochMicros(BigInt(value.getTime()) * 1000n, 0);
    const parsed = parseIsoDateTime(String(value).replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
    return PyDateTime.fromEpochMicros(parsed.epochMicros(), 0);
  }

  dbType(): string {
    return 'timestamp with time zone';
  }
}

export class DateField extends DateTimeField {
  protected override now(): PyDate {
    return PyDate.today();
  }

  protected override errorMessages(): Record<string, string> {
    return {
      invalid: '“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.',
      invalid_date: '“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.',
    };
  }

  override toPython(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof PyDateTime) return value.date;
    if (value instanceof PyDate) return value;
    if (typeof value !== 'string') throw this.invalid({ value });
    const d = parseDateText(value);
    if (d === 'bad-value') throw this.coded('invalid_date', value);
    if (d) return d;
    throw this.invalid({ value });
  }

  override toDb(value: unknown): unknown {
    return value instanceof PyDate ? value.iso() : value;
  }

  override fromDb(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return new PyDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return parseIsoDate(String(value).slice(0, 10));
  }

  override dbType(): string {
    return 'date';
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarDate(y: string, m: string, d: string): PyDate | 'bad-value' {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'bad-value';
  return new PyDate(year, month, day);
}

/**
 * Django's `parse_date`: `date.fromisoformat` (YYYY-MM-DD, YYYYMMDD), then `YYYY-M-D`. Returns
 * undefined when the text does not have a date's format, 'bad-value' for an impossible date.
 */
export function parseDateText(text: string): PyDate | 'bad-value' | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})\n?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? calendarDate(m[1]!, m[2]!, m[3]!) : undefined;
}

/** Django's `parse_datetime` (`datetime.fromisoformat`, then its own pattern); offsets as minutes. */
export function parseDateTimeText(text: string): PyDateTime | 'bad-value' | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\n?$/.exec(text);
  if (!m) return undefined;
  // Only fromisoformat accepts an hour without minutes, and only with two digits.
  if (m[5] === undefined && m[4]!.length !== 2) return undefined;
  const date = calendarDate(m[1]!, m[2]!, m[3]!);
  const [hour, minute, second] = [Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (date === 'bad-value' || hour > 23 || minute > 59 || second > 59) return 'bad-value';
  let offset: number | null = null;
  if (m[8]) {
    if (m[8] === 'Z') offset = 0;
    else {
      const digits = m[8].slice(1).replace(':', '');
      const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4) || 0)];
      if (oh > 23 || om > 59) return 'bad-value';
      offset = (m[8][0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  }
  return new PyDateTime(date, hour, minute, second, m[7] ? Number(m[7].padEnd(6, '0')) : 0, offset);
}

registerFieldType('DateTimeField', DateTimeField);
registerFieldType('DateField', DateField);

// fields.E160 (auto_now / auto_now_add / default together) and fields.W161 (a default that is
// a date or datetime close to now: most likely `timezone.now()` called at import time).
fieldChecks.push((field, meta) => {
  if (!(field instanceof DateTimeField)) return [];
  const obj = `${meta.label}.${field.name}`;
  const spec = field.spec;
  const options = [spec.auto_now, spec.auto_now_add, spec.default !== undefined].filter(Boolean).length;
  if (options > 1) {
    return [{ id: 'fields.E160', level: 'ERROR', msg: 'The options auto_now, auto_now_add, and default are mutually exclusive. Only one of these options may be present.', obj }];
  }
  const fixed = fixedDefault(spec.default);
  if (fixed !== undefined && Math.abs(fixed - Date.now()) <= (fixed % 86_400_000 === 0 ? 86_400_000 : 10_000)) {
    return [{
      id: 'fields.W161',
      level: 'WARNING',
      msg: 'Fixed default value provided.',
      hint: 'It seems you set a fixed date / time / datetime value as default for this field. This may not be what you want. If you want to have the current date as default, use `django.utils.timezone.now`',
      obj,
    }];
  }
  return [];
});

/** A literal date / datetime default as epoch milliseconds (dates at UTC midnight). */
function fixedDefault(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('$datetime' in value) return Number(parseIsoDateTime(String(value.$datetime)).epochMicros() / 1000n);
  if ('$date' in value) return Date.parse(`${String(value.$date)}T00:00:00Z`);
  return undefined;
}
