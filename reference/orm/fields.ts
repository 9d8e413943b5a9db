/**
 * Model fields, after `django/db/models/fields/__init__.py`. A field knows how to convert a
 * value for validation (`toPython`), for saving (`getPrepValue`), to and from its column, how to
 * validate it (`clean` = toPython, validate, validators) and what column it needs.
 */
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { PyError, pyRepr } from './pyvalues.js';
import { ValidationError, maxLengthValidator, minValueValidator, maxValueValidator, interpolate, type Validator } from './validators.js';
import type { ModelMeta } from './options.js';
import { evaluateCallableDefault } from './defaults.js';

export const EMPTY_VALUES: readonly unknown[] = [null, undefined, ''];

export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && v.constructor === Object) return Object.keys(v).length === 0;
  return false;
}

const BASE_MESSAGES: Record<string, string> = {
  invalid_choice: 'Value %(value)r is not a valid choice.',
  null: 'This field cannot be null.',
  blank: 'This field cannot be blank.',
  unique: '%(model_name)s with this %(field_label)s already exists.',
};

export abstract class Field {
  readonly name: string;
  attname: string;
  column: string;
  model!: ModelMeta;
  readonly verboseName: string;
  readonly helpText: string;
  readonly null: boolean;
  blank: boolean;
  readonly unique: boolean;
  primaryKey: boolean;
  editable: boolean;
  autoCreated = false;
  readonly choices: FieldSpec['choices'];
  readonly maxLength: number | undefined;
  protected readonly defaultSpec: FieldSpec['default'];
  /** Django's `empty_strings_allowed`: '' is this field's "no value" when it is not nullable. */
  readonly emptyStringsAllowed: boolean = true;
  readonly messages: Record<string, string>;

  constructor(readonly spec: FieldSpec) {
    this.name = spec.name;
    this.attname = spec.name;
    this.column = spec.db_column ?? spec.name;
    this.verboseName = spec.verbose_name ?? spec.name.replace(/_/g, ' ');
    this.helpText = spec.help_text ?? '';
    this.null = spec.null ?? false;
    this.blank = spec.blank ?? false;
    this.primaryKey = spec.primary_key ?? false;
    this.unique = (spec.unique ?? false) || this.primaryKey;
    this.editable = spec.editable ?? true;
    this.choices = spec.choices;
    this.maxLength = spec.max_length;
    this.defaultSpec = spec.default;
    this.messages = { ...BASE_MESSAGES, ...this.errorMessages() };
  }

  /** The Django class name (`CharField`). */
  get type(): string {
    return this.spec.type;
  }

  protected errorMessages(): Record<string, string> {
    return {};
  }

  get isRelation(): boolean {
    return false;
  }

  /** True for fields with a column (not ManyToManyField). */
  get concrete(): boolean {
    return true;
  }

  hasDefault(): boolean {
    return this.defaultSpec !== undefined;
  }

  /** `Field.get_default()`: the default, a callable's fresh result, '' for string fields, else None. */
  getDefault(): unknown {
    if (this.defaultSpec !== undefined) {
      const d = this.defaultSpec;
      if (typeof d === 'object' && d !== null && !Array.isArray(d) && '$callable' in d) {
        return evaluateCallableDefault(this, (d as { $callable: string }).$callable);
      }
      return this.model.decodeLiteral(d, this);
    }
    if (!this.emptyStringsAllowed || this.null) return null;
    return '';
  }

  /** Conversion used by validation; raises ValidationError(code='invalid'). */
  toPython(value: unknown): unknown {
    return value;
  }

  /** Conversion used by save and lookups; raises TypeError/ValueError as Django does. */
  getPrepValue(value: unknown): unknown {
    return value;
  }

  /** The prepared Python value as a database parameter. */
  toDb(value: unknown): unknown {
    return value;
  }

  /** A database value as the Python value Django would read back. */
  fromDb(value: unknown): unknown {
    return value;
  }

  /** Run before the row is written (`auto_now`). Returns the value to write. */
  preSave(instance: { get(attname: string): unknown; set(attname: string, v: unknown): void }, _add: boolean): unknown {
    return instance.get(this.attname);
  }

  validators(): Validator[] {
    return this.maxLength !== undefined && this.hasMaxLengthValidator() ? [maxLengthValidator(this.maxLength)] : [];
  }

  protected hasMaxLengthValidator(): boolean {
    return false;
  }

  /** `Field.validate`: choices, null and blank. */
  validate(value: unknown): void {
    if (!this.editable) return;
    if (this.choices && !isEmptyValue(value)) {
      if (!this.choices.some(([key]) => looseEquals(key, value))) {
        throw ValidationError.single('invalid_choice', this.messages.invalid_choice!.replace('%(value)r', pyRepr(value)), { value });
      }
    }
    if ((value === null || value === undefined) && !this.null) throw ValidationError.single('null', this.messages.null!);
    if (!this.blank && isEmptyValue(value)) throw ValidationError.single('blank', this.messages.blank!);
  }

  runValidators(value: unknown): void {
    if (isEmptyValue(value)) return;
    const errors: ValidationError['messages'] = [];
    for (const validator of this.validators()) {
      try {
        validator(value);
      } catch (e) {
        if (e instanceof ValidationError) errors.push(...e.messages);
        else throw e;
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }

  /** `Field.clean`: convert, validate, run validators; returns the cleaned value. */
  clean(value: unknown): unknown {
    const v = this.toPython(value);
    this.validate(v);
    this.runValidators(v);
    return v;
  }

  /** The column's SQL type on PostgreSQL. */
  abstract dbType(): string;

  /** A CHECK expression for the column, if Django adds one. */
  checkConstraint(): string | undefined {
    return undefined;
  }

  invalid(params: Record<string, unknown>, code = 'invalid'): ValidationError {
    return ValidationError.single(code, interpolate(this.messages[code]!, params), params);
  }
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'bigint') return BigInt(a) === b;
  if (typeof a === 'bigint' && typeof b === 'number') return a === BigInt(b);
  return a === b || String(a) === String(b) && typeof a === typeof b;
}

// Strings -------------------------------------------------------------------------------------

export class CharField extends Field {
  protected override hasMaxLengthValidator(): boolean {
    return true;
  }
  override toPython(value: unknown): unknown {
    if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
    return pyStrOf(value);
  }
  override getPrepValue(value: unknown): unknown {
    return this.toPython(value);
  }
  dbType(): string {
    return this.maxLength === undefined ? 'varchar' : `varchar(${this.maxLength})`;
  }
}

export class TextField extends Field {
  override toPython(value: unknown): unknown {
    if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
    return pyStrOf(value);
  }
  override getPrepValue(value: unknown): unknown {
    return this.toPython(value);
  }
  dbType(): string {
    return 'text';
  }
}

function pyStrOf(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

// Integers ------------------------------------------------------------------------------------

/** PostgreSQL's ranges (Django's `integer_field_range` for the postgresql backend). */
export const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  SmallIntegerField: [-32768n, 32767n],
  IntegerField: [-2147483648n, 2147483647n],
  BigIntegerField: [-9223372036854775808n, 9223372036854775807n],
  PositiveSmallIntegerField: [0n, 32767n],
  PositiveIntegerField: [0n, 2147483647n],
  PositiveBigIntegerField: [0n, 9223372036854775807n],
  SmallAutoField: [-32768n, 32767n],
  AutoField: [-2147483648n, 2147483647n],
  BigAutoField: [-9223372036854775808n, 9223372036854775807n],
};

/** Python's `int(value)`, or undefined where Python raises. */
export function pyInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) : undefined;
  if (typeof value === 'string') {
    const t = value.normalize('NFKC').trim();
    if (!/^[+-]?\d+(_\d+)*$/.test(t)) return undefined;
    return BigInt(t.replace(/_/g, ''));
  }
  if (value && typeof value === 'object' && 'toFixed' in value) {
    const text = (value as { toFixed(n: number): string }).toFixed(0);
    return BigInt(text);
  }
  return undefined;
}

export class IntegerField extends Field {
  override readonly emptyStringsAllowed = false;
  protected override errorMessages() {
    return { invalid: '“%(value)s” value must be an integer.' };
  }
  override toPython(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const n = pyInt(value);
    if (n === undefined) throw this.invalid({ value });
    return n;
  }
  override getPrepValue(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const n = pyInt(value);
    if (n === undefined) {
      const cls = typeof value === 'string' || typeof value === 'number' ? 'ValueError' : 'TypeError';
      throw new PyError(cls, `Field '${this.name}' expected a number but got ${pyRepr(value)}.`);
    }
    return n;
  }
  override toDb(value: unknown): unknown {
    if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    return value;
  }
  override fromDb(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return BigInt(Math.trunc(value));
    return BigInt(String(value));
  }
  range(): [bigint, bigint] {
    return INTEGER_RANGES[this.type] ?? INTEGER_RANGES.IntegerField!;
  }
  override validators(): Validator[] {
    const [lo, hi] = this.range();
    return [minValueValidator(lo), maxValueValidator(hi)];
  }
  dbType(): string {
    return { SmallIntegerField: 'smallint', PositiveSmallIntegerField: 'smallint', BigIntegerField: 'bigint', PositiveBigIntegerField: 'bigint' }[this.type] ?? 'integer';
  }
  override checkConstraint(): string | undefined {
    return this.type.startsWith('Positive') ? `"${this.column}" >= 0` : undefined;
  }
}

export class AutoField extends IntegerField {
  constructor(spec: FieldSpec) {
    super(spec);
    this.primaryKey = true;
    this.blank = true;
  }
  override validators(): Validator[] {
    return [];
  }
  override validate(): void {}
  override dbType(): string {
    return { BigAutoField: 'bigserial', SmallAutoField: 'smallserial' }[this.type] ?? 'serial';
  }
  /** The type a foreign key to this field uses. */
  relDbType(): string {
    return { BigAutoField: 'bigint', SmallAutoField: 'smallint' }[this.type] ?? 'integer';
  }
}

// Booleans ------------------------------------------------------------------------------------

export class BooleanField extends Field {
  override readonly emptyStringsAllowed = false;
  constructor(spec: FieldSpec) {
    super(spec);
    // Django: a BooleanField with choices or a default is blank=True only when declared so.
  }
  protected override errorMessages() {
    return { invalid: '“%(value)s” value must be either True or False.', invalid_nullable: '“%(value)s” value must be either True, False, or None.' };
  }
  override toPython(value: unknown): unknown {
    if (this.null && (value === null || value === undefined)) return null;
    if (value === true || value === false) return value;
    if (value === 1n || value === 1) return true;
    if (value === 0n || value === 0) return false;
    if (value === 't' || value === 'True' || value === '1') return true;
    if (value === 'f' || value === 'False' || value === '0') return false;
    // Django words the message for nullable fields differently but keeps the code 'invalid'.
    const message = this.messages[this.null ? 'invalid_nullable' : 'invalid']!;
    throw ValidationError.single('invalid', interpolate(message, { value: value ?? 'None' }), { value });
  }
  override getPrepValue(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return this.toPython(value);
  }
  dbType(): string {
    return 'boolean';
  }
}

// Registry of field classes by Django type name. Area modules add theirs with `registerFieldType`.
type FieldClass = new (spec: FieldSpec) => Field;
const FIELD_CLASSES = new Map<string, FieldClass>([
  ['CharField', CharField],
  ['TextField', TextField],
  ['IntegerField', IntegerField],
  ['SmallIntegerField', IntegerField],
  ['BigIntegerField', IntegerField],
  ['PositiveIntegerField', IntegerField],
  ['PositiveSmallIntegerField', IntegerField],
  ['PositiveBigIntegerField', IntegerField],
  ['AutoField', AutoField],
  ['BigAutoField', AutoField],
  ['SmallAutoField', AutoField],
  ['BooleanField', BooleanField],
]);

export function registerFieldType(type: string, cls: FieldClass): void {
  FIELD_CLASSES.set(type, cls);
}

export function makeField(spec: FieldSpec): Field {
  const cls = FIELD_CLASSES.get(spec.type);
  if (!cls) throw new PyError('NotImplementedError', `the reference does not implement ${spec.type}`);
  return new cls(spec);
}
