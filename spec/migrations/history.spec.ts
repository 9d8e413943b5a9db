import { specCase, fc, expect } from '../support/index.js';
import type { SpecSession } from '../support/index.js';
import { beforeMigrate, noteApp, type FieldDecl } from './support.js';
import { expectedName, expectedOperations, history, ONE_OFF, POOL } from './history-rule.js';

function rowFor(fields: FieldDecl[]) {
  return Object.fromEntries(fields.map((f) => [f.name, POOL.find((p) => p.name === f.name)!.value]));
}

async function tablesOf(session: SpecSession) {
  const tables = (await session.ok({ op: 'tables' })) as Array<{ table: string; columns: Array<{ name: string; null: boolean; has_default?: boolean }> }>;
  return tables.map((t) => ({ table: t.table, columns: t.columns.map((c) => (c.name === 'id' ? { name: c.name, null: c.null } : c)) }));
}

specCase(
  {
    id: 'migrations.history.operations-follow-the-autodetector',
    rule: 'For any sequence of edits to a model, each makemigrations writes the next numbered migration whose operations are removals, then additions, then alterations, each sorted by field name, named from their fragments (or 0001_initial), and nothing when the model did not change.',
    behaviors: ['FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA', 'FLD-MIG-IDEMPOTENT'],
    needs: ['migrations'],
    docs: 'topics/migrations/#workflow',
  },
  async ({ open, property }) => {
    await property(history, async (versions) => {
      const opened = await open(beforeMigrate(versions[0]!));
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      let previous: FieldDecl[] | undefined;
      let number = 0;
      for (const fields of versions) {
        const made = await session.ok({ op: 'makemigrations', apps: [noteApp(fields)], defaults: ONE_OFF });
        const operations = expectedOperations(previous, fields);
        if (operations.length === 0) expect(made).toEqual({ migrations: [] });
        else {
          number += 1;
          const dependencies = number === 1 ? [] : [['tapp', expect.any(String)]];
          expect(made).toEqual({ migrations: [{ app: 'tapp', name: expectedName(number, operations), initial: number === 1, dependencies, operations }] });
        }
        previous = fields;
      }
      expect(await session.ok({ op: 'tables' })).toEqual([]);
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'migrations.history.migrated-schema-equals-direct-schema',
    rule: 'Migrating through any sequence of model versions gives the same tables, columns and nullability as creating the last version directly, and the rows written along the way survive every step.',
    behaviors: ['FLD-MIG-MIGRATE-RECORDS', 'FLD-MIG-ADDFIELD-BACKFILL'],
    needs: ['migrations', 'models.crud'],
    docs: 'topics/migrations/',
  },
  async ({ open, property }) => {
    await property(history, async (versions) => {
      const opened = await open(beforeMigrate(versions[0]!));
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      for (const fields of versions) {
        await session.ok({ op: 'makemigrations', apps: [noteApp(fields)], defaults: ONE_OFF });
        await session.ok({ op: 'migrate' });
        await session.create('tapp.Note', rowFor(fields));
      }
      const last = versions.at(-1)!;
      const direct = await open({ apps: [noteApp(last)] });
      if (!direct.ok) throw new Error(direct.error.message);
      expect(await tablesOf(session)).toEqual(await tablesOf(direct.session));
      expect(await session.ok({ op: 'count', model: 'tapp.Note' })).toBe(versions.length);
      expect((await session.ok({ op: 'showmigrations' }) as Array<{ applied: boolean }>).every((m) => m.applied)).toBe(true);
    }, { numRuns: 20 });
  },
);
