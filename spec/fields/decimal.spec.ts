import { specCase, fc, expect, decimal } from '../support/index.js';
import { oneModel, outcome, VALID } from '../support/models.js';

const product = (max_digits: number, decimal_places: number) =>
  oneModel([{ name: 'price', type: 'DecimalField', max_digits, decimal_places }], {
    name: 'Product',
    settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' },
  });

/** A decimal literal as written: sign, integer digits (leading zeros allowed), fraction digits (trailing zeros count). */
const decimalText = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    whole: fc.stringMatching(/^[0-9]{0,7}$/),
    fraction: fc.option(fc.stringMatching(/^[0-9]{0,4}$/), { nil: undefined }),
  })
  .filter(({ whole, fraction }) => whole.length + (fraction?.length ?? 0) > 0)
  .map(({ sign, whole, fraction }) => ({ sign, whole, fraction, text: `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}` }));

type Literal = { sign: string; whole: string; fraction: string | undefined; text: string };

/**
 * Oracle: Django's DecimalValidator applied to Python's Decimal(text). The digit tuple drops
 * leading zeros but keeps trailing ones; the exponent is minus the number of written fraction digits.
 */
function decimalCheck(literal: Literal, maxDigits: number, places: number): { code: string; message: string } | undefined {
  const fraction = literal.fraction ?? '';
  const digitTuple = (literal.whole + fraction).replace(/^0+(?=\d)/, '');
  const exponent = -fraction.length;
  let digits: number;
  let decimals: number;
  if (exponent >= 0) {
    digits = digitTuple === '0' ? 1 : digitTuple.length;
    decimals = 0;
  } else if (-exponent > digitTuple.length) {
    digits = decimals = -exponent;
  } else {
    digits = digitTuple.length;
    decimals = -exponent;
  }
  const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
  if (digits > maxDigits) return { code: 'max_digits', message: `Ensure that there are no more than ${maxDigits} ${plural(maxDigits, 'digit', 'digits')} in total.` };
  if (decimals > places) return { code: 'max_decimal_places', message: `Ensure that there are no more than ${places} ${plural(places, 'decimal place', 'decimal places')}.` };
  const whole = maxDigits - places;
  if (digits - decimals > whole) return { code: 'max_whole_digits', message: `Ensure that there are no more than ${whole} ${plural(whole, 'digit', 'digits')} before the decimal point.` };
  return undefined;
}

/** The value read back from the database: quantized to `places` fraction digits. */
function quantized(literal: Literal, places: number): string {
  const whole = literal.whole.replace(/^0+(?=\d)/, '') || '0';
  const fraction = (literal.fraction ?? '').padEnd(places, '0');
  const negative = literal.sign === '-' && /[1-9]/.test(literal.whole + (literal.fraction ?? ''));
  return `${negative ? '-' : ''}${whole}${places ? `.${fraction}` : ''}`;
}

specCase(
  {
    id: 'fields.decimal.definition-checks',
    rule: 'DecimalField needs max_digits > 0 and decimal_places >= 0 with decimal_places <= max_digits; violations are check errors fields.E130 to fields.E134.',
    behaviors: ['FLD-DEC-DEFINITION'],
    needs: ['fields.decimal', 'models.checks'],
    docs: 'ref/models/fields/#decimalfield',
    setup: {
      settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' },
      // Invalid definitions cannot become columns, so the project is checked without tables.
      create_tables: false,
      apps: [{ name: 'tapp', models: [{ name: 'Bad', fields: [
        { name: 'a', type: 'DecimalField' },
        { name: 'b', type: 'DecimalField', max_digits: 0, decimal_places: -1 },
        { name: 'c', type: 'DecimalField', max_digits: 2, decimal_places: 3 },
        { name: 'd', type: 'DecimalField', max_digits: 5, decimal_places: 2 },
      ] }] }],
    },
  },
  async ({ session }) => {
    const checks = (await session.ok({ op: 'check' })) as Record<string, unknown>[];
    expect(checks.map(({ id, msg, obj }) => ({ id, msg, obj }))).toEqual([
      { id: 'fields.E130', msg: "DecimalFields must define a 'decimal_places' attribute.", obj: 'tapp.Bad.a' },
      { id: 'fields.E132', msg: "DecimalFields must define a 'max_digits' attribute.", obj: 'tapp.Bad.a' },
      { id: 'fields.E131', msg: "'decimal_places' must be a non-negative integer.", obj: 'tapp.Bad.b' },
      { id: 'fields.E133', msg: "'max_digits' must be a positive integer.", obj: 'tapp.Bad.b' },
      { id: 'fields.E134', msg: "'max_digits' must be greater or equal to 'decimal_places'.", obj: 'tapp.Bad.c' },
    ]);
  },
);

specCase(
  {
    id: 'fields.decimal.digit-limits',
    rule: "full_clean() counts a decimal's digits as written (leading zeros dropped, trailing zeros kept) and reports the first of max_digits, max_decimal_places, max_whole_digits that fails.",
    behaviors: ['FLD-DEC-VALIDATION', 'FLD-DEC-TRAILING-ZEROS'],
    needs: ['fields.decimal', 'validation.full_clean'],
    docs: 'ref/validators/#decimalvalidator',
    setup: product(5, 2),
  },
  async ({ session, property }) => {
    await property(decimalText, async (literal) => {
      const item = await session.obj({ op: 'new', model: 'tapp.Product', values: { price: literal.text } });
      const failure = decimalCheck(literal, 5, 2);
      expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual(
        failure ? { type: 'ValidationError', fields: { price: [failure] } } : VALID,
      );
    }, { numRuns: 60 });
    // Exponent forms, where the digit tuple is not what is written (a table from Django's docs).
    const table: [string, string | undefined][] = [['1E+2', undefined], ['1E+3', 'max_whole_digits'], ['1.5E-2', 'max_decimal_places'], ['0E+5', undefined]];
    for (const [text, code] of table) {
      const item = await session.obj({ op: 'new', model: 'tapp.Product', values: { price: text } });
      const response = await session.run({ op: 'full_clean', obj: item.ref });
      expect({ text, code: response.ok ? undefined : response.error.fields?.price?.[0]?.code }).toEqual({ text, code });
    }
  },
);

specCase(
  {
    id: 'fields.decimal.singular-messages',
    rule: 'DecimalValidator messages use the singular for a limit of 1: "1 digit in total", "1 decimal place", "1 digit before the decimal point".',
    behaviors: ['FLD-DEC-VALIDATION'],
    needs: ['fields.decimal', 'validation.full_clean'],
    docs: 'ref/validators/#decimalvalidator',
    setup: {
      settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' },
      apps: [{ name: 'tapp', models: [{ name: 'Odds', fields: [
        { name: 'one', type: 'DecimalField', max_digits: 1, decimal_places: 0, null: true, blank: true },
        { name: 'tenth', type: 'DecimalField', max_digits: 2, decimal_places: 1, null: true, blank: true },
      ] }] }],
    },
  },
  async ({ session }) => {
    // A table: one input per message.
    const clean = async (values: Record<string, string>) => outcome(await session.run({ op: 'full_clean', obj: (await session.obj({ op: 'new', model: 'tapp.Odds', values })).ref }));
    expect(await clean({ one: '12' })).toEqual({ type: 'ValidationError', fields: { one: [{ code: 'max_digits', message: 'Ensure that there are no more than 1 digit in total.' }] } });
    expect(await clean({ tenth: '0.12' })).toEqual({ type: 'ValidationError', fields: { tenth: [{ code: 'max_decimal_places', message: 'Ensure that there are no more than 1 decimal place.' }] } });
    expect(await clean({ tenth: '12' })).toEqual({ type: 'ValidationError', fields: { tenth: [{ code: 'max_whole_digits', message: 'Ensure that there are no more than 1 digit before the decimal point.' }] } });
  },
);

specCase(
  {
    id: 'fields.decimal.float-input-uses-max-digits-precision',
    rule: 'A float given to a DecimalField becomes Decimal(float) rounded to max_digits significant digits, so a float that is not exactly a short decimal (19.99) fails max_decimal_places (max_digits below 0.1), while the same digits as text pass.',
    behaviors: ['FLD-DEC-FLOAT-INPUT'],
    needs: ['fields.decimal', 'validation.full_clean'],
    docs: 'ref/models/fields/#decimalfield',
    setup: product(10, 2),
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: -99_999_99, max: 99_999_99 }), async (cents) => {
      const asFloat = cents / 100;
      const text = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
      const fromFloat = await session.obj({ op: 'new', model: 'tapp.Product', values: { price: asFloat } });
      const fromText = await session.obj({ op: 'new', model: 'tapp.Product', values: { price: decimal(text) } });
      // cents/100 is exactly representable in binary only for multiples of 25 cents. Otherwise the
      // 10 significant digits all sit after the point, and below 0.1 a leading zero makes it 11 digits.
      const exact = cents % 25 === 0;
      const error = Math.abs(cents) < 10
        ? { code: 'max_digits', message: 'Ensure that there are no more than 10 digits in total.' }
        : { code: 'max_decimal_places', message: 'Ensure that there are no more than 2 decimal places.' };
      expect(outcome(await session.run({ op: 'full_clean', obj: fromFloat.ref }))).toEqual(exact ? VALID : { type: 'ValidationError', fields: { price: [error] } });
      expect(outcome(await session.run({ op: 'full_clean', obj: fromText.ref }))).toEqual(VALID);
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'fields.decimal.non-numbers-rejected-on-save-too',
    rule: "Text that is not a finite decimal ('abc', 'NaN', 'Infinity', '') is 'invalid' in full_clean() and, unlike integers, also raises ValidationError from save().",
    behaviors: ['FLD-DEC-INVALID'],
    needs: ['fields.decimal', 'validation.full_clean'],
    docs: 'ref/models/fields/#decimalfield',
    setup: product(5, 2),
  },
  async ({ session, property }) => {
    const notDecimal = fc.oneof(
      fc.stringMatching(/^[a-zA-Z]{1,6}$/),
      fc.constantFrom('', 'NaN', '-Infinity', 'Infinity', 'inf', '1,5', '1.2.3', '--1', '1e'),
    );
    await property(notDecimal, async (text) => {
      const message = `“${text}” value must be a decimal number.`;
      const item = await session.obj({ op: 'new', model: 'tapp.Product', values: { price: text } });
      expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual({ type: 'ValidationError', fields: { price: [{ code: 'invalid', message }] } });
      const saved = await session.error({ op: 'save', obj: item.ref });
      expect({ type: saved.type, message: saved.message }).toEqual({ type: 'ValidationError', message: `['${message}']` });
      expect(await session.ok({ op: 'count', model: 'tapp.Product' })).toBe(0);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'fields.decimal.read-back-quantized',
    rule: 'A valid decimal reads back from the database as an exact Decimal with exactly decimal_places fraction digits ("12.3" → "12.30").',
    behaviors: ['FLD-DEC-ROUNDTRIP', 'FLD-DEC-TRAILING-ZEROS'],
    needs: ['fields.decimal'],
    docs: 'ref/models/fields/#decimalfield',
    setup: product(5, 2),
  },
  async ({ session, property }) => {
    const valid = decimalText.filter((literal) => decimalCheck(literal, 5, 2) === undefined);
    await property(valid, async (literal) => {
      await session.create('tapp.Product', { price: literal.text });
      expect(await session.ok({ op: 'values', model: 'tapp.Product', fields: ['price'] })).toEqual([{ price: decimal(quantized(literal, 2)) }]);
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'fields.decimal.overflow-save-is-data-error',
    rule: 'save() without validation of a decimal with more whole digits than max_digits - decimal_places raises DataError ("numeric field overflow") on PostgreSQL, storing nothing.',
    behaviors: ['FLD-DEC-OVERFLOW-SAVE'],
    needs: ['fields.decimal'],
    divergences: [{ vendor: 'sqlite', reason: 'SQLite stores the value; reading the row back then raises decimal.InvalidOperation.' }],
    docs: 'ref/models/fields/#decimalfield',
    setup: product(5, 2),
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 1000, max: 10 ** 9 }), async (whole) => {
      const response = await session.run({ op: 'create', model: 'tapp.Product', values: { price: decimal(`${whole}.5`) } });
      expect(response.ok ? 'saved' : response.error.type).toBe('DataError');
      expect(await session.ok({ op: 'count', model: 'tapp.Product' })).toBe(0);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'fields.decimal.seed-discount-method-type-error',
    rule: "The seed's get_discounted_price multiplies a Decimal price by a float, so Django raises TypeError for every percentage in (0, 100] and returns the exact price otherwise.",
    behaviors: ['FLD-DEC-ARITH-SEED-BUG'],
    needs: ['fields.decimal', 'models.methods'],
    seed: 'Seed: get_discounted_price returns "self.price * (1 - discount_percentage / 100)". Django 5.2: TypeError: unsupported operand type(s) for *: \'decimal.Decimal\' and \'float\'.',
    docs: 'topics/db/models/#model-methods',
    setup: {
      settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' },
      apps: [{ name: 'tapp', models: [{
        name: 'Product',
        fields: [{ name: 'price', type: 'DecimalField', max_digits: 10, decimal_places: 2 }],
        methods: [{
          name: 'get_discounted_price',
          params: ['discount_percentage'],
          body: [
            {
              if: { $op: 'and', args: [{ $op: '>', args: [{ $arg: 'discount_percentage' }, 0] }, { $op: '<=', args: [{ $arg: 'discount_percentage' }, 100] }] },
              then: [{ return: { $op: '*', args: [{ $get: [{ $self: true }, 'price'] }, { $op: '-', args: [1, { $op: '/', args: [{ $arg: 'discount_percentage' }, 100] }] }] } }],
            },
            { return: { $get: [{ $self: true }, 'price'] } },
          ],
        }],
      }] }],
    },
  },
  async ({ session, property }) => {
    await property(fc.tuple(fc.integer({ min: 1, max: 99_999_99 }), fc.integer({ min: -50, max: 200 })), async ([cents, percentage]) => {
      const created = await session.create('tapp.Product', { price: decimal((cents / 100).toFixed(2)) });
      const product = await session.obj({ op: 'get', model: 'tapp.Product', where: { pk: created.pk } });
      const response = outcome(await session.run({ op: 'call', obj: product.ref, method: 'get_discounted_price', args: [percentage] }));
      if (percentage > 0 && percentage <= 100) {
        expect(response).toEqual({ type: 'TypeError', message: "unsupported operand type(s) for *: 'decimal.Decimal' and 'float'" });
      } else {
        expect(response).toEqual({ ok: decimal((cents / 100).toFixed(2)) });
      }
    }, { numRuns: 25 });
  },
);
