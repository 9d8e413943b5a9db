import { specCase, fc, expect } from '../support/index.js';
import { beforeMigrate, noteApp, title, type FieldDecl } from './support.js';

specCase(
  {
    id: 'migrations.makemigrations.initial-plans-without-schema',
    rule: 'The first makemigrations writes 0001_initial (initial, no dependencies) with one CreateModel holding the implicit id and the declared fields, creates no table, and a model query before migrate fails with a missing-relation error.',
    behaviors: ['FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA'],
    needs: ['migrations', 'models.crud'],
    seed: 'Seed: "This doesn\'t touch the database yet — it just creates a plan". Django 5.2 agrees; it only reads the migration history.',
    divergences: [{ vendor: 'sqlite', reason: 'SQLite reports the missing table as OperationalError "no such table: tapp_note", not ProgrammingError.' }],
    docs: 'topics/migrations/#workflow',
    setup: beforeMigrate([title, { name: 'body', type: 'TextField', blank: true }]),
  },
  async ({ session }) => {
    const made = await session.ok({ op: 'makemigrations', apps: [] });
    expect(made).toEqual({
      migrations: [{
        app: 'tapp',
        name: '0001_initial',
        initial: true,
        dependencies: [],
        operations: [{ type: 'CreateModel', model: 'Note', fields: ['id', 'title', 'body'], describe: 'Create model Note' }],
      }],
    });
    expect(await session.ok({ op: 'tables' })).toEqual([]);
    expect(await session.ok({ op: 'showmigrations' })).toEqual([{ app: 'tapp', name: '0001_initial', applied: false }]);
    const error = await session.error({ op: 'create', model: 'tapp.Note', values: { title: 'a' } });
    expect(error.type).toBe('ProgrammingError');
  },
);

specCase(
  {
    id: 'migrations.makemigrations.no-changes-detected',
    rule: 'makemigrations with no model change since the last migration writes nothing (Django prints "No changes detected"), however often it runs.',
    behaviors: ['FLD-MIG-IDEMPOTENT'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#makemigrations',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await session.ok({ op: 'makemigrations', apps: [] });
    for (let i = 0; i < 3; i++) expect(await session.ok({ op: 'makemigrations', apps: [] })).toEqual({ migrations: [] });
    expect(await session.ok({ op: 'makemigrations', apps: [noteApp([title])] })).toEqual({ migrations: [] });
  },
);

specCase(
  {
    id: 'migrations.makemigrations.unpackaged-app-needs-naming',
    rule: 'An app without a migrations package gets no migration from a plain makemigrations ("No changes detected"); naming it creates the package and its 0001_initial.',
    behaviors: ['FLD-MIG-NEEDS-PACKAGE'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#makemigrations',
    setup: { apps: [noteApp([title], { migrations: false })], create_tables: false },
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'makemigrations', apps: [] })).toEqual({ migrations: [] });
    const named = await session.ok({ op: 'makemigrations', apps: [], app_labels: ['tapp'] });
    expect(named).toMatchObject({ migrations: [{ app: 'tapp', name: '0001_initial', initial: true }] });
    expect(await session.ok({ op: 'makemigrations', apps: [noteApp([title, { name: 'n', type: 'IntegerField', null: true }], { migrations: false })] })).toMatchObject({
      migrations: [{ app: 'tapp', name: '0002_note_n', operations: [{ type: 'AddField', model: 'note', field: 'n', describe: 'Add field n to note' }] }],
    });
  },
);

/** The table of Django's answers for one new field on a model that already has a migration. */
const NONNULL_MESSAGE = (name: string) => `Field '${name}' on model 'note' not migrated: it is impossible to add a non-nullable field without specifying a default.`;

/** Field declarations for the one-off-default question: every combination of the options that matter. */
const newField = fc.record({
  type: fc.constantFrom('CharField' as const, 'TextField' as const, 'IntegerField' as const, 'BooleanField' as const),
  null: fc.boolean(),
  blank: fc.boolean(),
  withDefault: fc.boolean(),
});

specCase(
  {
    id: 'migrations.makemigrations.non-null-addition-needs-default',
    rule: 'A new field needs a one-off default exactly when it is not null, has no default and is not blank on a string-like field; without an answer makemigrations exits with status 3 and writes nothing, even for an empty table, and with one it writes AddField(preserve_default=False).',
    behaviors: ['FLD-MIG-ADDFIELD-NONNULL'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#makemigrations',
  },
  async ({ open, property }) => {
    await property(newField, async (shape) => {
      const field: FieldDecl = { name: 'extra', type: shape.type };
      if (shape.null) field.null = true;
      if (shape.blank) field.blank = true;
      if (shape.withDefault) field.default = shape.type === 'IntegerField' ? 1 : shape.type === 'BooleanField' ? true : 'x';
      const needs = !field.null && field.default === undefined && !(field.blank && ['CharField', 'TextField'].includes(field.type));
      if (field.type === 'CharField') field.max_length = 5;

      const opened = await open(beforeMigrate([title]));
      if (!opened.ok) throw new Error(opened.error.message);
      const s = opened.session;
      await s.ok({ op: 'makemigrations', apps: [] });
      const changed = [noteApp([title, field])];
      const asked = await s.run({ op: 'makemigrations', apps: changed });
      if (needs) {
        expect(asked).toMatchObject({ ok: false, error: { type: 'SystemExit', code: 3, message: NONNULL_MESSAGE('extra') } });
        expect(await s.ok({ op: 'showmigrations' })).toEqual([{ app: 'tapp', name: '0001_initial', applied: false }]);
        const oneOff = field.type === 'IntegerField' ? 0 : field.type === 'BooleanField' ? false : '';
        const answered = await s.ok({ op: 'makemigrations', apps: changed, defaults: { 'tapp.Note.extra': oneOff } });
        expect(answered).toMatchObject({ migrations: [{ name: '0002_note_extra', operations: [{ type: 'AddField', field: 'extra', preserve_default: false }] }] });
      } else {
        expect(asked.ok && asked.value).toEqual({
          migrations: [{ app: 'tapp', name: '0002_note_extra', initial: false, dependencies: [['tapp', '0001_initial']], operations: [{ type: 'AddField', model: 'note', field: 'extra', describe: 'Add field extra to note' }] }],
        });
      }
      // Either way the one-off default is not part of the field: nothing is left to detect.
      expect(await s.ok({ op: 'makemigrations', apps: [] })).toEqual({ migrations: [] });
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'migrations.makemigrations.auto-now-add-addition-needs-default',
    rule: 'A new auto_now_add field needs a one-off default too (makemigrations exits with status 3 and its own message), while a new auto_now field needs none.',
    behaviors: ['FLD-MIG-ADDFIELD-NONNULL'],
    needs: ['migrations', 'fields.datetime'],
    docs: 'ref/django-admin/#makemigrations',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await session.ok({ op: 'makemigrations', apps: [] });
    const error = await session.error({ op: 'makemigrations', apps: [noteApp([title, { name: 'created', type: 'DateTimeField', auto_now_add: true }])] });
    expect(error).toMatchObject({ type: 'SystemExit', code: 3, message: "Field 'created' on model 'note' not migrated: it is impossible to add a field with 'auto_now_add=True' without specifying a default." });
    const made = await session.ok({ op: 'makemigrations', apps: [noteApp([title, { name: 'touched', type: 'DateTimeField', auto_now: true }])] });
    expect(made).toMatchObject({ migrations: [{ name: '0002_note_touched', operations: [{ type: 'AddField', field: 'touched' }] }] });
  },
);

specCase(
  {
    id: 'migrations.makemigrations.seed-profile-initial',
    rule: 'The seed\'s Profile gets users/0001_initial: one CreateModel with id, bio, location, profile_image, birth_date and then the one-to-one user (relations last), depending on the swappable user model (auth\'s first migration); migrate then creates users_profile with a user_id column.',
    behaviors: ['FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA', 'FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations', 'relations.o2o'],
    docs: 'topics/migrations/#workflow',
    setup: {
      apps: [
        { name: 'django.contrib.contenttypes' },
        { name: 'django.contrib.auth' },
        {
          name: 'users',
          models: [{
            name: 'Profile',
            fields: [
              { name: 'user', type: 'OneToOneField', to: 'auth.User', on_delete: 'CASCADE' },
              { name: 'bio', type: 'TextField', blank: true },
              { name: 'location', type: 'CharField', max_length: 100, blank: true },
              { name: 'profile_image', type: 'CharField', max_length: 200, blank: true },
              { name: 'birth_date', type: 'DateField', blank: true, null: true },
            ],
          }],
        },
      ],
      create_tables: false,
    },
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'makemigrations', apps: [] })).toEqual({
      migrations: [{
        app: 'users',
        name: '0001_initial',
        initial: true,
        dependencies: [['auth', '__first__']],
        operations: [{ type: 'CreateModel', model: 'Profile', fields: ['id', 'bio', 'location', 'profile_image', 'birth_date', 'user'], describe: 'Create model Profile' }],
      }],
    });
    expect(await session.ok({ op: 'tables' })).toEqual([]);
    const applied = (await session.ok({ op: 'migrate' })) as { applied: string[] };
    expect(applied.applied.at(-1)).toBe('users.0001_initial');
    const tables = (await session.ok({ op: 'tables' })) as Array<{ table: string; columns: Array<{ name: string; null: boolean }> }>;
    expect(tables.find((t) => t.table === 'users_profile')?.columns.map((c) => [c.name, c.null])).toEqual([
      ['bio', false], ['birth_date', true], ['id', false], ['location', false], ['profile_image', false], ['user_id', false],
    ]);
  },
);

specCase(
  {
    id: 'migrations.makemigrations.meta-options-and-table',
    rule: 'Changed Meta ordering or verbose names become AlterModelOptions ("Change Meta options on note", no schema change) ahead of the field operations, and a new db_table becomes AlterModelTable ("Rename table for note to ...") after them, which renames the table.',
    behaviors: ['FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA', 'FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations'],
    docs: 'ref/migration-operations/#altermodeloptions',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await session.ok({ op: 'makemigrations', apps: [] });
    await session.ok({ op: 'migrate' });
    const edited = { name: 'tapp', models: [{ name: 'Note', fields: [title, { name: 'extra', type: 'IntegerField' as const, null: true }], meta: { ordering: ['title'], verbose_name: 'memo', db_table: 'custom_notes' } }] };
    expect(await session.ok({ op: 'makemigrations', apps: [edited] })).toEqual({
      migrations: [{
        app: 'tapp',
        name: '0002_alter_note_options_note_extra_alter_note_table',
        initial: false,
        dependencies: [['tapp', '0001_initial']],
        operations: [
          { type: 'AlterModelOptions', model: 'note', describe: 'Change Meta options on note' },
          { type: 'AddField', model: 'note', field: 'extra', describe: 'Add field extra to note' },
          { type: 'AlterModelTable', model: 'note', describe: 'Rename table for note to custom_notes' },
        ],
      }],
    });
    await session.ok({ op: 'migrate' });
    expect(((await session.ok({ op: 'tables' })) as Array<{ table: string }>).map((t) => t.table)).toEqual(['custom_notes']);
    expect(await session.ok({ op: 'makemigrations', apps: [] })).toEqual({ migrations: [] });
  },
);

specCase(
  {
    id: 'migrations.makemigrations.models-created-and-deleted',
    rule: 'A model added later is a CreateModel in a migration named after it (0002_tag), a removed model is a DeleteModel (0003_delete_note), and migrating them creates and drops their tables.',
    behaviors: ['FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA', 'FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations'],
    docs: 'ref/migration-operations/#createmodel',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    const tag = { name: 'Tag', fields: [{ name: 'name', type: 'CharField' as const, max_length: 50, unique: true }] };
    const note = { name: 'Note', fields: [title] };
    const tableNames = async () => ((await session.ok({ op: 'tables' })) as Array<{ table: string }>).map((t) => t.table);
    await session.ok({ op: 'makemigrations', apps: [] });
    await session.ok({ op: 'migrate' });
    expect(await session.ok({ op: 'makemigrations', apps: [{ name: 'tapp', models: [note, tag] }] })).toMatchObject({
      migrations: [{ name: '0002_tag', initial: false, operations: [{ type: 'CreateModel', model: 'Tag', fields: ['id', 'name'], describe: 'Create model Tag' }] }],
    });
    await session.ok({ op: 'migrate' });
    expect(await tableNames()).toEqual(['tapp_note', 'tapp_tag']);
    expect(await session.ok({ op: 'makemigrations', apps: [{ name: 'tapp', models: [tag] }] })).toMatchObject({
      migrations: [{ name: '0003_delete_note', operations: [{ type: 'DeleteModel', model: 'Note', describe: 'Delete model Note' }] }],
    });
    await session.ok({ op: 'migrate' });
    expect(await tableNames()).toEqual(['tapp_tag']);
  },
);
