/**
 * FloatField and DecimalField, after Django's. A DecimalField keeps the digits and exponent a
 * value was written with (trailing zeros count), converts a float with `max_digits` significant
 * digits (`Context(prec=max_digits).create_decimal_from_float`) and reads back quantized to
 * `decimal_places`.
 */
import { Field, registerFieldType } from './fields.js';
import { Decimal, PyError, decimalParts, parseDecimal, pyDecimalStr, pyRepr, pythonDecimalToString, quantize } from './pyvalues.js';
import { ValidationError, type Validator } from './validators.js';
import { fieldChecks, type CheckMessage } from './checks.js';

/** Python's `float(value)`, or undefined where Python raises. */
export function pyFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Decimal) return Number(pyDecimalStr(value));
  if (typeof value === 'string') {
    const t = value.trim();
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/i.test(t)) return NaN;
    const digits = '\\d(?:_?\\d)*';
    if (!new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`).test(t)) return undefined;
    return Number(t.replace(/_/g, ''));
  }
  return undefined;
}

export class FloatField extends Field {
  override readonly emptyStringsAllowed = false;
  protected override errorMessages() {
    return { invalid: '“%(value)s” value must be a float.' };
  }
  override toPython(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const f = pyFloat(value);
    if (f === undefined) throw this.invalid({ value });
    return f;
  }
  override getPrepValue(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const f = pyFloat(value);
    if (f === undefined) {
      const cls = typeof value === 'string' ? 'ValueError' : 'TypeError';
      throw new PyError(cls, `Field '${this.name}' expected a number but got ${pyRepr(value)}.`);
    }
    return f;
  }
  override fromDb(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return Number(value);
  }
  dbType(): string {
    return 'double precision';
  }
}

/** The exact decimal expansion of a double, rounded to `precision` significant digits (half even). */
export function decimalFromFloat(x: number, precision: number): Decimal {
  const exact = exactDecimalText(x);
  const parts = decimalParts(Object.assign(new Decimal(exact), { pyText: exact }));
  let { digits, exponent } = parts;
  if (digits.length > precision) {
    // toExponential keeps exactly `precision` digits, trailing zeros included.
    const [mantissa, exp] = new Decimal(exact).abs().toExponential(precision - 1, Decimal.ROUND_HALF_EVEN).split('e');
    digits = mantissa!.replace('.', '');
    exponent = Number(exp) - (precision - 1);
  }
  const text = (parts.sign ? '-' : '') + pythonDecimalToString(digits, exponent);
  return Object.assign(new Decimal(text), { pyText: text });
}

/** Every digit of a finite double (doubles are dyadic, so the expansion terminates). */
function exactDecimalText(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, x);
  const bits = buffer.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (exp2 >= 0) return sign + (mantissa << BigInt(exp2)).toString();
  // m / 2^k = m * 5^k / 10^k
  const k = -exp2;
  const scaled = (mantissa * 5n ** BigInt(k)).toString().padStart(k + 1, '0');
  const text = `${scaled.slice(0, -k)}.${scaled.slice(-k)}`.replace(/0+$/, '').replace(/\.$/, '');
  return sign + text;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** Django's `DecimalValidator`: total digits, then decimal places, then whole digits. */
export function decimalValidator(maxDigits: number, decimalPlaces: number): Validator {
  return (value) => {
    const { digits: digitText, exponent } = decimalParts(value as Decimal);
    let digits: number;
    let decimals: number;
    if (exponent >= 0) {
      digits = digitText.length + (digitText === '0' ? 0 : exponent);
      decimals = 0;
    } else if (-exponent > digitText.length) {
      digits = decimals = -exponent;
    } else {
      digits = digitText.length;
      decimals = -exponent;
    }
    const whole = digits - decimals;
    const fail = (code: string, max: number, message: string) => {
      throw ValidationError.single(code, message, { max: BigInt(max), value });
    };
    if (digits > maxDigits) fail('max_digits', maxDigits, `Ensure that there are no more than %(max)s ${plural(maxDigits, 'digit', 'digits')} in total.`);
    if (decimals > decimalPlaces) fail('max_decimal_places', decimalPlaces, `Ensure that there are no more than %(max)s ${plural(decimalPlaces, 'decimal place', 'decimal places')}.`);
    const maxWhole = maxDigits - decimalPlaces;
    if (whole > maxWhole) fail('max_whole_digits', maxWhole, `Ensure that there are no more than %(max)s ${plural(maxWhole, 'digit', 'digits')} before the decimal point.`);
  };
}

export class DecimalField extends Field {
  override readonly emptyStringsAllowed = false;
  readonly maxDigits: number | undefined;
  readonly decimalPlaces: number | undefined;

  constructor(spec: ConstructorParameters<typeof Field>[0]) {
    super(spec);
    this.maxDigits = spec.max_digits;
    this.decimalPlaces = spec.decimal_places;
  }

  protected override errorMessages() {
    return { invalid: '“%(value)s” value must be a decimal number.' };
  }

  override toPython(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    let d: Decimal | undefined;
    if (value instanceof Decimal) d = value;
    else if (typeof value === 'number') d = Number.isFinite(value) ? decimalFromFloat(value, this.maxDigits ?? 28) : undefined;
    else if (typeof value === 'bigint') d = parseDecimal(value.toString());
    else if (typeof value === 'string') d = parseDecimal(value);
    if (!d || !d.isFinite()) throw this.invalid({ value });
    return d;
  }

  override getPrepValue(value: unknown): unknown {
    return this.toPython(value);
  }

  override toDb(value: unknown): unknown {
    return value instanceof Decimal ? pyDecimalStr(value) : value;
  }

  override fromDb(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const d = new Decimal(String(value));
    return this.decimalPlaces === undefined ? d : quantize(d, this.decimalPlaces);
  }

  override validators(): Validator[] {
    if (this.maxDigits === undefined || this.decimalPlaces === undefined) return [];
    return [decimalValidator(this.maxDigits, this.decimalPlaces)];
  }

  dbType(): string {
    return this.maxDigits !== undefined && this.decimalPlaces !== undefined ? `numeric(${this.maxDigits}, ${this.decimalPlaces})` : 'numeric';
  }
}

// fields.E130-E134: DecimalField definitions.
fieldChecks.push((field, meta) => {
  if (!(field instanceof DecimalField)) return [];
  const obj = `${meta.label}.${field.name}`;
  const out: CheckMessage[] = [];
  const error = (id: string, msg: string) => out.push({ id, level: 'ERROR', msg, obj });
  const places = field.decimalPlaces;
  const digits = field.maxDigits;
  if (places === undefined) error('fields.E130', "DecimalFields must define a 'decimal_places' attribute.");
  else if (places < 0) error('fields.E131', "'decimal_places' must be a non-negative integer.");
  if (digits === undefined) error('fields.E132', "DecimalFields must define a 'max_digits' attribute.");
  else if (digits <= 0) error('fields.E133', "'max_digits' must be a positive integer.");
  if (out.length === 0 && places! > digits!) error('fields.E134', "'max_digits' must be greater or equal to 'decimal_places'.");
  return out;
});

registerFieldType('FloatField', FloatField);
registerFieldType('DecimalField', DecimalField);
