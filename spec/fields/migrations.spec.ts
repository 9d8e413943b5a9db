import { specCase, expect, type SpecSession } from '../support/index.js';
import { outcome } from '../support/models.js';
import type { FieldSpec, SessionSetup } from '../../conformance/contract/schema.js';

const BIG_AUTO = { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' };

/** The seed's first Profile (without the user link), then what later versions add or change. */
const V1: FieldSpec[] = [
  { name: 'bio', type: 'TextField', blank: true },
  { name: 'location', type: 'CharField', max_length: 100, blank: true },
  { name: 'profile_image', type: 'CharField', blank: true },
  { name: 'birth_date', type: 'DateField', null: true, blank: true },
];
const usersApp = (fields: FieldSpec[]) => ({ name: 'users', models: [{ name: 'Profile', fields }] });
/** A project before `migrate`: models in code, no tables. */
const project = (fields: FieldSpec[]): SessionSetup => ({ settings: BIG_AUTO, create_tables: false, apps: [usersApp(fields)] });

async function makeAndMigrate(session: SpecSession, fields: FieldSpec[]): Promise<void> {
  await session.ok({ op: 'makemigrations', apps: [usersApp(fields)] });
  await session.ok({ op: 'migrate' });
}

const columnsOf = async (session: SpecSession) =>
  ((await session.ok({ op: 'tables' })) as { table: string; columns: { name: string }[] }[]).map((t) => [t.table, t.columns.map((c) => c.name)]);

specCase(
  {
    id: 'fields.migrations.makemigrations-creates-no-table',
    rule: 'makemigrations records a plan (0001_initial with CreateModel) without touching the schema, so the model cannot be queried until migrate runs.',
    behaviors: ['FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA'],
    needs: ['migrations'],
    docs: 'topics/migrations/#workflow',
    setup: project(V1),
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'makemigrations', apps: [usersApp(V1)] })).toEqual({
      migrations: [{ app: 'users', name: '0001_initial', operations: [{ type: 'CreateModel', model: 'profile' }] }],
    });
    expect(await session.ok({ op: 'tables' })).toEqual([]);
    expect(await session.ok({ op: 'showmigrations' })).toEqual([{ app: 'users', name: '0001_initial', applied: false }]);
    const query = await session.run({ op: 'count', model: 'users.Profile' });
    expect(query.ok ? 'counted' : query.error.type).toBe(session.vendor === 'sqlite' ? 'OperationalError' : 'ProgrammingError');
  },
);

specCase(
  {
    id: 'fields.migrations.only-named-apps',
    rule: 'makemigrations only plans for the apps it is given; an app left out gets no migration however its models changed.',
    behaviors: ['FLD-MIG-NEEDS-PACKAGE'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#makemigrations',
    setup: project(V1),
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'makemigrations', apps: [] })).toEqual({ migrations: [] });
    expect(await session.ok({ op: 'showmigrations' })).toEqual([]);
    expect(await session.ok({ op: 'makemigrations', apps: [usersApp(V1)] })).toMatchObject({ migrations: [{ app: 'users', name: '0001_initial' }] });
  },
);

specCase(
  {
    id: 'fields.migrations.migrate-applies-and-records',
    rule: 'migrate applies pending migrations in order, creates <app_label>_<model> tables and records each migration as applied.',
    behaviors: ['FLD-MIG-MIGRATE-RECORDS'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/django-admin/#migrate',
    setup: project(V1),
  },
  async ({ session }) => {
    await session.ok({ op: 'makemigrations', apps: [usersApp(V1)] });
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: ['users.0001_initial'], unapplied: [] });
    expect(await columnsOf(session)).toEqual([['users_profile', ['id', 'bio', 'location', 'profile_image', 'birth_date']]]);
    expect(await session.ok({ op: 'showmigrations' })).toEqual([{ app: 'users', name: '0001_initial', applied: true }]);
    await session.create('users.Profile', { bio: 'hi' });
    expect(await session.ok({ op: 'count', model: 'users.Profile' })).toBe(1);
  },
);

specCase(
  {
    id: 'fields.migrations.rerun-is-a-no-op',
    rule: 'Running migrate again applies nothing, and makemigrations on unchanged models plans nothing.',
    behaviors: ['FLD-MIG-IDEMPOTENT'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#migrate',
    setup: project(V1),
  },
  async ({ session }) => {
    await makeAndMigrate(session, V1);
    const before = await session.ok({ op: 'tables' });
    for (let i = 0; i < 3; i++) {
      expect(await session.ok({ op: 'migrate' })).toEqual({ applied: [], unapplied: [] });
      expect(await session.ok({ op: 'makemigrations', apps: [usersApp(V1)] })).toEqual({ migrations: [] });
    }
    expect(await session.ok({ op: 'tables' })).toEqual(before);
    expect(await session.ok({ op: 'showmigrations' })).toEqual([{ app: 'users', name: '0001_initial', applied: true }]);
  },
);

specCase(
  {
    id: 'fields.migrations.models-alone-change-nothing',
    rule: 'migrate only runs migrations: models with no migration written for them leave the schema unchanged.',
    behaviors: ['FLD-MIG-PENDING-WARNING'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#migrate',
    setup: project(V1),
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: [], unapplied: [] });
    expect(await session.ok({ op: 'tables' })).toEqual([]);
  },
);

specCase(
  {
    id: 'fields.migrations.new-required-field-needs-a-default',
    rule: 'Adding a NOT NULL field with no default needs a one-off default even for an empty table (without one, makemigrations stops with exit status 3); blank string fields need none.',
    behaviors: ['FLD-MIG-ADDFIELD-NONNULL'],
    needs: ['migrations'],
    docs: 'ref/django-admin/#makemigrations',
    setup: project(V1),
  },
  async ({ session }) => {
    await makeAndMigrate(session, V1);
    const nickname: FieldSpec = { name: 'nickname', type: 'CharField', max_length: 30 };
    const refused = await session.error({ op: 'makemigrations', apps: [usersApp([...V1, nickname])] });
    expect({ type: refused.type, message: refused.message }).toEqual({
      type: 'SystemExit',
      message: "Field 'nickname' on model 'profile' not migrated: it is impossible to add a non-nullable field without specifying a default.",
    });
    expect(await session.ok({ op: 'showmigrations' })).toHaveLength(1);
    const answered = await session.ok({ op: 'makemigrations', apps: [usersApp([...V1, nickname])], defaults: { 'users.Profile.nickname': 'anon' } });
    expect(answered).toEqual({ migrations: [{ app: 'users', name: '0002_profile_nickname', operations: [{ type: 'AddField', model: 'profile', field: 'nickname' }] }] });
    const optional: FieldSpec = { name: 'motto', type: 'CharField', max_length: 30, blank: true };
    expect(await session.ok({ op: 'makemigrations', apps: [usersApp([...V1, nickname, optional])] })).toMatchObject({ migrations: [{ name: '0003_profile_motto' }] });
  },
);

const V2_ADDED: FieldSpec[] = [
  { name: 'is_public', type: 'BooleanField', default: true },
  { name: 'followers_count', type: 'PositiveIntegerField', default: 0 },
];

specCase(
  {
    id: 'fields.migrations.add-field-backfills-existing-rows',
    rule: 'AddField with a default fills every existing row with it, and the column keeps no database default afterwards.',
    behaviors: ['FLD-MIG-ADDFIELD-BACKFILL'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/migration-operations/#addfield',
    setup: project([...V1, ...V2_ADDED]),
  },
  async ({ session }) => {
    await makeAndMigrate(session, V1);
    // Rows written by the old code (the model in this session is already the new one).
    for (const bio of ['a', 'b', 'c']) await session.ok({ op: 'raw_insert', model: 'users.Profile', columns: { bio, location: '', profile_image: '' } });
    const planned = await session.ok({ op: 'makemigrations', apps: [usersApp([...V1, ...V2_ADDED])] });
    expect(planned).toMatchObject({ migrations: [{ name: '0002_profile_followers_count_profile_is_public' }] });
    expect(await session.ok({ op: 'migrate' })).toEqual({ applied: ['users.0002_profile_followers_count_profile_is_public'], unapplied: [] });
    expect(await session.ok({ op: 'values', model: 'users.Profile', fields: ['bio', 'followers_count', 'is_public'], order_by: ['bio'] })).toEqual(
      ['a', 'b', 'c'].map((bio) => ({ bio, followers_count: 0, is_public: true })),
    );
    const raw = await session.run({ op: 'raw_insert', model: 'users.Profile', columns: { bio: 'd', location: '', profile_image: '' } });
    expect(raw.ok ? 'inserted' : raw.error.type).toBe('IntegrityError');
  },
);

specCase(
  {
    id: 'fields.migrations.alter-field-keeps-existing-values',
    rule: "Changing a field's default (the seed's CharField to URLField with a default image) alters the column but leaves existing values as they were.",
    behaviors: ['FLD-MIG-ALTERFIELD-NO-BACKFILL'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/migration-operations/#alterfield',
    setup: project(V1.map((f) => (f.name === 'profile_image' ? { name: 'profile_image', type: 'URLField', blank: true, default: 'https://example.com/default.jpg' } : f))),
  },
  async ({ session }) => {
    await makeAndMigrate(session, V1);
    await session.ok({ op: 'raw_insert', model: 'users.Profile', columns: { bio: 'old', location: '', profile_image: '' } });
    const v2 = V1.map((f): FieldSpec => (f.name === 'profile_image' ? { name: 'profile_image', type: 'URLField', blank: true, default: 'https://example.com/default.jpg' } : f));
    expect(await session.ok({ op: 'makemigrations', apps: [usersApp(v2)] })).toEqual({
      migrations: [{ app: 'users', name: '0002_alter_profile_profile_image', operations: [{ type: 'AlterField', model: 'profile', field: 'profile_image' }] }],
    });
    await session.ok({ op: 'migrate' });
    await session.create('users.Profile', { bio: 'new' });
    expect(await session.ok({ op: 'values', model: 'users.Profile', fields: ['bio', 'profile_image'], order_by: ['bio'] })).toEqual([
      { bio: 'new', profile_image: 'https://example.com/default.jpg' },
      { bio: 'old', profile_image: '' },
    ]);
  },
);

specCase(
  {
    id: 'fields.migrations.callable-unique-default-fails-on-rows',
    rule: 'A callable default is evaluated once for the whole migration, so adding a unique field with default=uuid4 to two or more rows fails with IntegrityError and is not recorded.',
    behaviors: ['FLD-MIG-CALLABLE-DEFAULT'],
    needs: ['migrations', 'fields.uuid'],
    docs: 'howto/writing-migrations/#migrations-that-add-unique-fields',
    setup: project([...V1, { name: 'uid', type: 'UUIDField', default: { $callable: 'uuid4' }, unique: true }]),
  },
  async ({ session }) => {
    await makeAndMigrate(session, V1);
    for (const bio of ['a', 'b']) await session.ok({ op: 'raw_insert', model: 'users.Profile', columns: { bio, location: '', profile_image: '' } });
    await session.ok({ op: 'makemigrations', apps: [usersApp([...V1, { name: 'uid', type: 'UUIDField', default: { $callable: 'uuid4' }, unique: true }])] });
    const failed = await session.run({ op: 'migrate' });
    expect(failed.ok ? 'applied' : failed.error.type).toBe('IntegrityError');
    expect(await session.ok({ op: 'showmigrations' })).toEqual([
      { app: 'users', name: '0001_initial', applied: true },
      { app: 'users', name: '0002_profile_uid', applied: false },
    ]);
    expect(await columnsOf(session)).toEqual([['users_profile', ['id', 'bio', 'location', 'profile_image', 'birth_date']]]);
  },
);

specCase(
  {
    id: 'fields.migrations.migrate-backwards',
    rule: 'migrate <app> <target> unapplies later migrations newest first (removing their columns and records), "zero" unapplies all, and applying again restores them.',
    behaviors: ['FLD-MIG-REVERSE'],
    needs: ['migrations'],
    docs: 'topics/migrations/#reversing-migrations',
    setup: project([...V1, ...V2_ADDED]),
  },
  async ({ session }) => {
    await makeAndMigrate(session, V1);
    await makeAndMigrate(session, [...V1, ...V2_ADDED]);
    const second = 'users.0002_profile_followers_count_profile_is_public';
    expect(await session.ok({ op: 'migrate', app: 'users', target: '0001' })).toEqual({ applied: [], unapplied: [second] });
    expect(await columnsOf(session)).toEqual([['users_profile', ['id', 'bio', 'location', 'profile_image', 'birth_date']]]);
    expect(await session.ok({ op: 'migrate', app: 'users', target: 'zero' })).toEqual({ applied: [], unapplied: ['users.0001_initial'] });
    expect(await session.ok({ op: 'tables' })).toEqual([]);
    expect(outcome(await session.run({ op: 'migrate' }))).toEqual({ ok: { applied: ['users.0001_initial', second], unapplied: [] } });
  },
);
