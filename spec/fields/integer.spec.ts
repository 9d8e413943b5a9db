import { specCase, fc, expect, int } from '../support/index.js';
import { oneModel, outcome, pyRepr, VALID } from '../support/models.js';
import { asBigInt, type Value } from '../../conformance/contract/values.js';

const TYPES = ['SmallIntegerField', 'IntegerField', 'BigIntegerField', 'PositiveSmallIntegerField', 'PositiveIntegerField', 'PositiveBigIntegerField'] as const;
type IntegerType = (typeof TYPES)[number];

const I64: [bigint, bigint] = [-(2n ** 63n), 2n ** 63n - 1n];

/** `connection.ops.integer_field_range()`: PostgreSQL's column ranges; SQLite validates everything as 64-bit. */
function range(type: IntegerType, vendor: string): [bigint, bigint] {
  const positive = type.startsWith('Positive');
  if (vendor === 'sqlite') return positive ? [0n, I64[1]] : I64;
  const bits = type.includes('Small') ? 16n : type.includes('Big') ? 64n : 32n;
  return [positive ? 0n : -(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
}

/** One nullable column of every integer type, so one value at a time can be validated. */
const numbers = oneModel([...TYPES.map((type) => ({ name: type.toLowerCase(), type, null: true, blank: true })), { name: 'i', type: 'IntegerField' as const, default: 0 }], {
  name: 'Nums',
});

/** Integers clustered around every range limit (where off-by-one bugs live), plus anything 64-bit. */
const nearLimits = fc.oneof(
  fc.constantFrom(-(2n ** 63n), -(2n ** 31n), -(2n ** 15n), 0n, 2n ** 15n - 1n, 2n ** 31n - 1n, 2n ** 63n - 1n).chain((limit) => fc.bigInt({ min: limit - 2n, max: limit + 2n })),
  fc.bigInt({ min: I64[0], max: I64[1] }),
);

specCase(
  {
    id: 'fields.integer.range-validators',
    rule: "full_clean() checks integer fields against the backend's column range: below it is 'min_value', above it 'max_value', with the limit in the message.",
    behaviors: ['FLD-INT-RANGES'],
    needs: ['fields.integer', 'validation.full_clean'],
    docs: 'ref/models/fields/#integerfield',
    setup: numbers,
  },
  async ({ session, property }) => {
    const check = async (type: IntegerType, n: bigint) => {
      const [lo, hi] = range(type, session.vendor);
      const name = type.toLowerCase();
      const item = await session.obj({ op: 'new', model: 'tapp.Nums', values: { [name]: int(n) } });
      const result = outcome(await session.run({ op: 'full_clean', obj: item.ref }));
      if (n < lo) expect(result).toEqual({ type: 'ValidationError', fields: { [name]: [{ code: 'min_value', message: `Ensure this value is greater than or equal to ${lo}.` }] } });
      else if (n > hi) expect(result).toEqual({ type: 'ValidationError', fields: { [name]: [{ code: 'max_value', message: `Ensure this value is less than or equal to ${hi}.` }] } });
      else expect(result).toEqual(VALID);
    };
    // Every limit itself and its two neighbours, for every type (64-bit limits are exact past 2^53).
    for (const type of TYPES) {
      const [lo, hi] = range(type, session.vendor);
      for (const n of [lo - 1n, lo, lo + 1n, hi - 1n, hi, hi + 1n]) await check(type, n);
    }
    await property(fc.tuple(fc.constantFrom(...TYPES), nearLimits), ([type, n]) => check(type, n));
  },
);

specCase(
  {
    id: 'fields.integer.positive-allows-zero-rejects-negatives',
    rule: "Positive* integer fields accept 0; a negative value is 'min_value' in full_clean() and an IntegrityError (column CHECK) on save().",
    behaviors: ['FLD-INT-POSITIVE'],
    needs: ['fields.integer', 'validation.full_clean'],
    docs: 'ref/models/fields/#positiveintegerfield',
    setup: numbers,
  },
  async ({ session, property }) => {
    const positive = TYPES.filter((t) => t.startsWith('Positive'));
    await property(fc.tuple(fc.constantFrom(...positive), fc.integer({ min: -32768, max: 32767 })), async ([type, n]) => {
      const name = type.toLowerCase();
      const item = await session.obj({ op: 'new', model: 'tapp.Nums', values: { [name]: n } });
      const cleaned = outcome(await session.run({ op: 'full_clean', obj: item.ref }));
      const saved = await session.run({ op: 'save', obj: item.ref });
      if (n < 0) {
        expect(cleaned).toEqual({ type: 'ValidationError', fields: { [name]: [{ code: 'min_value', message: 'Ensure this value is greater than or equal to 0.' }] } });
        expect(saved.ok ? 'saved' : saved.error.type).toBe('IntegrityError');
      } else {
        expect(cleaned).toEqual(VALID);
        expect(saved.ok).toBe(true);
        expect(await session.ok({ op: 'values', model: 'tapp.Nums', fields: [name] })).toEqual([{ [name]: n }]);
      }
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'fields.integer.input-conversion',
    rule: "Integer fields convert with Python's int(): integer strings (signs, surrounding whitespace) are parsed, floats are truncated toward zero, and other strings are 'invalid' in full_clean() and ValueError on save().",
    behaviors: ['FLD-INT-COERCION'],
    needs: ['fields.integer', 'validation.full_clean'],
    docs: 'ref/models/fields/#integerfield',
    setup: numbers,
  },
  async ({ session, property }) => {
    const integerText = fc.tuple(fc.constantFrom('', ' ', '\t', '\n '), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom('', ' ', '\n'))
      // int('-0') is 0: no negative zero in Python's integers (0 - n, unlike -n, is never -0).
      .map(([before, sign, n, after]) => ({ input: `${before}${sign}${n}` + after, value: sign === '-' ? 0 - n : n }));
    const float = fc.double({ min: -2e9, max: 2e9, noNaN: true }).filter((x) => !Number.isInteger(x)).map((x) => ({ input: x, value: Math.trunc(x) || 0 }));
    await property(fc.oneof(integerText, float), async ({ input, value }) => {
      const item = await session.obj({ op: 'new', model: 'tapp.Nums', values: { i: input } });
      await session.ok({ op: 'full_clean', obj: item.ref });
      expect(await session.ok({ op: 'read', obj: item.ref, attr: 'i' })).toBe(value);
      await session.create('tapp.Nums', { i: input });
      expect(await session.ok({ op: 'values', model: 'tapp.Nums', fields: ['i'] })).toEqual([{ i: value }]);
    }, { numRuns: 30 });

    const notInteger = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)).map(String),
      fc.stringMatching(/^[a-z]{1,6}$/),
      fc.constantFrom('', '0x10', '1e3', '1,000', '- 1'),
    );
    await property(notInteger, async (text) => {
      const item = await session.obj({ op: 'new', model: 'tapp.Nums', values: { i: text } });
      expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual({
        type: 'ValidationError',
        fields: { i: [{ code: 'invalid', message: `“${text}” value must be an integer.` }] },
      });
      expect(outcome(await session.run({ op: 'save', obj: item.ref }))).toEqual({ type: 'ValueError', message: `Field 'i' expected a number but got ${pyRepr(text)}.` });
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'fields.integer.out-of-range-save-fails',
    rule: 'save() without validation of an integer outside its column type raises DataError on PostgreSQL ("smallint/integer/bigint out of range").',
    behaviors: ['FLD-INT-OVERFLOW-SAVE'],
    needs: ['fields.integer'],
    divergences: [{ vendor: 'sqlite', reason: 'SQLite stores any 64-bit integer in every integer column; beyond 64 bits it raises a plain OverflowError.' }],
    docs: 'ref/models/fields/#integerfield',
    setup: numbers,
  },
  async ({ session, property }) => {
    const signed = TYPES.filter((t) => !t.startsWith('Positive') && t !== 'BigIntegerField');
    await property(fc.tuple(fc.constantFrom(...signed), fc.bigInt({ min: 1n, max: 2n ** 40n }), fc.boolean()), async ([type, excess, below]) => {
      const [lo, hi] = range(type, 'postgresql');
      const n = below ? lo - excess : hi + excess;
      const response = await session.run({ op: 'create', model: 'tapp.Nums', values: { [type.toLowerCase()]: int(n) } });
      expect(response.ok ? 'saved' : response.error.type).toBe('DataError');
      expect(await session.ok({ op: 'count', model: 'tapp.Nums' })).toBe(0);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'fields.integer.no-implicit-zero',
    rule: "An integer field without a default starts as None: full_clean() reports 'null' and save() raises IntegrityError.",
    behaviors: ['FLD-INT-NO-DEFAULT'],
    needs: ['fields.integer', 'validation.full_clean'],
    docs: 'ref/models/fields/#default',
    setup: oneModel([{ name: 'i', type: 'IntegerField' }]),
  },
  async ({ session }) => {
    const item = await session.obj({ op: 'new', model: 'tapp.Item' });
    expect(item.values?.i).toBeNull();
    expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual({
      type: 'ValidationError',
      fields: { i: [{ code: 'null', message: 'This field cannot be null.' }] },
    });
    const saved = await session.run({ op: 'save', obj: item.ref });
    expect(saved.ok ? 'saved' : saved.error.type).toBe('IntegrityError');
  },
);

specCase(
  {
    id: 'fields.integer.big-values-exact',
    rule: 'BigIntegerField and PositiveBigIntegerField store and read back every 64-bit value exactly, including those beyond 2^53.',
    behaviors: ['FLD-INT-BIG-JS'],
    needs: ['fields.integer', 'fields.integer.exact64'],
    docs: 'ref/models/fields/#bigintegerfield',
    setup: numbers,
  },
  async ({ session, property }) => {
    const big = fc.oneof(fc.bigInt({ min: I64[0], max: I64[1] }), fc.bigInt({ min: 2n ** 53n - 2n, max: 2n ** 53n + 2n }), fc.constantFrom(...I64));
    await property(big, async (n) => {
      const positive = n < 0n ? -(n + 1n) : n;
      await session.create('tapp.Nums', { bigintegerfield: int(n), positivebigintegerfield: int(positive) });
      const rows = (await session.ok({ op: 'values', model: 'tapp.Nums', fields: ['bigintegerfield', 'positivebigintegerfield'] })) as Record<string, Value>[];
      // Small integers may travel as plain numbers or as {$int}; compare the integers themselves.
      expect(rows.map((r) => [asBigInt(r.bigintegerfield), asBigInt(r.positivebigintegerfield)])).toEqual([[n, positive]]);
    }, { numRuns: 30 });
  },
);
