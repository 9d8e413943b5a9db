/**
 * What PostgreSQL proper (a server, or PGlite) needs on top of knex, shared by both modules:
 * value parsing that keeps the server's exact text, the reset between property runs, and a
 * session's database as one schema of its own.
 */
import type { Knex } from 'knex';
import type { Database } from './database.js';

/**
 * Types read back as the server's text, which the reference parses itself: int8 (beyond 2^53),
 * numeric (scale), date, time, timestamp and timestamptz (microseconds; no local-midnight Date).
 */
export const TEXT_TYPE_OIDS = [20, 1700, 1082, 1083, 1114, 1184] as const;

/** A schema name of our own making; quoted anyway. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Empties every table of the current schema and restarts its sequences, in one statement
 * (one round trip, one transaction). DELETE is several times cheaper than TRUNCATE on tables this
 * small; foreign keys are all `DEFERRABLE` (Django declares them so), so deferring them lets the
 * tables be emptied in any order and checks them once, at the end, on empty tables.
 */
export const RESET_CURRENT_SCHEMA_SQL = `DO $$
DECLARE r record;
BEGIN
  SET CONSTRAINTS ALL DEFERRED;
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DELETE FROM %I', r.tablename);
  END LOOP;
  FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
    EXECUTE format('ALTER SEQUENCE %I RESTART', r.sequencename);
  END LOOP;
END $$`;

export async function resetCurrentSchema(knex: Knex): Promise<void> {
  await knex.raw(RESET_CURRENT_SCHEMA_SQL);
}

/** A session's database: `schema` (already created) on `knex`, emptied on reset, dropped on close. */
export function schemaDatabase(engine: 'pglite' | 'postgres', knex: Knex, schema: string): Database {
  return {
    engine,
    knex,
    checksReferencesItself: false,
    async markClean() {},
    async resetToClean() {
      await resetCurrentSchema(knex);
    },
    async close() {
      await knex.raw(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
      await knex.destroy();
    },
  };
}
