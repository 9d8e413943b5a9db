import { specCase, fc, expect } from '../support/index.js';
import { oneModel, outcome, pyRepr } from '../support/models.js';

const measurement = oneModel([{ name: 'f', type: 'FloatField' }], { name: 'Reading' });

specCase(
  {
    id: 'fields.float.doubles-round-trip',
    rule: "FloatField stores IEEE-754 doubles: every finite double reads back bit for bit, numeric strings convert with float(), and other strings are 'invalid' (ValueError on save()).",
    behaviors: ['FLD-FLOAT-BASICS'],
    needs: ['fields.float', 'validation.full_clean'],
    docs: 'ref/models/fields/#floatfield',
    setup: measurement,
  },
  async ({ session, property }) => {
    // -0 reads back as 0 on some backends; NaN is stored as NULL on SQLite, so neither is generated.
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));
    await property(fc.tuple(finite, fc.boolean()), async ([x, asText]) => {
      const value = asText ? ` ${String(x)} ` : x;
      const reading = await session.obj({ op: 'new', model: 'tapp.Reading', values: { f: value } });
      await session.ok({ op: 'full_clean', obj: reading.ref });
      expect(await session.ok({ op: 'read', obj: reading.ref, attr: 'f' })).toBe(x);
      await session.create('tapp.Reading', { f: value });
      expect(await session.ok({ op: 'values', model: 'tapp.Reading', fields: ['f'] })).toEqual([{ f: x }]);
    }, { numRuns: 40 });

    await property(fc.oneof(fc.stringMatching(/^[a-z]{1,5}$/).filter((s) => !/^(inf|infinity|nan)$/.test(s)), fc.constantFrom('', '1,5', '1.2.3', '0x1p3')), async (text) => {
      const reading = await session.obj({ op: 'new', model: 'tapp.Reading', values: { f: text } });
      expect(outcome(await session.run({ op: 'full_clean', obj: reading.ref }))).toEqual({
        type: 'ValidationError',
        fields: { f: [{ code: 'invalid', message: `“${text}” value must be a float.` }] },
      });
      expect(outcome(await session.run({ op: 'save', obj: reading.ref }))).toEqual({ type: 'ValueError', message: `Field 'f' expected a number but got ${pyRepr(text)}.` });
    }, { numRuns: 20 });
  },
);
