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
 * - `varchar(n)` counts UTF-16 units where PostgreSQL counts code points, so the length check
 *   of a cast to `varchar(n)` is replaced by one that counts code points (here);
 * - pg-mem accepts any number in `smallint`, `integer` and `numeric(p, s)` columns, so each such
 *   column gets a CHECK of PostgreSQL's range, and a violation is reported with PostgreSQL's
 *   message ("smallint out of range", "numeric field overflow") (here);
 * - only unique violations carry a SQLSTATE code: `reference/db/errors.ts` classifies pg-mem's
 *   messages instead (the only place the reference reads error text).
 * Gaps that are not worked around, because a shim would make the ORM do the database's job or
 * change what comparisons mean: numeric is a float, bigint loses precision past 2^53, timestamps
 * keep milliseconds, ON DELETE SET DEFAULT sets NULL, constraint names in messages are wrong.
 * The cases they break are listed, each with its gap, in
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

let varcharPatched = false;

/** Makes pg-mem's `varchar(n)` length check count code points, as PostgreSQL does. */
function countVarcharInCodePoints(db: IMemoryDb): void {
  if (varcharPatched) return;
  varcharPatched = true;
  interface TextTypeLike {
    len: number | null;
    primary: string;
    doCast(value: CastValue, to: TextTypeLike): CastValue;
  }
  interface CastValue {
    setConversion(convert: (s: string) => string, describe: (x: unknown) => unknown): CastValue;
  }
  const proto = Object.getPrototypeOf(db.public.getType(DataType.text)) as TextTypeLike;
  const original = proto.doCast;
  proto.doCast = function (this: TextTypeLike, value: CastValue, to: TextTypeLike) {
    const limit = to.len;
    if (to.primary !== DataType.text || limit === null || (this.len !== null && this.len < limit)) return original.call(this, value, to);
    return value.setConversion(
      (str) => {
        if (str && str.length > limit && [...str].length > limit) throw new Error(`value too long for type character varying(${limit})`);
        return str;
      },
      (truncate) => ({ truncate, len: limit }),
    );
  };
}

const RANGE_CHECK = 'djspec_range';

/** Adds, to a CREATE TABLE, a CHECK per smallint / integer / numeric(p, s) column with PostgreSQL's range. */
function withRangeChecks(sql: string): string {
  const m = /^CREATE TABLE ("(?:[^"]|"")+") \(([\s\S]*)\)$/.exec(sql.trim());
  if (!m) return sql;
  const checks: string[] = [];
  const column = /"((?:[^"]|"")+)" (smallint|integer|numeric\((\d+), (\d+)\))(?= |,|$)/g;
  for (const c of m[2]!.matchAll(column)) {
    const quoted = `"${c[1]}"`;
    if (c[2] === 'smallint') checks.push(`CONSTRAINT "${RANGE_CHECK}_smallint_${checks.length}" CHECK (${quoted} BETWEEN -32768 AND 32767)`);
    else if (c[2] === 'integer') checks.push(`CONSTRAINT "${RANGE_CHECK}_integer_${checks.length}" CHECK (${quoted} BETWEEN -2147483648 AND 2147483647)`);
    else {
      const whole = Number(c[3]) - Number(c[4]);
      const bound = `1${'0'.repeat(whole)}`;
      checks.push(`CONSTRAINT "${RANGE_CHECK}_numeric_${checks.length}" CHECK (${quoted} > -${bound} AND ${quoted} < ${bound})`);
    }
  }
  return checks.length ? `CREATE TABLE ${m[1]} (${m[2]}, ${checks.join(', ')})` : sql;
}

/** PostgreSQL's message for a value outside its column type, from the name of the CHECK that caught it. */
function rangeError(error: unknown): unknown {
  const m = new RegExp(`constraint "${RANGE_CHECK}_(smallint|integer|numeric)_`).exec((error as Error)?.message ?? '');
  if (!m) return error;
  // SQLSTATE 22003 (numeric_value_out_of_range), as PostgreSQL reports it.
  return Object.assign(new Error(m[1] === 'numeric' ? 'numeric field overflow' : `${m[1]} out of range`), { code: '22003' });
}

function installRangeChecks(knex: Knex): void {
  const client = knex.client as { _query(connection: unknown, obj: { sql: string }): Promise<unknown> };
  const original = client._query.bind(client);
  client._query = async (connection, obj) => {
    try {
      return await original(connection, { ...obj, sql: withRangeChecks(obj.sql) });
    } catch (e) {
      throw rangeError(e);
    }
  };
}

export async function openPgMem(): Promise<Database> {
  const db = newDb({ autoCreateForeignKeyIndices: true });
  db.public.registerFunction({ name: 'gen_random_uuid', returns: DataType.uuid, implementation: () => randomUUID(), impure: true });
  db.public.registerFunction({ name: 'current_database', returns: DataType.text, implementation: () => 'pgmem' });
  installTransactionEmulation(db);
  countVarcharInCodePoints(db);
  // One connection: a second one would wait forever while a transaction is open.
  const knex = db.adapters.createKnex(0, { pool: { min: 1, max: 1 } }) as Knex;
  installRangeChecks(knex);
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
