import { specCase, fc, expect } from '../support/index.js';
import { oneModel, outcome, pyRepr, VALID } from '../support/models.js';

const blank = 'This field cannot be blank.';
const nullMessage = 'This field cannot be null.';

specCase(
  {
    id: 'fields.validation.full-clean-collects-errors-by-field',
    rule: 'full_clean() raises one ValidationError mapping each failing field to all of its errors in validator order (its str() is the repr of that dict), and skips the unique check of a field that already failed.',
    behaviors: ['FLD-VALID-FULLCLEAN-SHAPE'],
    needs: ['validation.full_clean', 'fields.email'],
    docs: 'ref/models/instances/#validating-objects',
    setup: oneModel(
      [
        { name: 'email', type: 'EmailField', max_length: 20 },
        { name: 'code', type: 'CharField', max_length: 3, unique: true },
      ],
      { name: 'Acct' },
    ),
  },
  async ({ session, property }) => {
    // A local part with no "@" is never an email; longer than 20 code points it also breaks max_length.
    const notEmail = fc.string({ unit: 'grapheme-ascii', minLength: 21, maxLength: 40 }).filter((s) => !s.includes('@'));
    const code = fc.stringMatching(/^[a-z]{1,5}$/);
    await property(fc.tuple(notEmail, code), async ([email, taken]) => {
      await session.create('tapp.Acct', { email: 'a@b.co', code: taken.slice(0, 3) });
      const acct = await session.obj({ op: 'new', model: 'tapp.Acct', values: { email, code: taken } });
      const codeErrors = taken.length > 3
        ? [{ code: 'max_length', message: `Ensure this value has at most 3 characters (it has ${taken.length}).` }]
        : [{ code: 'unique', message: 'Acct with this Code already exists.' }];
      const cleaned = await session.run({ op: 'full_clean', obj: acct.ref });
      const emailErrors = [
        { code: 'invalid', message: 'Enter a valid email address.' },
        { code: 'max_length', message: `Ensure this value has at most 20 characters (it has ${[...email].length}).` },
      ];
      expect(outcome(cleaned)).toEqual({ type: 'ValidationError', fields: { email: emailErrors, code: codeErrors } });
      // str() of the error is Python's repr of {field: [messages]}, in field order.
      const reprList = (errors: { message: string }[]) => `[${errors.map((e) => pyRepr(e.message)).join(', ')}]`;
      expect(cleaned.ok ? '' : cleaned.error.message).toBe(`{'email': ${reprList(emailErrors)}, 'code': ${reprList(codeErrors)}}`);
      const onlyCode = outcome(await session.run({ op: 'full_clean', obj: acct.ref, exclude: ['email'] }));
      expect(onlyCode).toEqual({ type: 'ValidationError', fields: { code: codeErrors } });
      const noUnique = outcome(await session.run({ op: 'full_clean', obj: acct.ref, exclude: ['email'], validate_unique: false }));
      expect(noUnique).toEqual(taken.length > 3 ? onlyCode : VALID);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'fields.validation.blank-fields-skip-empty-values',
    rule: 'full_clean() skips every check for an empty value of a blank=True field, even None on a NOT NULL column, so only save() reports it.',
    behaviors: ['FLD-VALID-BLANK-SKIP'],
    needs: ['validation.full_clean', 'fields.datetime'],
    docs: 'ref/models/instances/#django.db.models.Model.clean_fields',
    setup: oneModel(
      [
        { name: 'code', type: 'CharField', max_length: 5, blank: true },
        { name: 'born', type: 'DateField', blank: true, null: true },
      ],
      { name: 'Acct' },
    ),
  },
  async ({ session }) => {
    const noCode = await session.obj({ op: 'new', model: 'tapp.Acct', values: { code: null } });
    expect(outcome(await session.run({ op: 'full_clean', obj: noCode.ref }))).toEqual(VALID);
    const saved = await session.run({ op: 'save', obj: noCode.ref });
    expect(saved.ok ? 'saved' : saved.error.type).toBe('IntegrityError');

    const emptyDate = await session.obj({ op: 'new', model: 'tapp.Acct', values: { code: 'a', born: '' } });
    expect(outcome(await session.run({ op: 'full_clean', obj: emptyDate.ref, exclude: ['code'] }))).toEqual(VALID);
    const error = await session.error({ op: 'save', obj: emptyDate.ref });
    expect({ type: error.type, message: error.message }).toEqual({
      type: 'ValidationError',
      message: "['“” value has an invalid date format. It must be in YYYY-MM-DD format.']",
    });
    expect(await session.ok({ op: 'count', model: 'tapp.Acct' })).toBe(0);
  },
);

specCase(
  {
    id: 'fields.validation.conversion-errors-come-first',
    rule: "full_clean() converts before checking null and blank, so '' in an IntegerField is 'invalid' and None in a BooleanField is 'invalid', while a CharField gives 'blank' and 'null'.",
    behaviors: ['FLD-VALID-CONVERSION-FIRST'],
    needs: ['validation.full_clean', 'fields.integer', 'fields.boolean', 'fields.char', 'fields.datetime'],
    docs: 'ref/models/instances/#django.db.models.Model.clean_fields',
    setup: oneModel([
      { name: 'i', type: 'IntegerField' },
      { name: 'b', type: 'BooleanField' },
      { name: 'c', type: 'CharField', max_length: 5 },
      { name: 'd', type: 'DateField' },
    ]),
  },
  async ({ session }) => {
    // A table: the two empty values against four field kinds.
    const clean = async (value: '' | null) => {
      const item = await session.obj({ op: 'new', model: 'tapp.Item', values: { i: value, b: value, c: value, d: value } });
      return outcome(await session.run({ op: 'full_clean', obj: item.ref }));
    };
    expect(await clean('')).toEqual({
      type: 'ValidationError',
      fields: {
        i: [{ code: 'invalid', message: '“” value must be an integer.' }],
        b: [{ code: 'invalid', message: '“” value must be either True or False.' }],
        c: [{ code: 'blank', message: blank }],
        d: [{ code: 'invalid', message: '“” value has an invalid date format. It must be in YYYY-MM-DD format.' }],
      },
    });
    expect(await clean(null)).toEqual({
      type: 'ValidationError',
      fields: {
        i: [{ code: 'null', message: nullMessage }],
        b: [{ code: 'invalid', message: '“None” value must be either True or False.' }],
        c: [{ code: 'null', message: nullMessage }],
        d: [{ code: 'null', message: nullMessage }],
      },
    });
  },
);

specCase(
  {
    id: 'fields.validation.blank-null-matrix',
    rule: "blank governs full_clean() and null governs the column: '' and None give blank/null errors or pass, and save() fails only for None on a NOT NULL column.",
    behaviors: ['FLD-ARG-BLANK-NULL-MATRIX'],
    needs: ['validation.full_clean', 'fields.char'],
    docs: 'ref/models/fields/#null',
    setup: {
      apps: [{
        name: 'tapp',
        models: [[false, false], [true, false], [false, true], [true, true]].map(([b, n]) => ({
          name: `Blank${b ? 'T' : 'F'}Null${n ? 'T' : 'F'}`,
          fields: [{ name: 'c', type: 'CharField' as const, max_length: 5, blank: b, null: n }],
        })),
      }],
    },
  },
  async ({ session, property }) => {
    const arbitrary = fc.tuple(fc.boolean(), fc.boolean(), fc.constantFrom<'' | null>('', null));
    await property(arbitrary, async ([isBlank, isNull, value]) => {
      const label = `tapp.Blank${isBlank ? 'T' : 'F'}Null${isNull ? 'T' : 'F'}`;
      const item = await session.obj({ op: 'new', model: label, values: { c: value } });
      const cleaned = outcome(await session.run({ op: 'full_clean', obj: item.ref }));
      const saved = await session.run({ op: 'save', obj: item.ref });
      // Django's table: None skips the null check on blank fields and counts as "blank" on nullable ones.
      let expectedClean: unknown = VALID;
      if (!isBlank) {
        const code = value === null && !isNull ? 'null' : 'blank';
        expectedClean = { type: 'ValidationError', fields: { c: [{ code, message: code === 'null' ? nullMessage : blank }] } };
      }
      expect({ cleaned, saved: saved.ok ? 'saved' : saved.error.type }).toEqual({
        cleaned: expectedClean,
        saved: value === null && !isNull ? 'IntegrityError' : 'saved',
      });
    }, { numRuns: 24 });
  },
);

specCase(
  {
    id: 'fields.validation.model-form-codes',
    rule: "A ModelForm reports a missing required value as 'required' (\"This field is required.\") where full_clean() says 'blank', strips text, turns '' into None for null=True fields, and refuses non-editable fields with FieldError.",
    behaviors: ['FLD-VALID-FORM-CODES'],
    needs: ['validation.model_form', 'validation.full_clean', 'fields.datetime'],
    docs: 'topics/forms/modelforms/#field-types',
    setup: oneModel(
      [
        { name: 'title', type: 'CharField', max_length: 5 },
        { name: 'nick', type: 'CharField', max_length: 5, null: true, blank: true },
        { name: 'created_at', type: 'DateTimeField', auto_now_add: true },
      ],
      { name: 'BlogPost', settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' } },
    ),
  },
  async ({ session, property }) => {
    const padding = fc.stringMatching(/^[ \t]{0,2}$/);
    await property(fc.tuple(padding, fc.stringMatching(/^[a-z]{0,5}$/), padding, fc.boolean()), async ([before, title, after, withNick]) => {
      const data = { title: before + title + after, ...(withNick && { nick: '' }) };
      const form = await session.ok({ op: 'model_form', model: 'tapp.BlogPost', data });
      const post = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { title: '' } });
      if (title === '') {
        expect(form).toEqual({ fields: ['title', 'nick'], is_valid: false, errors: { title: [{ code: 'required', message: 'This field is required.' }] }, cleaned_data: { nick: null } });
        expect(outcome(await session.run({ op: 'full_clean', obj: post.ref }))).toEqual({ type: 'ValidationError', fields: { title: [{ code: 'blank', message: blank }] } });
      } else {
        expect(form).toEqual({ fields: ['title', 'nick'], is_valid: true, errors: {}, cleaned_data: { title, nick: null } });
      }
    }, { numRuns: 20 });
    const refused = await session.error({ op: 'model_form', model: 'tapp.BlogPost', fields: ['title', 'created_at'], data: {} });
    expect({ type: refused.type, message: refused.message }).toEqual({
      type: 'FieldError',
      message: "'created_at' cannot be specified for BlogPost model form as it is a non-editable field",
    });
  },
);
