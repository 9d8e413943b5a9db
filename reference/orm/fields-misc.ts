/**
 * UUIDField, FileField and ImageField, after Django's. A UUID travels as a `PyUUID`; a file
 * field stores the file's name (a path relative to the storage), never the file.
 */
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { Field, registerFieldType } from './fields.js';
import { PyUUID } from './pyvalues.js';

/** Python's `uuid.UUID(hex=...)`: braces, "urn:uuid:" and dashes are ignored; 32 hex digits. */
export function parseUuid(text: string): PyUUID | undefined {
  const hex = text.replace(/^urn:/, '').replace(/^uuid:/, '').replace(/^\{|\}$/g, '').replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return undefined;
  const h = hex.toLowerCase();
  return new PyUUID(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
}

export class UUIDField extends Field {
  override readonly emptyStringsAllowed = false;
  protected override errorMessages() {
    return { invalid: '“%(value)s” is not a valid UUID.' };
  }
  override toPython(value: unknown): unknown {
    if (value === null || value === undefined || value instanceof PyUUID) return value ?? null;
    let parsed: PyUUID | undefined;
    if (typeof value === 'bigint') {
      if (value >= 0n && value < 1n << 128n) parsed = parseUuid(value.toString(16).padStart(32, '0'));
    } else if (typeof value === 'string') parsed = parseUuid(value);
    if (!parsed) throw this.invalid({ value });
    return parsed;
  }
  override getPrepValue(value: unknown): unknown {
    return this.toPython(value);
  }
  override toDb(value: unknown): unknown {
    return value instanceof PyUUID ? value.hex : value;
  }
  override fromDb(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return parseUuid(String(value)) ?? new PyUUID(String(value));
  }
  dbType(): string {
    return 'uuid';
  }
}

/**
 * FileField: the column holds the stored name (varchar(100) by default); empty is ''. Unlike
 * CharField it attaches no MaxLengthValidator: only the column limits the name's length.
 */
export class FileField extends Field {
  constructor(spec: FieldSpec) {
    super({ max_length: 100, ...spec });
  }
  override toPython(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : String(value);
  }
  override getPrepValue(value: unknown): unknown {
    return this.toPython(value);
  }
  dbType(): string {
    return `varchar(${this.maxLength})`;
  }
}

/** ImageField: a FileField whose files are images (image checks are not part of the reference). */
export class ImageField extends FileField {}

registerFieldType('UUIDField', UUIDField);
registerFieldType('FileField', FileField);
registerFieldType('ImageField', ImageField);
