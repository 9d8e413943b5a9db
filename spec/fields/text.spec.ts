import { specCase, fc, expect } from '../support/index.js';

specCase(
  {
    id: 'fields.text.no-length-limit',
    rule: 'TextField has no length validation, even with max_length (which only reaches form fields), and any text round-trips exactly.',
    behaviors: ['FLD-TEXT-UNLIMITED'],
    needs: ['fields.char', 'validation.full_clean'],
    docs: 'ref/models/fields/#textfield',
    setup: { apps: [{ name: 'tapp', models: [{ name: 'Note', fields: [{ name: 'body', type: 'TextField', max_length: 5 }] }] }] },
  },
  async ({ session, property }) => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 400 }).filter((s) => !s.includes('\0'));
    await property(fc.tuple(text, fc.integer({ min: 1, max: 50 })), async ([chunk, times]) => {
      const body = chunk.repeat(times);
      const note = await session.obj({ op: 'new', model: 'tapp.Note', values: { body } });
      expect(await session.run({ op: 'full_clean', obj: note.ref })).toMatchObject({ ok: true });
      await session.ok({ op: 'save', obj: note.ref });
      expect(await session.ok({ op: 'values', model: 'tapp.Note', fields: ['body'] })).toEqual([{ body }]);
    }, { numRuns: 15 });
  },
);
