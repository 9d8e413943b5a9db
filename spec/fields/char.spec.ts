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
    id: 'fields.char.max-length-message-number',
    rule: 'The max_length message is plural-aware: "at most 1 character" for max_length=1, "characters" for any other limit.',
    behaviors: ['FLD-CHAR-MAXLEN-VALIDATION'],
    needs: ['fields.char', 'validation.full_clean'],
    docs: 'ref/validators/#maxlengthvalidator',
    setup: {
      apps: [{ name: 'tapp', models: [{ name: 'Note', fields: [{ name: 'one', type: 'CharField', max_length: 1, blank: true }, { name: 'two', type: 'CharField', max_length: 2, blank: true }] }] }],
    },
  },
  async ({ session, property }) => {
    await property(fc.string({ unit: 'grapheme-ascii', minLength: 3, maxLength: 8 }), async (text) => {
      const note = await session.obj({ op: 'new', model: 'tapp.Note', values: { one: text, two: text } });
      const response = await session.run({ op: 'full_clean', obj: note.ref });
      expect(response.ok ? 'valid' : response.error.fields).toEqual({
        one: [{ code: 'max_length', message: `Ensure this value has at most 1 character (it has ${text.length}).` }],
        two: [{ code: 'max_length', message: `Ensure this value has at most 2 characters (it has ${text.length}).` }],
      });
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

specCase(
  {
    id: 'fields.char.no-255-limit',
    rule: 'CharField max_length may be any positive integer: values longer than 255 up to max_length validate and save, and only max_length + 1 code points fail.',
    behaviors: ['FLD-CHAR-255'],
    needs: ['fields.char', 'validation.full_clean'],
    seed: 'Seed: "Limit is 255 characters." Django 5.2: no such limit; max_length=1000 stores 1000 characters (PostgreSQL caps varchar at 10485760).',
    docs: 'ref/models/fields/#django.db.models.CharField.max_length',
    setup: titled(1000),
  },
  async ({ session, property }) => {
    const letter = fc.constantFrom('a', 'é', '😀', '中');
    await property(fc.tuple(fc.integer({ min: 256, max: 1000 }), letter), async ([length, ch]) => {
      const title = ch.repeat(length);
      const note = await session.obj({ op: 'new', model: 'tapp.Note', values: { title } });
      expect(await session.run({ op: 'full_clean', obj: note.ref })).toMatchObject({ ok: true });
      await session.ok({ op: 'save', obj: note.ref });
      expect(await session.ok({ op: 'values', model: 'tapp.Note', fields: ['title'] })).toEqual([{ title }]);
      const longer = await session.obj({ op: 'new', model: 'tapp.Note', values: { title: ch.repeat(1001) } });
      const error = await session.error({ op: 'full_clean', obj: longer.ref });
      expect(error.fields).toEqual({ title: [{ code: 'max_length', message: 'Ensure this value has at most 1000 characters (it has 1001).' }] });
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'fields.char.over-long-save-is-data-error',
    rule: 'save() without full_clean() of a value longer than max_length raises DataError on PostgreSQL (varchar(n)), never truncating it.',
    behaviors: ['FLD-CHAR-SAVE-OVERLONG'],
    needs: ['fields.char'],
    divergences: [{ vendor: 'sqlite', reason: 'SQLite does not enforce varchar lengths: Django stores the over-long value unchanged.' }],
    docs: 'ref/models/fields/#django.db.models.CharField.max_length',
    setup: titled(5),
  },
  async ({ session, property }) => {
    await property(fc.string({ unit: 'binary', minLength: 6, maxLength: 12 }).filter((s) => [...s].length > 5 && !s.includes('\0')), async (title) => {
      const response = await session.run({ op: 'create', model: 'tapp.Note', values: { title } });
      expect(response.ok ? 'stored' : response.error.type).toBe('DataError');
      expect(await session.ok({ op: 'count', model: 'tapp.Note' })).toBe(0);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'fields.char.max-length-optional',
    rule: "A CharField without max_length is an unlimited varchar on SQLite and PostgreSQL (no check error, no length validation); max_length=0 is check error fields.E121.",
    behaviors: ['FLD-CHAR-NO-MAXLEN'],
    needs: ['fields.char', 'validation.full_clean', 'models.checks'],
    seed: 'Seed: "max_length is required". Django 5.2: optional on SQLite and PostgreSQL; only MySQL and Oracle report fields.E120.',
    docs: 'ref/models/fields/#django.db.models.CharField.max_length',
  },
  async ({ open, property }) => {
    const unlimited = await open({ settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' }, apps: [{ name: 'tapp', models: [{ name: 'Profile', fields: [{ name: 'profile_image', type: 'CharField', blank: true }] }] }] });
    if (!unlimited.ok) throw new Error(unlimited.error.message);
    const session = unlimited.session;
    expect(await session.ok({ op: 'check' })).toEqual([]);
    await property(fc.string({ unit: 'binary', minLength: 1, maxLength: 3000 }).filter((s) => !s.includes('\0')), async (text) => {
      await session.reset();
      const image = text.repeat(5);
      const profile = await session.obj({ op: 'new', model: 'tapp.Profile', values: { profile_image: image } });
      expect(await session.run({ op: 'full_clean', obj: profile.ref })).toMatchObject({ ok: true });
      await session.ok({ op: 'save', obj: profile.ref });
      expect(await session.ok({ op: 'values', model: 'tapp.Profile', fields: ['profile_image'] })).toEqual([{ profile_image: image }]);
    }, { numRuns: 10 });
    // varchar(0) is not a valid column on PostgreSQL, so the project is checked without tables.
    const zero = await open({ settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' }, create_tables: false, apps: [{ name: 'tapp', models: [{ name: 'Note', fields: [{ name: 'title', type: 'CharField', max_length: 0 }] }] }] });
    if (!zero.ok) throw new Error(zero.error.message);
    const checks = (await zero.session.ok({ op: 'check' })) as Record<string, unknown>[];
    expect(checks.map(({ id, level, msg, obj }) => ({ id, level, msg, obj }))).toEqual([
      { id: 'fields.E121', level: 'ERROR', msg: "'max_length' must be a positive integer.", obj: 'tapp.Note.title' },
    ]);
  },
);

specCase(
  {
    id: 'fields.char.default-is-empty-string',
    rule: "A CharField with no default starts as '' (None when null=True), and the instance saves with it even when blank=False.",
    behaviors: ['FLD-CHAR-DEFAULT-EMPTY'],
    needs: ['fields.char'],
    docs: 'ref/models/fields/#null',
    setup: {
      apps: [{ name: 'tapp', models: [{ name: 'Note', fields: [
        { name: 'title', type: 'CharField', max_length: 5 },
        { name: 'nick', type: 'CharField', max_length: 5, null: true },
        { name: 'body', type: 'TextField' },
      ] }] }],
    },
  },
  async ({ session }) => {
    const note = await session.obj({ op: 'new', model: 'tapp.Note' });
    expect(note.values).toMatchObject({ title: '', nick: null, body: '' });
    await session.ok({ op: 'save', obj: note.ref });
    expect(await session.ok({ op: 'values', model: 'tapp.Note', fields: ['title', 'nick', 'body'] })).toEqual([{ title: '', nick: null, body: '' }]);
  },
);

specCase(
  {
    id: 'fields.char.str-conversion-without-stripping',
    rule: 'CharField converts non-strings with str() (12345 becomes "12345") and never strips: surrounding whitespace is kept and whitespace alone is not blank.',
    behaviors: ['FLD-CHAR-COERCION'],
    needs: ['fields.char', 'validation.full_clean'],
    docs: 'ref/models/fields/#charfield',
    setup: titled(5),
  },
  async ({ session, property }) => {
    const padded = fc.tuple(fc.stringMatching(/^[ \t]{0,2}$/), fc.stringMatching(/^[a-z]{0,1}$/), fc.stringMatching(/^[ \t]{0,2}$/)).map((p) => p.join(''));
    await property(fc.oneof(fc.integer({ min: -9999, max: 99999 }), padded.filter((s) => s.length > 0)), async (value) => {
      const text = String(value);
      const note = await session.obj({ op: 'new', model: 'tapp.Note', values: { title: value } });
      expect(await session.run({ op: 'full_clean', obj: note.ref })).toMatchObject({ ok: true });
      expect(await session.ok({ op: 'read', obj: note.ref, attr: 'title' })).toBe(text);
      await session.ok({ op: 'save', obj: note.ref });
      const raw = await session.create('tapp.Note', { title: value });
      await session.ok({ op: 'refresh', obj: raw.ref });
      expect(await session.ok({ op: 'read', obj: raw.ref, attr: 'title' })).toBe(text);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'fields.char.null-and-empty-are-distinct',
    rule: "On a null=True CharField, NULL and '' are separate values: lookups by None and by '' match different rows, and a unique column allows many NULLs but one ''.",
    behaviors: ['FLD-CHAR-NULL-ADVICE'],
    needs: ['fields.char'],
    docs: 'ref/models/fields/#null',
    setup: { apps: [{ name: 'tapp', models: [{ name: 'Member', fields: [{ name: 'nick', type: 'CharField', max_length: 5, null: true, blank: true, unique: true }] }] }] },
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 2, max: 4 }), async (nulls) => {
      for (let i = 0; i < nulls; i++) await session.create('tapp.Member', { nick: null });
      await session.create('tapp.Member', { nick: '' });
      const counts = await Promise.all([
        session.ok({ op: 'count', model: 'tapp.Member', where: { nick: null } }),
        session.ok({ op: 'count', model: 'tapp.Member', where: { nick__isnull: true } }),
        session.ok({ op: 'count', model: 'tapp.Member', where: { nick: '' } }),
      ]);
      expect(counts).toEqual([nulls, nulls, 1]);
      const second = await session.run({ op: 'create', model: 'tapp.Member', values: { nick: '' } });
      expect(second.ok ? 'saved' : second.error.type).toBe('IntegrityError');
    }, { numRuns: 5 });
  },
);
