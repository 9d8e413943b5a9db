/**
 * pg-mem: the embedded default database (no server, microsecond resets).
 *
 * pg-mem is an emulator with gaps next to PostgreSQL. Every workaround the reference needs for
 * it lives in this file and nowhere else:
 * - transactions: pg-mem commits every statement and cannot parse SAVEPOINT, so BEGIN,
 *   SAVEPOINT, ROLLBACK [TO] and RELEASE are intercepted and emulated with snapshots;
 * - `DEFERRABLE INITIALLY DEFERRED` does not parse, so foreign keys are not declared to the
 *   database; the reference checks references itself at "commit" (`checksReferencesItself`);
 * - `gen_random_uuid()` and `current_database()` are missing and registered here.
 * Gaps that are not worked around (numeric as a float, bigint past 2^53, no integer range
 * errors, millisecond timestamps) are listed in `conformance/expectations/reference-pg-mem.json`.
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
    // A backup cannot be restored once the schema changed, so ROLLBACK cannot undo DDL.
    rollsBackSchemaChanges: false,
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
    // pg-mem's information_schema reports every column as NOT NULL.
    async describeTables() {
      return [...db.public.listTables()].map((table) => ({
        table: table.name,
        columns: [...table.getColumns()].map((c) => ({ name: c.name, null: c.nullable, has_default: c.hasDefault })),
      }));
    },
  };
}
