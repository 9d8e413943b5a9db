/**
 * Python's arithmetic and comparison rules for the values the reference holds: int (bigint),
 * float (number), Decimal, str, bool. Mixing Decimal and float raises TypeError, exactly as the
 * seed's `get_discounted_price` does in Django.
 */
import { Decimal, PyError } from '../orm/pyvalues.js';
import { typeName } from './interpreter.js';

type Num = bigint | number | Decimal;

function isNum(v: unknown): v is Num | boolean {
  return typeof v === 'bigint' || typeof v === 'number' || v instanceof Decimal || typeof v === 'boolean';
}

function unsupported(op: string, a: unknown, b: unknown): PyError {
  return new PyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function asInt(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

function arithmetic(op: string, a: unknown, b: unknown): unknown {
  if (!isNum(a) || !isNum(b)) throw unsupported(op, a, b);
  const x = typeof a === 'boolean' ? asInt(a) : a;
  const y = typeof b === 'boolean' ? asInt(b) : b;
  if (x instanceof Decimal || y instanceof Decimal) {
    if (typeof x === 'number' || typeof y === 'number') throw unsupported(op, a, b);
    const dx = x instanceof Decimal ? x : new Decimal(x.toString());
    const dy = y instanceof Decimal ? y : new Decimal(y.toString());
    if ((op === '/' || op === '//' || op === '%') && dy.isZero()) throw new PyError('decimal.DivisionByZero', '[<class \'decimal.DivisionByZero\'>]', ['ZeroDivisionError', 'ArithmeticError']);
    switch (op) {
      case '+': return dx.plus(dy);
      case '-': return dx.minus(dy);
      case '*': return dx.times(dy);
      case '/': return dx.div(dy);
      case '//': return dx.div(dy).trunc();
      case '%': return dx.mod(dy);
    }
  }
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/':
        if (y === 0n) throw new PyError('ZeroDivisionError', 'division by zero', ['ArithmeticError']);
        return Number(x) / Number(y);
      case '//':
      case '%': {
        if (y === 0n) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero', ['ArithmeticError']);
        const q = x / y - ((x % y !== 0n) && ((x < 0n) !== (y < 0n)) ? 1n : 0n);
        return op === '//' ? q : x - q * y;
      }
    }
  }
  const fx = Number(x);
  const fy = Number(y);
  if ((op === '/' || op === '//' || op === '%') && fy === 0) throw new PyError('ZeroDivisionError', 'float division by zero', ['ArithmeticError']);
  switch (op) {
    case '+': return fx + fy;
    case '-': return fx - fy;
    case '*': return fx * fy;
    case '/': return fx / fy;
    case '//': return Math.floor(fx / fy);
    case '%': return fx - Math.floor(fx / fy) * fy;
  }
  throw new Error(`unknown operator ${op}`);
}

function compare(a: unknown, b: unknown): number {
  if (isNum(a) && isNum(b)) {
    const x = a instanceof Decimal ? a : new Decimal(typeof a === 'boolean' ? (a ? 1 : 0) : a.toString());
    const y = b instanceof Decimal ? b : new Decimal(typeof b === 'boolean' ? (b ? 1 : 0) : b.toString());
    return x.comparedTo(y);
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new PyError('TypeError', `'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function equals(a: unknown, b: unknown): boolean {
  if (isNum(a) && isNum(b)) return compare(a, b) === 0;
  return a === b || (a !== null && b !== null && typeof a === 'object' && String(a) === String(b) && a.constructor === (b as object).constructor);
}

export function pythonBinary(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      return arithmetic(op, a, b);
    case '-': case '*': case '/': case '//': case '%':
      return arithmetic(op, a, b);
    case '==': return equals(a, b);
    case '!=': return !equals(a, b);
    case '<': return compare(a, b) < 0;
    case '<=': return compare(a, b) <= 0;
    case '>': return compare(a, b) > 0;
    case '>=': return compare(a, b) >= 0;
    case 'and': return a && b;
    case 'or': return a || b;
    case 'in':
      if (Array.isArray(b)) return b.some((x) => equals(x, a));
      if (b instanceof Set) return [...b].some((x) => equals(x, a));
      if (typeof b === 'string' && typeof a === 'string') return b.includes(a);
      throw new PyError('TypeError', `argument of type '${typeName(b)}' is not iterable`);
  }
  throw new Error(`unknown operator ${op}`);
}

export function pythonUnary(op: string, a: unknown): unknown {
  if (op === 'not') return !a || a === 0n;
  if (op === 'neg') return arithmetic('-', 0n, a);
  throw new Error(`unknown operator ${op}`);
}
