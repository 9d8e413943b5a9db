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

specCase(
  {
    id: 'migrations.history.backwards-to-any-target',
    rule: 'After applying a whole history, migrating back to any earlier migration (or zero) leaves exactly that migration and its ancestors recorded and the schema of that version, and migrating forwards again restores the last one.',
    behaviors: ['FLD-MIG-REVERSE'],
    needs: ['migrations', 'models.crud'],
    docs: 'ref/django-admin/#migrate',
  },
  async ({ open, property }) => {
    await property(fc.tuple(history, fc.nat()), async ([versions, pick]) => {
      const opened = await open(beforeMigrate(versions[0]!));
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      // The version each migration leads to, in order.
      const written: Array<{ name: string; fields: FieldDecl[] }> = [];
      for (const fields of versions) {
        const made = (await session.ok({ op: 'makemigrations', apps: [noteApp(fields)], defaults: ONE_OFF })) as { migrations: Array<{ name: string }> };
        for (const m of made.migrations) written.push({ name: m.name, fields });
        await session.ok({ op: 'migrate' });
      }
      // No rows here: re-adding a removed NOT NULL field to rows fails (see backwards-readding-required-field-fails).
      const keep = pick % (written.length + 1);
      const target = keep === 0 ? 'zero' : written[keep - 1]!.name;
      const back = await session.ok({ op: 'migrate', app: 'tapp', target });
      // When nothing runs, migrate also reports the apps with unmigrated changes (none here).
      const nothing = keep === written.length ? { unmigrated_changes: [] } : {};
      expect(back).toEqual({ applied: [], unapplied: written.slice(keep).reverse().map((m) => `tapp.${m.name}`), ...nothing });
      expect(await session.ok({ op: 'showmigrations' })).toEqual(written.map((m, i) => ({ app: 'tapp', name: m.name, applied: i < keep })));
      if (keep === 0) expect(await tablesOf(session)).toEqual([]);
      else {
        const direct = await open({ apps: [noteApp(written[keep - 1]!.fields)] });
        if (!direct.ok) throw new Error(direct.error.message);
        expect(await tablesOf(session)).toEqual(await tablesOf(direct.session));
      }
      expect(await session.ok({ op: 'migrate' })).toEqual({ applied: written.slice(keep).map((m) => `tapp.${m.name}`), unapplied: [], ...nothing });
    }, { numRuns: 20 });
  },
);
