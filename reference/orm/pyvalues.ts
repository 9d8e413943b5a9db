/**
 * Python values as the reference holds them, so that Django's type rules can be followed:
 * int is `bigint` (exact, any size), float is `number`, Decimal is decimal.js `Decimal`
 * (keeps its scale: '1.50' stays 1.50), str is `string`, bool is `boolean`, None is `null`.
 * Dates, datetimes, times and UUIDs have small classes that print as Python does.
 */
import { Decimal } from 'decimal.js';

export { Decimal };

// Python's Decimal context: 28 significant digits, ROUND_HALF_EVEN.
Decimal.set({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -7, toExpPos: 28 });

export class PyDate {
  constructor(readonly year: number, readonly month: number, readonly day: number) {}
  static today(): PyDate {
    const d = new Date();
    return new PyDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
  }
  iso(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
  toString(): string {
    return this.iso();
  }
}

/** The wall clock at start-up minus the monotonic clock, both in microseconds. */
const CLOCK_ORIGIN_MICROS = BigInt(Date.now()) * 1000n - process.hrtime.bigint() / 1000n;

/** A datetime with microseconds; `offsetMinutes` null means naive. */
export class PyDateTime {
  constructor(
    readonly date: PyDate,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly microsecond: number,
    readonly offsetMinutes: number | null,
  ) {}

  /** `timezone.now()`: aware UTC with microseconds, never going backwards between two calls. */
  static now(): PyDateTime {
    return PyDateTime.fromEpochMicros(CLOCK_ORIGIN_MICROS + process.hrtime.bigint() / 1000n, 0);
  }

  static fromEpochMicros(micros: bigint, offsetMinutes: number | null): PyDateTime {
    const shifted = micros + BigInt(offsetMinutes ?? 0) * 60_000_000n;
    const ms = Number(shifted / 1000n) - (shifted % 1000n < 0n ? 1 : 0);
    const d = new Date(ms);
    const micro = Number(((shifted % 1_000_000n) + 1_000_000n) % 1_000_000n);
    return new PyDateTime(new PyDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), micro, offsetMinutes);
  }

  epochMicros(): bigint {
    const ms = Date.UTC(this.date.year, this.date.month - 1, this.date.day, this.hour, this.minute, this.second);
    return BigInt(ms) * 1000n + BigInt(this.microsecond) - BigInt(this.offsetMinutes ?? 0) * 60_000_000n;
  }

  iso(): string {
    const frac = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    let tz = '';
    if (this.offsetMinutes !== null) {
      const sign = this.offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(this.offsetMinutes);
      tz = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    }
    return `${this.date.iso()}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${frac}${tz}`;
  }

  toString(): string {
    return this.iso().replace('T', ' ');
  }
}

export class PyTime {
  constructor(readonly hour: number, readonly minute: number, readonly second: number, readonly microsecond: number) {}
  iso(): string {
    const frac = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    return `${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${frac}`;
  }
  toString(): string {
    return this.iso();
  }
}

export class PyUUID {
  readonly hex: string;
  constructor(text: string) {
    this.hex = text.toLowerCase();
  }
  toString(): string {
    return this.hex;
  }
}

/** A Python exception raised by the reference (Django's exception classes by name). */
export class PyError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly isa: string[] = [],
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }

  is(type: string): boolean {
    return this.type === type || this.isa.includes(type);
  }
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Python's `repr()` of a plain value, for messages such as "'abc' value must be an integer.". */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return pyStrRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return pyFloatStr(v);
  return String(v);
}

/** `repr(str)`: single quotes unless the text has a single quote and no double quote. */
export function pyStrRepr(s: string): string {
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

/** Python's `str()` of a plain value. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyFloatStr(v);
  if (v instanceof Decimal) return pyDecimalStr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return String(v);
}

export function pyFloatStr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n);
}

/** `str(Decimal)`: keeps the exponent the value was written with ('1.50', '1E+2'). */
export function pyDecimalStr(d: Decimal): string {
  return (d as Decimal & { pyText?: string }).pyText ?? d.toString();
}

/**
 * Decimal('text') as Python parses it, remembering the digits and exponent it was written
 * with (decimal.js normalizes '1.50' to 1.5, but Django counts trailing zeros).
 */
export function parseDecimal(text: string): Decimal | undefined {
  const t = text.trim().replace(/_/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const d = new Decimal(t) as Decimal & { pyText?: string };
  d.pyText = canonicalDecimalText(t);
  return d;
}

/** Python's Decimal repr rules applied to the written form (sign, digits, exponent). */
export function decimalParts(d: Decimal): { sign: 0 | 1; digits: string; exponent: number } {
  const text = pyDecimalStr(d);
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return { sign: 0, digits: '0', exponent: 0 };
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  let digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  if (digits === '') digits = '0';
  const exponent = Number(m[4] ?? 0) - fracPart.length;
  return { sign: m[1] === '-' ? 1 : 0, digits, exponent };
}

function canonicalDecimalText(t: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t)!;
  const sign = m[1] === '-' ? '-' : '';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  let digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  if (digits === '') digits = '0';
  const exponent = Number(m[4] ?? 0) - fracPart.length;
  return sign + pythonDecimalToString(digits, exponent);
}

/** Python's `Decimal.__str__` (scientific notation when the exponent is large or very small). */
export function pythonDecimalToString(digits: string, exponent: number): string {
  const leftdigits = exponent + digits.length;
  let dotplace: number;
  if (exponent <= 0 && leftdigits > -6) dotplace = leftdigits;
  else dotplace = 1;
  let intpart: string;
  let fracpart: string;
  if (dotplace <= 0) {
    intpart = '0';
    fracpart = `.${'0'.repeat(-dotplace)}${digits}`;
  } else if (dotplace >= digits.length) {
    intpart = digits + '0'.repeat(dotplace - digits.length);
    fracpart = '';
  } else {
    intpart = digits.slice(0, dotplace);
    fracpart = `.${digits.slice(dotplace)}`;
  }
  const exp = leftdigits === dotplace ? '' : `E${leftdigits - dotplace >= 0 ? '+' : ''}${leftdigits - dotplace}`;
  return intpart + fracpart + exp;
}

/** Quantize to `places` decimal places (ROUND_HALF_EVEN), as Django does when reading a DecimalField. */
export function quantize(d: Decimal, places: number): Decimal {
  const q = new Decimal(d.toFixed(places, Decimal.ROUND_HALF_EVEN)) as Decimal & { pyText?: string };
  q.pyText = d.toFixed(places, Decimal.ROUND_HALF_EVEN);
  return q;
}
