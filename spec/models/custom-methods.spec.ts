import { specCase, fc, expect, decimal } from '../support/index.js';

const self = { $self: true as const };
const arg = { $arg: 'discount_percentage' };
/** The seed's Product, its two methods transcribed literally. */
const product = {
  name: 'Product',
  fields: [
    { name: 'name', type: 'CharField' as const, max_length: 100 },
    { name: 'price', type: 'DecimalField' as const, max_digits: 10, decimal_places: 2 },
    { name: 'is_available', type: 'BooleanField' as const, default: true },
  ],
  methods: [
    {
      // if discount_percentage > 0 and discount_percentage <= 100:
      //     return self.price * (1 - discount_percentage / 100)
      // return self.price
      name: 'get_discounted_price',
      params: ['discount_percentage'],
      body: [
        {
          if: { $op: 'and' as const, args: [{ $op: '>' as const, args: [arg, 0] }, { $op: '<=' as const, args: [arg, 100] }] },
          then: [{ return: { $op: '*' as const, args: [{ $get: [self, 'price'] as [typeof self, string] }, { $op: '-' as const, args: [1, { $op: '/' as const, args: [arg, 100] }] }] } }],
        },
        { return: { $get: [self, 'price'] as [typeof self, string] } },
      ],
    },
    // self.is_available = False; self.save()
    { name: 'mark_as_unavailable', params: [], body: [{ set: self, values: { is_available: false } }, { save: self }] },
  ],
};

const setup = { apps: [{ name: 'shop', models: [product] }] };

specCase(
  {
    id: 'models.custom-methods.seed-discount-is-a-type-error',
    rule: 'The seed\'s get_discounted_price multiplies a Decimal price by a float, so every whole-number discount in 1..100 raises TypeError "unsupported operand type(s) for *: \'decimal.Decimal\' and \'float\'", while other discounts return the price unchanged.',
    behaviors: ['FLD-DEC-ARITH-SEED-BUG'],
    needs: ['models.methods', 'fields.decimal'],
    seed: 'Seed: get_discounted_price is shown as a working example. Django 5.2: `discount_percentage / 100` is a float and Decimal * float raises TypeError for every discount in (0, 100].',
    docs: 'topics/db/models/#model-methods',
    setup,
  },
  async ({ session, property }) => {
    // Loaded from the database, as in the seed, so the price is a Decimal.
    const loadedProduct = async () => {
      const created = await session.create('shop.Product', { name: 'w', price: decimal('19.99') });
      return session.obj({ op: 'get', model: 'shop.Product', where: { pk: created.pk } });
    };
    await property(fc.integer({ min: -150, max: 250 }), async (pct) => {
      const loaded = await loadedProduct();
      const response = await session.run({ op: 'call', obj: loaded.ref, method: 'get_discounted_price', args: [pct] });
      if (pct > 0 && pct <= 100) {
        expect(response).toMatchObject({ ok: false, error: { type: 'TypeError', message: "unsupported operand type(s) for *: 'decimal.Decimal' and 'float'" } });
      } else {
        expect(response).toMatchObject({ ok: true, value: decimal('19.99') });
      }
    }, { numRuns: 40 });
    const loaded = await loadedProduct();
    // A Decimal discount keeps the arithmetic in Decimal: exact, not rounded to decimal_places.
    expect(await session.ok({ op: 'call', obj: loaded.ref, method: 'get_discounted_price', args: [decimal('10')] })).toEqual(decimal('17.991'));
  },
);

specCase(
  {
    id: 'models.custom-methods.method-calling-save-persists',
    rule: 'A custom method that sets a field and calls self.save() persists the change: the seed\'s mark_as_unavailable() leaves is_available False in the database.',
    behaviors: ['FLD-SAVE-INSERT-OR-UPDATE'],
    needs: ['models.methods', 'models.crud', 'fields.decimal'],
    docs: 'topics/db/models/#model-methods',
    setup,
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 1, max: 4 }), async (n) => {
      for (let i = 0; i < n; i++) await session.create('shop.Product', { name: `p${i}`, price: decimal('1.00') });
      const target = await session.obj({ op: 'get', model: 'shop.Product', where: { name: `p${n - 1}` } });
      expect(await session.ok({ op: 'call', obj: target.ref, method: 'mark_as_unavailable' })).toBeNull();
      const rows = await session.ok({ op: 'values', model: 'shop.Product', fields: ['name', 'is_available'], order_by: ['id'] });
      expect(rows).toEqual(Array.from({ length: n }, (_, i) => ({ name: `p${i}`, is_available: i !== n - 1 })));
    }, { numRuns: 10 });
  },
);
