import { specCase, fc, expect } from '../support/index.js';
import { oneModel, outcome, VALID } from '../support/models.js';

const BIG_AUTO = { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' };

specCase(
  {
    id: 'fields.arguments.default-evaluated-per-instantiation',
    rule: 'A callable default is called once for each instance built without that value (create() included), never when a value (even None) is given, at save(), or for rows read from the database.',
    behaviors: ['FLD-ARG-DEFAULT-EVAL'],
    needs: ['models.crud'],
    docs: 'ref/models/fields/#default',
    setup: oneModel([{ name: 'n', type: 'IntegerField', null: true, default: { $callable: 'counter' } }], { name: 'Ticket', settings: BIG_AUTO }),
  },
  async ({ session }) => {
    // The counter belongs to the session, so this case runs once: built with and without a value.
    const supplied: (number | null | undefined)[] = [undefined, 104, undefined, null, undefined, 7];
    let calls = 0;
    for (const given of supplied) {
      const values: Record<string, number | null> = given === undefined ? {} : { n: given };
      const ticket = await session.obj({ op: 'new', model: 'tapp.Ticket', values });
      if (given === undefined) calls += 1;
      expect(ticket.values?.n).toBe(given === undefined ? calls : given);
      // Saving does not call the default again.
      await session.ok({ op: 'save', obj: ticket.ref });
    }
    const created = await session.create('tapp.Ticket');
    calls += 1;
    expect(created.values?.n).toBe(calls);
    await session.objs({ op: 'filter', model: 'tapp.Ticket' });
    const next = await session.create('tapp.Ticket');
    expect(next.values?.n).toBe(calls + 1);
  },
);

specCase(
  {
    id: 'fields.arguments.default-lives-in-python',
    rule: 'A field default is applied by the model, not the column: an INSERT that bypasses the model and omits the column violates NOT NULL.',
    behaviors: ['FLD-ARG-DEFAULT-NOT-IN-DB'],
    needs: ['models.crud'],
    docs: 'ref/models/fields/#default',
    setup: oneModel([{ name: 'title', type: 'CharField', max_length: 5 }, { name: 'n', type: 'IntegerField', default: 7 }], { name: 'Row', settings: BIG_AUTO }),
  },
  async ({ session, property }) => {
    await property(fc.stringMatching(/^[a-z]{1,5}$/), async (title) => {
      const viaModel = await session.create('tapp.Row', { title });
      expect(viaModel.values?.n).toBe(7);
      const raw = await session.run({ op: 'raw_insert', model: 'tapp.Row', columns: { title } });
      expect(raw.ok ? 'inserted' : raw.error.type).toBe('IntegrityError');
      expect(await session.ok({ op: 'values', model: 'tapp.Row', fields: ['title', 'n'] })).toEqual([{ title, n: 7 }]);
    }, { numRuns: 10 });
  },
);

const accounts = oneModel(
  [
    { name: 'email', type: 'EmailField', unique: true },
    { name: 'city', type: 'CharField', max_length: 10, verbose_name: 'city/town', unique: true, null: true, blank: true },
  ],
  { name: 'Acct', settings: BIG_AUTO },
);
const address = fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z]{2,6}$/)).map(([u, d]) => `${u}@${d}.com`);

specCase(
  {
    id: 'fields.arguments.unique-save-is-integrity-error',
    rule: 'unique=True is a database constraint: saving a duplicate raises IntegrityError and writes nothing.',
    behaviors: ['FLD-ARG-UNIQUE-SAVE'],
    needs: ['fields.email'],
    docs: 'ref/models/fields/#unique',
    setup: accounts,
  },
  async ({ session, property }) => {
    await property(address, async (email) => {
      await session.create('tapp.Acct', { email });
      const second = await session.run({ op: 'create', model: 'tapp.Acct', values: { email } });
      expect(second.ok ? 'saved' : second.error.type).toBe('IntegrityError');
      expect(await session.ok({ op: 'count', model: 'tapp.Acct' })).toBe(1);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'fields.arguments.unique-full-clean-message',
    rule: "full_clean() reports a duplicate as 'unique' with \"<Model verbose name> with this <Field verbose name> already exists.\" (both capfirst), and an existing row passes its own check.",
    behaviors: ['FLD-ARG-UNIQUE-FULLCLEAN'],
    needs: ['fields.email', 'validation.full_clean'],
    docs: 'ref/models/instances/#django.db.models.Model.validate_unique',
    setup: accounts,
  },
  async ({ session, property }) => {
    await property(fc.tuple(address, fc.stringMatching(/^[A-Za-z]{1,10}$/)), async ([email, city]) => {
      const existing = await session.create('tapp.Acct', { email, city });
      expect(outcome(await session.run({ op: 'full_clean', obj: existing.ref }))).toEqual(VALID);
      const copy = await session.obj({ op: 'new', model: 'tapp.Acct', values: { email, city } });
      expect(outcome(await session.run({ op: 'full_clean', obj: copy.ref }))).toEqual({
        type: 'ValidationError',
        fields: {
          email: [{ code: 'unique', message: 'Acct with this Email already exists.' }],
          city: [{ code: 'unique', message: 'Acct with this City/town already exists.' }],
        },
      });
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'fields.arguments.unique-check-skips-only-none',
    rule: "full_clean()'s unique check skips a None value but not '': a second NULL passes, a second '' is 'unique'; a new instance given a taken pk clashes on the pk; an existing row never clashes with itself, whatever other rows exist.",
    behaviors: ['FLD-ARG-UNIQUE-FULLCLEAN'],
    needs: ['fields.email', 'validation.full_clean'],
    docs: 'ref/models/instances/#django.db.models.Model.validate_unique',
    setup: accounts,
  },
  async ({ session, property }) => {
    await property(fc.uniqueArray(address, { minLength: 5, maxLength: 5 }), async ([a, b, c, d, e]) => {
      const first = await session.create('tapp.Acct', { email: a!, city: null });
      const noCity = await session.obj({ op: 'new', model: 'tapp.Acct', values: { email: b!, city: null } });
      expect(outcome(await session.run({ op: 'full_clean', obj: noCity.ref }))).toEqual(VALID);
      await session.create('tapp.Acct', { email: c!, city: '' });
      const emptyCity = await session.obj({ op: 'new', model: 'tapp.Acct', values: { email: d!, city: '' } });
      expect(outcome(await session.run({ op: 'full_clean', obj: emptyCity.ref }))).toEqual({
        type: 'ValidationError',
        fields: { city: [{ code: 'unique', message: 'Acct with this City/town already exists.' }] },
      });
      const takenPk = await session.obj({ op: 'new', model: 'tapp.Acct', values: { id: first.pk, email: e!, city: null } });
      expect(outcome(await session.run({ op: 'full_clean', obj: takenPk.ref }))).toEqual({
        type: 'ValidationError',
        fields: { id: [{ code: 'unique', message: 'Acct with this ID already exists.' }] },
      });
      expect(outcome(await session.run({ op: 'full_clean', obj: first.ref }))).toEqual(VALID);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'fields.arguments.unique-together-full-clean',
    rule: "Meta.unique_together is checked by full_clean() before single unique fields, each clashing set as 'unique_together' under __all__ (\"<Model> with this A, B and C already exists.\"), skipped when one of its values is None or one of its fields is excluded.",
    behaviors: ['FLD-ARG-UNIQUE-FULLCLEAN'],
    needs: ['validation.full_clean', 'fields.integer'],
    docs: 'ref/models/options/#unique-together',
    setup: oneModel(
      [
        { name: 'day', type: 'CharField', max_length: 3 },
        { name: 'room', type: 'CharField', max_length: 3 },
        { name: 'hour', type: 'IntegerField', null: true, blank: true },
        { name: 'code', type: 'CharField', max_length: 5, unique: true },
      ],
      { name: 'Slot', settings: BIG_AUTO, meta: { unique_together: [['day', 'room'], ['day', 'hour', 'room']] } },
    ),
  },
  async ({ session, property }) => {
    const word = fc.stringMatching(/^[a-z]{1,2}$/);
    const codes = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 4, maxLength: 4 });
    await property(fc.tuple(word, word, fc.integer({ min: 0, max: 22 }), codes), async ([day, room, hour, [c1, c2, c3, c4]]) => {
      const existing = await session.create('tapp.Slot', { day, room, hour, code: c1! });
      await session.create('tapp.Slot', { day: `${day}x`, room, hour, code: c2! });
      expect(outcome(await session.run({ op: 'full_clean', obj: existing.ref }))).toEqual(VALID);
      const pair = { code: 'unique_together', message: 'Slot with this Day and Room already exists.' };
      const triple = { code: 'unique_together', message: 'Slot with this Day, Hour and Room already exists.' };
      const clean = async (values: Record<string, string | number | null>, exclude?: string[]) => {
        const item = await session.obj({ op: 'new', model: 'tapp.Slot', values });
        return outcome(await session.run({ op: 'full_clean', obj: item.ref, ...(exclude && { exclude }) }));
      };
      expect(await clean({ day, room, hour, code: c1! })).toEqual({
        type: 'ValidationError',
        fields: { __all__: [pair, triple], code: [{ code: 'unique', message: 'Slot with this Code already exists.' }] },
      });
      expect(await clean({ day, room, hour: hour + 1, code: c3! })).toEqual({ type: 'ValidationError', fields: { __all__: [pair] } });
      expect(await clean({ day, room, hour: null, code: c3! })).toEqual({ type: 'ValidationError', fields: { __all__: [pair] } });
      expect(await clean({ day, room, hour, code: c4! }, ['room'])).toEqual(VALID);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'fields.arguments.unique-is-exact-match',
    rule: 'unique compares stored values exactly: values differing only in case coexist, NULLs never collide, and a second empty string does.',
    behaviors: ['FLD-ARG-UNIQUE-CASE'],
    needs: ['fields.email', 'validation.full_clean'],
    seed: 'Seed: unique=True is "Great for emails." Django 5.2: the check is case-sensitive, so A@X.COM and a@x.com can both be stored.',
    docs: 'ref/models/fields/#unique',
    setup: accounts,
  },
  async ({ session, property }) => {
    await property(address.filter((e) => e !== e.toUpperCase()), async (email) => {
      await session.create('tapp.Acct', { email, city: null });
      const upper = await session.obj({ op: 'new', model: 'tapp.Acct', values: { email: email.toUpperCase(), city: null } });
      expect(outcome(await session.run({ op: 'full_clean', obj: upper.ref }))).toEqual(VALID);
      await session.ok({ op: 'save', obj: upper.ref });
      await session.ok({ op: 'update', model: 'tapp.Acct', values: { city: null } });
      await session.create('tapp.Acct', { email: `x${email}`, city: '' });
      const emptyAgain = await session.run({ op: 'create', model: 'tapp.Acct', values: { email: `y${email}`, city: '' } });
      expect(emptyAgain.ok ? 'saved' : emptyAgain.error.type).toBe('IntegrityError');
      expect(await session.ok({ op: 'count', model: 'tapp.Acct' })).toBe(3);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'fields.arguments.custom-primary-key',
    rule: "primary_key=True on a field replaces the implicit id; it implies unique, '' is a storable pk, and changing the pk then saving copies the row instead of renaming it.",
    behaviors: ['FLD-ARG-PK-CUSTOM'],
    needs: ['models.crud', 'models.meta', 'validation.full_clean'],
    docs: 'ref/models/fields/#primary-key',
    setup: oneModel([{ name: 'code', type: 'CharField', max_length: 10, primary_key: true }, { name: 'label', type: 'CharField', max_length: 10 }], { name: 'K', settings: BIG_AUTO }),
  },
  async ({ session, property }) => {
    const meta = (await session.ok({ op: 'meta', model: 'tapp.K' })) as { pk: string; fields: { name: string }[] };
    expect({ pk: meta.pk, fields: meta.fields.map((f) => f.name) }).toEqual({ pk: 'code', fields: ['code', 'label'] });
    const code = fc.stringMatching(/^[a-z0-9]{1,10}$/);
    await property(fc.uniqueArray(code, { minLength: 2, maxLength: 2 }), async ([first, second]) => {
      const row = await session.create('tapp.K', { code: first!, label: 'l' });
      expect(row.pk).toBe(first);
      const twin = await session.obj({ op: 'new', model: 'tapp.K', values: { code: first!, label: 'm' } });
      expect(outcome(await session.run({ op: 'full_clean', obj: twin.ref }))).toEqual({ type: 'ValidationError', fields: { code: [{ code: 'unique', message: 'K with this Code already exists.' }] } });
      await session.ok({ op: 'assign', obj: row.ref, values: { code: second! } });
      await session.ok({ op: 'save', obj: row.ref });
      const codes = ((await session.ok({ op: 'values', model: 'tapp.K', fields: ['code'] })) as { code: string }[]).map((r) => r.code).sort();
      expect(codes).toEqual([first!, second!].sort());
    }, { numRuns: 10 });
    const empty = await session.create('tapp.K', { label: 'e' });
    expect(empty.pk).toBe('');
  },
);

specCase(
  {
    id: 'fields.arguments.verbose-names-and-help-text',
    rule: 'A field\'s verbose_name defaults to its name with "_" as spaces (the auto pk is "ID"), the model\'s to its class name split at capitals and lower-cased (+"s" for the plural), and help_text is kept verbatim as metadata.',
    behaviors: ['FLD-ARG-VERBOSE-NAME', 'FLD-ARG-HELP-TEXT'],
    needs: ['models.meta'],
    docs: 'topics/db/models/#verbose-field-names',
    setup: oneModel(
      [
        { name: 'followers_count', type: 'IntegerField', default: 0, help_text: 'How many people follow.' },
        { name: 'birth_date', type: 'DateField', null: true },
        { name: 'headline', type: 'CharField', max_length: 20, verbose_name: 'Headline' },
      ],
      { name: 'HTTPResponseLog', settings: BIG_AUTO },
    ),
  },
  async ({ session }) => {
    const meta = (await session.ok({ op: 'meta', model: 'tapp.HTTPResponseLog' })) as { verbose_name: string; verbose_name_plural: string; fields: Record<string, unknown>[] };
    expect({
      model: [meta.verbose_name, meta.verbose_name_plural],
      fields: meta.fields.map((f) => [f.name, f.verbose_name, f.help_text]),
    }).toEqual({
      model: ['http response log', 'http response logs'],
      fields: [['id', 'ID', ''], ['followers_count', 'followers count', 'How many people follow.'], ['birth_date', 'birth date', ''], ['headline', 'Headline', '']],
    });
  },
);

specCase(
  {
    id: 'fields.arguments.reserved-field-names',
    rule: 'Field names may not end with "_" (fields.E001), contain "__" (fields.E002) or be "pk" (fields.E003).',
    behaviors: ['FLD-FIELD-NAME-RULES'],
    needs: ['models.checks'],
    docs: 'ref/checks/#fields',
    setup: {
      settings: BIG_AUTO,
      create_tables: false,
      apps: [{ name: 'tapp', models: [{ name: 'Bad', fields: [
        { name: 'name_', type: 'IntegerField' },
        { name: 'a__b', type: 'IntegerField' },
        { name: 'pk', type: 'IntegerField' },
        { name: 'fine', type: 'IntegerField' },
      ] }] }],
    },
  },
  async ({ session }) => {
    const checks = (await session.ok({ op: 'check' })) as Record<string, unknown>[];
    expect(checks.map(({ id, msg, obj }) => ({ id, msg, obj }))).toEqual([
      { id: 'fields.E001', msg: 'Field names must not end with an underscore.', obj: 'tapp.Bad.name_' },
      { id: 'fields.E002', msg: 'Field names must not contain "__".', obj: 'tapp.Bad.a__b' },
      { id: 'fields.E003', msg: "'pk' is a reserved word that cannot be used as a field name.", obj: 'tapp.Bad.pk' },
    ]);
  },
);
