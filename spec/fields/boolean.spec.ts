import { specCase, fc, expect } from '../support/index.js';
import { oneModel, outcome, pyRepr, VALID } from '../support/models.js';

const TRUE_INPUTS = [true, 1, 't', 'True', '1'] as const;
const FALSE_INPUTS = [false, 0, 'f', 'False', '0'] as const;

specCase(
  {
    id: 'fields.boolean.accepted-inputs',
    rule: "BooleanField accepts exactly True/False, 1/0 and the strings 't', 'True', '1', 'f', 'False', '0'; anything else is 'invalid' in full_clean() and also raises ValidationError on save().",
    behaviors: ['FLD-BOOL-VALUES'],
    needs: ['fields.boolean', 'validation.full_clean'],
    docs: 'ref/models/fields/#booleanfield',
    setup: oneModel([{ name: 'b', type: 'BooleanField' }, { name: 'n', type: 'BooleanField', null: true, blank: true }], { name: 'Flag' }),
  },
  async ({ session, property }) => {
    const accepted = fc.oneof(fc.constantFrom(...TRUE_INPUTS).map((input) => ({ input, value: true })), fc.constantFrom(...FALSE_INPUTS).map((input) => ({ input, value: false })));
    await property(accepted, async ({ input, value }) => {
      const flag = await session.obj({ op: 'new', model: 'tapp.Flag', values: { b: input } });
      expect(outcome(await session.run({ op: 'full_clean', obj: flag.ref }))).toEqual(VALID);
      expect(await session.ok({ op: 'read', obj: flag.ref, attr: 'b' })).toBe(value);
      await session.create('tapp.Flag', { b: input });
      expect(await session.ok({ op: 'values', model: 'tapp.Flag', fields: ['b'] })).toEqual([{ b: value }]);
    }, { numRuns: 20 });

    const rejected = fc.oneof(
      fc.string({ maxLength: 6 }).filter((s) => !['t', 'True', '1', 'f', 'False', '0'].includes(s)),
      fc.integer({ min: -5, max: 9 }).filter((n) => n !== 0 && n !== 1),
    );
    await property(rejected, async (input) => {
      const message = `“${String(input)}” value must be either True or False.`;
      const flag = await session.obj({ op: 'new', model: 'tapp.Flag', values: { b: input } });
      expect(outcome(await session.run({ op: 'full_clean', obj: flag.ref }))).toEqual({ type: 'ValidationError', fields: { b: [{ code: 'invalid', message }] } });
      const saved = await session.error({ op: 'save', obj: flag.ref });
      expect({ type: saved.type, message: saved.message }).toEqual({ type: 'ValidationError', message: `[${pyRepr(message)}]` }); // str(ValidationError) is the repr of its message list
      const nullable = await session.obj({ op: 'new', model: 'tapp.Flag', values: { b: true, n: input } });
      const expected = input === '' ? VALID : { type: 'ValidationError', fields: { n: [{ code: 'invalid', message: `“${String(input)}” value must be either True, False, or None.` }] } };
      expect(outcome(await session.run({ op: 'full_clean', obj: nullable.ref }))).toEqual(expected);
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'fields.boolean.no-implicit-false',
    rule: "A BooleanField without a default starts as None, which full_clean() reports as 'invalid' (not 'null') and save() rejects with IntegrityError.",
    behaviors: ['FLD-BOOL-NO-DEFAULT'],
    needs: ['fields.boolean', 'validation.full_clean'],
    docs: 'ref/models/fields/#booleanfield',
    setup: oneModel([{ name: 'b', type: 'BooleanField' }], { name: 'Flag' }),
  },
  async ({ session }) => {
    const flag = await session.obj({ op: 'new', model: 'tapp.Flag' });
    expect(flag.values?.b).toBeNull();
    expect(outcome(await session.run({ op: 'full_clean', obj: flag.ref }))).toEqual({
      type: 'ValidationError',
      fields: { b: [{ code: 'invalid', message: '“None” value must be either True or False.' }] },
    });
    const saved = await session.run({ op: 'save', obj: flag.ref });
    expect(saved.ok ? 'saved' : saved.error.type).toBe('IntegrityError');
  },
);
