import { specCase, fc, expect } from '../support/index.js';
import type { SpecSession } from '../support/index.js';
import { beforeMigrate, noteApp, title, type FieldDecl } from './support.js';

const count: FieldDecl = { name: 'count', type: 'IntegerField', default: 0 };

/** `tables` without `has_default` on the primary key, whose default is the backend's sequence or identity. */
async function tablesOf(session: SpecSession) {
  const tables = (await session.ok({ op: 'tables' })) as Array<{ table: string; columns: Array<{ name: string; null: boolean; has_default?: boolean }> }>;
  return tables.map((t) => ({ table: t.table, columns: t.columns.map((c) => (c.name === 'id' ? { name: c.name, null: c.null } : c)) }));
}

async function makeAndMigrate(session: SpecSession, fields?: FieldDecl[], defaults?: Record<string, never>) {
  await session.ok({ op: 'makemigrations', apps: fields ? [noteApp(fields)] : [], ...(defaults && { defaults }) });
  return session.ok({ op: 'migrate' });
}

specCase(
  {
    id: 'migrations.migrate.applies-in-order-and-records',
    rule: 'migrate applies every pending migration in dependency order, creates the <app_label>_<model> table with the fields\' columns, and records each migration as applied.',
    behaviors: ['FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#migrate',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await session.ok({ op: 'makemigrations', apps: [] });
    await session.ok({ op: 'makemigrations', apps: [noteApp([title, count])] });
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: ['tapp.0001_initial', 'tapp.0002_note_count'], unapplied: [] });
    expect(await session.ok({ op: 'showmigrations' })).toEqual([
      { app: 'tapp', name: '0001_initial', applied: true },
      { app: 'tapp', name: '0002_note_count', applied: true },
    ]);
    expect(await tablesOf(session)).toEqual([{
      table: 'tapp_note',
      columns: [{ name: 'count', null: false, has_default: false }, { name: 'id', null: false }, { name: 'title', null: false, has_default: false }],
    }]);
    expect(await session.create('tapp.Note', { title: 'a' })).toMatchObject({ pk: 1, values: { count: 0 } });
  },
);

specCase(
  {
    id: 'migrations.migrate.repeating-is-a-no-op',
    rule: 'Running migrate again with nothing new applies nothing ("No migrations to apply."), records nothing twice and leaves the schema as it was.',
    behaviors: ['FLD-MIG-IDEMPOTENT'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#migrate',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await makeAndMigrate(session);
    const tables = await tablesOf(session);
    const shown = await session.ok({ op: 'showmigrations' });
    for (let k = 0; k < 3; k++) {
      expect(await session.ok({ op: 'migrate' })).toEqual({ applied: [], unapplied: [], unmigrated_changes: [] });
      expect(await tablesOf(session)).toEqual(tables);
      expect(await session.ok({ op: 'showmigrations' })).toEqual(shown);
    }
  },
);

specCase(
  {
    id: 'migrations.migrate.unmigrated-changes-are-not-applied',
    rule: 'migrate never reads the models: after a model change without makemigrations it applies nothing, changes no column, and names the app whose models have changes not reflected in a migration.',
    behaviors: ['FLD-MIG-PENDING-WARNING'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#migrate',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await makeAndMigrate(session);
    const tables = await tablesOf(session);
    // Edit models.py (no makemigrations): the dry run only reports, then migrate.
    expect(await session.ok({ op: 'makemigrations', apps: [noteApp([title, count])], dry_run: true })).toMatchObject({ migrations: [{ name: '0002_note_count' }] });
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: [], unapplied: [], unmigrated_changes: ['tapp'] });
    expect(await tablesOf(session)).toEqual(tables);
  },
);

specCase(
  {
    id: 'migrations.migrate.added-column-backfills-existing-rows',
    rule: 'Adding a field with a default fills every existing row with it, a one-off default fills them too without staying on the field, and neither leaves a database default on the column.',
    behaviors: ['FLD-MIG-ADDFIELD-BACKFILL'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/migration-operations/#addfield',
    setup: beforeMigrate([title]),
  },
  async ({ open, property }) => {
    await property(fc.record({ rows: fc.integer({ min: 0, max: 4 }), initial: fc.integer({ min: -5, max: 5 }), oneOff: fc.string({ maxLength: 6 }) }), async ({ rows, initial, oneOff }) => {
      const opened = await open(beforeMigrate([title]));
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      await makeAndMigrate(session);
      for (let i = 0; i < rows; i++) await session.create('tapp.Note', { title: `t${i}` });
      const score: FieldDecl = { name: 'score', type: 'IntegerField', default: initial };
      const nick: FieldDecl = { name: 'nick', type: 'CharField', max_length: 10 };
      await makeAndMigrate(session, [title, score, nick], { 'tapp.Note.nick': oneOff as never });
      const values = await session.ok({ op: 'values', model: 'tapp.Note', fields: ['title', 'score', 'nick'], order_by: ['id'] });
      expect(values).toEqual(Array.from({ length: rows }, (_, i) => ({ title: `t${i}`, score: initial, nick: oneOff })));
      expect(await tablesOf(session)).toEqual([{
        table: 'tapp_note',
        columns: [{ name: 'id', null: false }, { name: 'nick', null: false, has_default: false }, { name: 'score', null: false, has_default: false }, { name: 'title', null: false, has_default: false }],
      }]);
      // The one-off default belongs to the migration only: a new instance has no nick.
      expect((await session.obj({ op: 'new', model: 'tapp.Note' })).values).toMatchObject({ score: initial, nick: '' });
      expect(await session.ok({ op: 'makemigrations', apps: [] })).toEqual({ migrations: [] });
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'migrations.migrate.changed-default-keeps-rows',
    rule: 'Changing a field\'s default is detected as AlterField and migrating it leaves every existing row\'s value unchanged; only later instances get the new default.',
    behaviors: ['FLD-MIG-ALTERFIELD-NO-BACKFILL'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/migration-operations/#alterfield',
  },
  async ({ open, property }) => {
    await property(fc.record({ before: fc.array(fc.integer({ min: -9, max: 9 }), { maxLength: 4 }), next: fc.integer({ min: 10, max: 20 }) }), async ({ before, next }) => {
      const opened = await open(beforeMigrate([title, count]));
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      await makeAndMigrate(session);
      for (const value of before) await session.create('tapp.Note', { title: 't', count: value });
      const made = await session.ok({ op: 'makemigrations', apps: [noteApp([title, { ...count, default: next }])] });
      expect(made).toMatchObject({ migrations: [{ name: '0002_alter_note_count', operations: [{ type: 'AlterField', model: 'note', field: 'count', describe: 'Alter field count on note' }] }] });
      await session.ok({ op: 'migrate' });
      expect(await session.ok({ op: 'values', model: 'tapp.Note', fields: ['count'], order_by: ['id'] })).toEqual(before.map((value) => ({ count: value })));
      expect((await session.create('tapp.Note', { title: 'new' })).values).toMatchObject({ count: next });
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'migrations.migrate.callable-default-evaluated-once',
    rule: 'A callable default is called once for the whole AddField: every existing row gets the same value, so adding a unique field with a callable default fails with IntegrityError on two or more rows, and the failed migration is rolled back and stays unapplied.',
    behaviors: ['FLD-MIG-CALLABLE-DEFAULT', 'FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations', 'models.crud'],
    docs: 'howto/writing-migrations/#migrations-that-add-unique-fields',
  },
  async ({ open, property }) => {
    await property(fc.integer({ min: 0, max: 4 }), async (rows) => {
      const opened = await open(beforeMigrate([title]));
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      await makeAndMigrate(session);
      for (let i = 0; i < rows; i++) await session.create('tapp.Note', { title: `t${i}` });
      const before = await tablesOf(session);
      const serial: FieldDecl = { name: 'serial', type: 'IntegerField', unique: true, default: { $callable: 'counter' } };
      await session.ok({ op: 'makemigrations', apps: [noteApp([title, serial])] });
      const response = await session.run({ op: 'migrate' });
      const shown = await session.ok({ op: 'showmigrations' });
      if (rows >= 2) {
        expect(response).toMatchObject({ ok: false, error: { type: 'IntegrityError' } });
        expect(shown).toEqual([{ app: 'tapp', name: '0001_initial', applied: true }, { app: 'tapp', name: '0002_note_serial', applied: false }]);
        expect(await tablesOf(session)).toEqual(before);
      } else {
        expect(response).toMatchObject({ ok: true, value: { applied: ['tapp.0002_note_serial'] } });
        expect(await session.ok({ op: 'values', model: 'tapp.Note', fields: ['serial'] })).toEqual(rows ? [{ serial: 1 }] : []);
      }
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'migrations.migrate.backwards-unapplies-newest-first',
    rule: 'migrate <app> <earlier> unapplies the later migrations newest first, dropping what they added and deleting their records; migrate <app> zero unapplies everything, and migrating forwards again re-applies them.',
    behaviors: ['FLD-MIG-REVERSE'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/django-admin/#migrate',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await makeAndMigrate(session);
    const initialTables = await tablesOf(session);
    await makeAndMigrate(session, [title, count]);
    await makeAndMigrate(session, [title, count, { name: 'flag', type: 'BooleanField', null: true }]);
    await session.create('tapp.Note', { title: 'kept' });
    expect(await session.ok({ op: 'migrate', app: 'tapp', target: '0001' })).toEqual({ applied: [], unapplied: ['tapp.0003_note_flag', 'tapp.0002_note_count'] });
    expect(await tablesOf(session)).toEqual(initialTables);
    expect(await session.ok({ op: 'showmigrations' })).toEqual([
      { app: 'tapp', name: '0001_initial', applied: true },
      { app: 'tapp', name: '0002_note_count', applied: false },
      { app: 'tapp', name: '0003_note_flag', applied: false },
    ]);
    expect(await session.ok({ op: 'migrate', app: 'tapp', target: 'zero' })).toEqual({ applied: [], unapplied: ['tapp.0001_initial'] });
    expect(await tablesOf(session)).toEqual([]);
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: ['tapp.0001_initial', 'tapp.0002_note_count', 'tapp.0003_note_flag'], unapplied: [] });
    expect(await session.ok({ op: 'count', model: 'tapp.Note' })).toBe(0);
  },
);

specCase(
  {
    id: 'migrations.migrate.dependencies-first-across-apps',
    rule: 'A migration whose model has a foreign key into another app depends on that app\'s migration, is written after it, and migrate applies the dependency first whatever the app order.',
    behaviors: ['FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations', 'relations.fk'],
    docs: 'topics/migrations/#dependencies',
    setup: {
      apps: [
        { name: 'blog', models: [{ name: 'Post', fields: [{ name: 'note', type: 'ForeignKey', to: 'tapp.Note', on_delete: 'CASCADE' }, title] }] },
        noteApp([title]),
      ],
      create_tables: false,
    },
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'makemigrations', apps: [] })).toEqual({
      migrations: [
        { app: 'tapp', name: '0001_initial', initial: true, dependencies: [], operations: [{ type: 'CreateModel', model: 'Note', fields: ['id', 'title'], describe: 'Create model Note' }] },
        // Relation fields come last in CreateModel: Django adds them separately and folds them back in.
        { app: 'blog', name: '0001_initial', initial: true, dependencies: [['tapp', '0001_initial']], operations: [{ type: 'CreateModel', model: 'Post', fields: ['id', 'title', 'note'], describe: 'Create model Post' }] },
      ],
    });
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: ['tapp.0001_initial', 'blog.0001_initial'], unapplied: [] });
    expect(await session.ok({ op: 'showmigrations' })).toEqual([
      { app: 'blog', name: '0001_initial', applied: true },
      { app: 'tapp', name: '0001_initial', applied: true },
    ]);
    expect((await tablesOf(session)).map((t) => [t.table, t.columns.map((c) => c.name)])).toEqual([
      ['blog_post', ['id', 'note_id', 'title']],
      ['tapp_note', ['id', 'title']],
    ]);
  },
);

specCase(
  {
    id: 'migrations.migrate.contrib-apps-first',
    rule: 'On a fresh project migrate applies the contrib apps\' own migrations in their dependency order (contenttypes 0001 and 0002, then auth 0001 to 0012) before the project\'s app, and records every one of them.',
    behaviors: ['FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations'],
    seed: 'Seed: migrate "creates the actual Profile table (along with any other pending migrations)". Django 5.2: those are the 14 contenttypes and auth migrations, applied first.',
    docs: 'ref/django-admin/#migrate',
    setup: { apps: [{ name: 'django.contrib.contenttypes' }, { name: 'django.contrib.auth' }, noteApp([title])], create_tables: false },
  },
  async ({ session }) => {
    await session.ok({ op: 'makemigrations', apps: [] });
    const auth = [
      '0001_initial', '0002_alter_permission_name_max_length', '0003_alter_user_email_max_length', '0004_alter_user_username_opts',
      '0005_alter_user_last_login_null', '0006_require_contenttypes_0002', '0007_alter_validators_add_error_messages',
      '0008_alter_user_username_max_length', '0009_alter_user_last_name_max_length', '0010_alter_group_name_max_length',
      '0011_update_proxy_permissions', '0012_alter_user_first_name_max_length',
    ];
    const applied = ['contenttypes.0001_initial', 'contenttypes.0002_remove_content_type_name', ...auth.map((n) => `auth.${n}`), 'tapp.0001_initial'];
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied, unapplied: [] });
    const shown = (await session.ok({ op: 'showmigrations' })) as Array<{ app: string; name: string; applied: boolean }>;
    expect(shown.map((m) => `${m.app}.${m.name}`)).toEqual([...auth.map((n) => `auth.${n}`), 'contenttypes.0001_initial', 'contenttypes.0002_remove_content_type_name', 'tapp.0001_initial']);
    expect(shown.every((m) => m.applied)).toBe(true);
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: [], unapplied: [], unmigrated_changes: [] });
  },
);

specCase(
  {
    id: 'migrations.migrate.bad-targets-are-command-errors',
    rule: 'migrate names what it cannot find as a CommandError: an unknown app label, a target no migration name starts with, and a prefix that matches several migrations; nothing is applied.',
    behaviors: ['FLD-MIG-REVERSE'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#migrate',
    setup: beforeMigrate([title]),
  },
  async ({ session }) => {
    await makeAndMigrate(session);
    await session.ok({ op: 'makemigrations', apps: [noteApp([title, count])] });
    const errors = [
      await session.error({ op: 'migrate', app: 'nope' }),
      await session.error({ op: 'migrate', app: 'tapp', target: '9999' }),
      await session.error({ op: 'migrate', app: 'tapp', target: '000' }),
    ];
    expect(errors.map((e) => [e.type, e.message])).toEqual([
      ['CommandError', "No installed app with label 'nope'."],
      ['CommandError', "Cannot find a migration matching '9999' from app 'tapp'."],
      ['CommandError', "More than one migration matches '000' in app 'tapp'. Please be more specific."],
    ]);
    expect(await session.ok({ op: 'showmigrations' })).toEqual([{ app: 'tapp', name: '0001_initial', applied: true }, { app: 'tapp', name: '0002_note_count', applied: false }]);
    const unknownLabel = await session.error({ op: 'makemigrations', apps: [], app_labels: ['nope'] });
    expect(unknownLabel).toMatchObject({ type: 'SystemExit', code: 2, message: "No installed app with label 'nope'." });
  },
);

specCase(
  {
    id: 'migrations.migrate.backwards-readding-required-field-fails',
    rule: 'Unapplying the removal of a NOT NULL field without a default re-adds the column with no value for existing rows, so on a table with rows it fails with IntegrityError and the migration stays applied.',
    behaviors: ['FLD-MIG-REVERSE'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/migration-operations/#removefield',
    setup: beforeMigrate([title, { name: 'flag', type: 'BooleanField' }]),
  },
  async ({ session }) => {
    await makeAndMigrate(session);
    await session.create('tapp.Note', { title: 'a', flag: true });
    expect(await makeAndMigrate(session, [title])).toEqual({ applied: ['tapp.0002_remove_note_flag'], unapplied: [] });
    const error = await session.error({ op: 'migrate', app: 'tapp', target: '0001_initial' });
    expect(error.type).toBe('IntegrityError');
    expect(await session.ok({ op: 'showmigrations' })).toEqual([{ app: 'tapp', name: '0001_initial', applied: true }, { app: 'tapp', name: '0002_remove_note_flag', applied: true }]);
    expect((await tablesOf(session))[0]!.columns.map((c) => c.name)).toEqual(['id', 'title']);
  },
);
