import { specCase, fc, expect } from '../support/index.js';

const titled = (max_length: number) => ({
  apps: [{ name: 'tapp', models: [{ name: 'Note', fields: [{ name: 'title', type: 'CharField' as const, max_length }] }] }],
});

specCase(
  {
    id: 'fields.char.max-length-counts-code-points',
    rule: 'CharField max_length is checked by full_clean() in Unicode code points, so an emoji counts as one character.',
    behaviors: ['FLD-CHAR-CODEPOINTS', 'FLD-CHAR-MAXLEN-VALIDATION'],
    needs: ['fields.char', 'validation.full_clean'],
    docs: 'ref/models/fields/#django.db.models.CharField.max_length',
    setup: titled(5),
  },
  async ({ session, property }) => {
    await property(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), async (title) => {
      const note = await session.obj({ op: 'new', model: 'tapp.Note', values: { title } });
      const response = await session.run({ op: 'full_clean', obj: note.ref });
      const length = [...title].length;
      if (length <= 5) expect(response).toMatchObject({ ok: true });
      else {
        expect(response.ok).toBe(false);
        if (!response.ok) {
          expect(response.error.type).toBe('ValidationError');
          expect(response.error.fields).toEqual({
            title: [{ code: 'max_length', message: `Ensure this value has at most 5 characters (it has ${length}).` }],
          });
        }
      }
    });
  },
);

specCase(
  {
    id: 'fields.char.save-does-not-validate',
    rule: 'save() runs no field validation: an empty string in a required CharField is stored, and only full_clean() reports "blank".',
    behaviors: ['FLD-VALID-SAVE-SKIPS', 'FLD-CHAR-BLANK'],
    needs: ['fields.char', 'validation.full_clean'],
    setup: titled(5),
  },
  async ({ session }) => {
    const note = await session.create('tapp.Note', { title: '' });
    expect(await session.ok({ op: 'count', model: 'tapp.Note' })).toBe(1);
    const error = await session.error({ op: 'full_clean', obj: note.ref });
    expect(error.fields).toEqual({ title: [{ code: 'blank', message: 'This field cannot be blank.' }] });
  },
);
