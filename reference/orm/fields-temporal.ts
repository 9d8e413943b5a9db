/**
 * DateField and DateTimeField (auto_now, auto_now_add), after Django's. Datetimes are aware
 * (USE_TZ=True) and keep microseconds.
 */
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { Field, registerFieldType } from './fields.js';
import { PyDate, PyDateTime } from './pyvalues.js';
import { parseIsoDate, parseIsoDateTime } from './literals.js';

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
    if (typeof value === 'string') {
      try {
        const parsed = parseIsoDateTime(value.trim());
        return parsed.offsetMinutes === null ? new PyDateTime(parsed.date, parsed.hour, parsed.minute, parsed.second, parsed.microsecond, 0) : parsed;
      } catch {
        throw this.invalid({ value });
      }
    }
    throw this.invalid({ value });
  }

  override getPrepValue(value: unknown): unknown {
    return this.toPython(value);
  }

  protected override errorMessages() {
    return {
      invalid: '“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.',
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

  protected override errorMessages() {
    return { invalid: '“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.' };
  }

  override toPython(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (value instanceof PyDateTime) return value.date;
    if (value instanceof PyDate) return value;
    if (typeof value === 'string') {
      try {
        return parseIsoDate(value.trim());
      } catch {
        throw this.invalid({ value });
      }
    }
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

registerFieldType('DateTimeField', DateTimeField);
registerFieldType('DateField', DateField);
