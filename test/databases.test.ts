/**
 * The reference's databases behind `DJSPEC_DB`: each session is isolated from the others (on
 * PGlite they share one connection and switch schemas), a reset empties the rows and restarts
 * the sequences, a rolled-back transaction leaves nothing behind, and deletes report their row
 * count. PostgreSQL runs when `DATABASE_URL` is set.
 *
 * Also keeps the expectations files honest: only pg-mem has one (PGlite and PostgreSQL must pass
 * with none), and every id it lists is a case of the suite.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, databaseKind, closeDatabases, type Database, type DatabaseKind } from '../reference/db/database.js';
import { parseExpectations } from '../conformance/runner/expectations.js';
import { PROJECT_ROOT } from '../conformance/runner/select.js';

const kinds: DatabaseKind[] = ['pg-mem', 'pglite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];

afterAll(async () => {
  await closeDatabases();
});

async function withTable(kind: DatabaseKind): Promise<Database> {
  const db = await openDatabase(kind);
  await db.knex.raw('CREATE TABLE note (id serial PRIMARY KEY, title varchar(20) NOT NULL)');
  await db.markClean();
  return db;
}

const titles = async (db: Database) => (await db.knex('note').orderBy('id').select('id', 'title')).map((r: { id: number; title: string }) => `${r.id}:${r.title}`);

describe.each(kinds)('the %s database', (kind) => {
  it('isolates sessions, resets rows and sequences, and counts deletes', async () => {
    const a = await withTable(kind);
    const b = await withTable(kind);
    try {
      await a.knex('note').insert([{ title: 'a1' }, { title: 'a2' }]);
      await b.knex('note').insert({ title: 'b1' });
      expect([await titles(a), await titles(b)]).toEqual([['1:a1', '2:a2'], ['1:b1']]);

      expect(await a.knex('note').where({ title: 'a2' }).del()).toBe(1);
      await a.resetToClean();
      await a.knex('note').insert({ title: 'again' });
      expect([await titles(a), await titles(b)]).toEqual([['1:again'], ['1:b1']]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rolls back a failed transaction without touching another session', async () => {
    const a = await withTable(kind);
    const b = await withTable(kind);
    try {
      await expect(
        a.knex.transaction(async (trx) => {
          await trx('note').insert({ title: 'gone' });
          await b.knex('note').insert({ title: 'kept' });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      // pg-mem has one database per session; PGlite's sessions share a connection, so B's insert
      // ran inside A's transaction there: that is why a case never interleaves two sessions' transactions.
      expect(await titles(a)).toEqual([]);
      expect(await titles(b)).toEqual(kind === 'pglite' ? [] : ['1:kept']);
      await b.knex('note').insert({ title: 'after' });
      expect((await titles(b)).map((t) => t.split(':')[1])).toContain('after');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('the database switch', () => {
  it('names the databases it knows when given another', () => {
    expect(databaseKind({})).toBe('pg-mem');
    expect(databaseKind({ DJSPEC_DB: 'pglite' })).toBe('pglite');
    expect(() => databaseKind({ DJSPEC_DB: 'mysql' })).toThrow('DJSPEC_DB=mysql is not a database the reference knows (pg-mem, pglite, postgres)');
  });

  it('says what is missing when PostgreSQL has no URL or no server', async () => {
    const saved = process.env.DATABASE_URL;
    try {
      delete process.env.DATABASE_URL;
      await expect(openDatabase('postgres')).rejects.toThrow('DJSPEC_DB=postgres needs DATABASE_URL');
      process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/test';
      await expect(openDatabase('postgres')).rejects.toThrow(/cannot use the PostgreSQL server at DATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:1\/test: .*ECONNREFUSED/);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

describe('the reference expectations files', () => {
  const dir = join(PROJECT_ROOT, 'conformance/expectations');
  const caseIds = new Set<string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.spec.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/\bid: '([a-z0-9.-]+)'/g)) caseIds.add(m[1]!);
    }
  };
  walk(join(PROJECT_ROOT, 'spec'));

  it('exist for pg-mem only: PGlite and PostgreSQL pass the suite with none', () => {
    expect(existsSync(join(dir, 'reference-pg-mem.json'))).toBe(true);
    expect(existsSync(join(dir, 'reference-pglite.json'))).toBe(false);
    expect(existsSync(join(dir, 'reference-postgres.json'))).toBe(false);
  });

  it('list only cases the suite has, each with the gap as its reason', () => {
    const file = join(dir, 'reference-pg-mem.json');
    const listed = parseExpectations(readFileSync(file, 'utf8'), file).expectedFailures;
    expect([...listed.keys()].filter((id) => !caseIds.has(id))).toEqual([]);
    for (const [id, reason] of listed) expect(reason, id).toMatch(/^pg-mem /);
  });
});
