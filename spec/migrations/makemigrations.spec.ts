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
