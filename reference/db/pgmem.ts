/**
 * pg-mem: the embedded default database (no server, microsecond resets).
 *
 * pg-mem is an emulator with gaps next to PostgreSQL. This is the one list of what the reference
 * does about them (`docs/databases.md` has the same list with the reasons):
 * - transactions: pg-mem commits every statement and cannot parse SAVEPOINT, so BEGIN,
 *   SAVEPOINT, ROLLBACK [TO] and RELEASE are intercepted and emulated with snapshots (here);
 * - `DEFERRABLE INITIALLY DEFERRED` does not parse, so foreign keys are not declared to the
 *   database (`reference/orm/schema-editor.ts` skips them when `checksReferencesItself`), and
 *   the ORM checks dangling references itself when the outermost transaction commits, the
 *   moment PostgreSQL would (the `checksReferencesItself` branches of the relations code);
 * - `gen_random_uuid()` and `current_database()` are missing: registered here;
 * - only unique violations carry a SQLSTATE code: `reference/db/errors.ts` classifies pg-mem's
 *   messages instead (the only place the reference reads error text).
 * Gaps that are not worked around, because a shim would make the ORM do the database's job or
 * change what comparisons mean: numeric is a float, bigint loses precision past 2^53, integer
 * overflow raises nothing, ON DELETE SET DEFAULT sets NULL, constraint names in messages are
 * wrong. The cases they break are listed, each with its gap, in
 * `conformance/expectations/reference-pg-mem.json`; PGlite and PostgreSQL judge those cases.
 */
import { randomUUID } from 'node:crypto';
import { newDb, DataType, type IMemoryDb, type IBackup } from 'pg-mem';
import type { Knex } from 'knex';
import type { Database } from './database.js';

function installTransactionEmulation(db: IMemoryDb): void {
  const stack: { name: string; backup: IBackup }[] = [];
  const normalize = (sql: string) => sql.trim().replace(/;+\s*$/, '').replace(/\s+/g, ' ');
  db.public.interceptQueries((sql) => {
    const q = normalize(sql);
    let m: RegExpMatchArray | null;
    if (/^(BEGIN|START TRANSACTION)\b/i.test(q)) {
      stack.length = 0;
      stack.push({ name: '(transaction)', backup: db.backup() });
      return [];
    }
    if (/^(COMMIT|END)$/i.test(q)) {
      stack.length = 0;
      return [];
    }
    if (/^ROLLBACK$/i.test(q)) {
      const outer = stack[0];
      stack.length = 0;
      outer?.backup.restore();
      return [];
    }
    if ((m = /^SAVEPOINT (\S+)$/i.exec(q))) {
      stack.push({ name: m[1]!, backup: db.backup() });
      return [];
    }
    if ((m = /^RELEASE (?:SAVEPOINT )?(\S+)$/i.exec(q))) {
      const i = stack.map((s) => s.name).lastIndexOf(m[1]!);
      if (i < 0) throw new Error(`savepoint "${m[1]}" does not exist`);
      stack.length = i;
      return [];
    }
    if ((m = /^ROLLBACK TO (?:SAVEPOINT )?(\S+)$/i.exec(q))) {
      const i = stack.map((s) => s.name).lastIndexOf(m[1]!);
      if (i < 0) throw new Error(`savepoint "${m[1]}" does not exist`);
      stack[i]!.backup.restore();
      stack.length = i + 1;
      stack[i] = { name: m[1]!, backup: db.backup() };
      return [];
    }
    return null;
  });
}

export async function openPgMem(): Promise<Database> {
  const db = newDb({ autoCreateForeignKeyIndices: true });
  db.public.registerFunction({ name: 'gen_random_uuid', returns: DataType.uuid, implementation: () => randomUUID(), impure: true });
  db.public.registerFunction({ name: 'current_database', returns: DataType.text, implementation: () => 'pgmem' });
  installTransactionEmulation(db);
  // One connection: a second one would wait forever while a transaction is open.
  const knex = db.adapters.createKnex(0, { pool: { min: 1, max: 1 } }) as Knex;
  let clean: IBackup | undefined;
  return {
    engine: 'pg-mem',
    knex,
    checksReferencesItself: true,
    async markClean() {
      clean = db.backup();
    },
    async resetToClean() {
      if (!clean) throw new Error('resetToClean() before markClean()');
      clean.restore();
    },
    async close() {
      await knex.destroy();
    },
  };
}
