/**
 * What the reference needs from a database, and the switch that picks one:
 * `DJSPEC_DB=pg-mem` (default, embedded emulator), `pglite` (embedded PostgreSQL in
 * WebAssembly), `postgres` (a server at `DATABASE_URL`).
 * The ORM code is the same on every database; what is specific to one lives in its module.
 */
import type { Knex } from 'knex';

export interface Database {
  engine: 'pg-mem' | 'postgres' | 'pglite';
  knex: Knex;
  /**
   * True when the database cannot declare Django's deferred foreign keys
   * (`REFERENCES ... DEFERRABLE INITIALLY DEFERRED`), so the reference checks dangling
   * references itself where Django's database would, at COMMIT.
   */
  checksReferencesItself: boolean;
  /** Remembers the current state (schema created, no rows) as the state `resetToClean()` returns to. */
  markClean(): Promise<void>;
  resetToClean(): Promise<void>;
  close(): Promise<void>;
  /**
   * The tables of the public schema with their columns (name, nullable, has a default), where the
   * database's `information_schema` cannot be trusted for that; absent means it can.
   */
  describeTables?(): Promise<TableDescription[]>;
  /**
   * False when a rolled-back transaction keeps its schema changes (pg-mem), so whoever ran DDL
   * in it must undo that DDL itself; absent means the database rolls DDL back.
   */
  rollsBackSchemaChanges?: boolean;
}

export interface TableDescription {
  table: string;
  columns: Array<{ name: string; null: boolean; has_default: boolean }>;
}

export type DatabaseKind = Database['engine'];
export const DATABASE_KINDS: readonly DatabaseKind[] = ['pg-mem', 'pglite', 'postgres'];

export function databaseKind(env: NodeJS.ProcessEnv = process.env): DatabaseKind {
  const kind = (env.DJSPEC_DB ?? 'pg-mem').trim() || 'pg-mem';
  if ((DATABASE_KINDS as readonly string[]).includes(kind)) return kind as DatabaseKind;
  throw new Error(`DJSPEC_DB=${kind} is not a database the reference knows (${DATABASE_KINDS.join(', ')})`);
}

export async function openDatabase(kind: DatabaseKind = databaseKind()): Promise<Database> {
  switch (kind) {
    case 'pg-mem':
      return (await import('./pgmem.js')).openPgMem();
    case 'pglite':
      pgliteUsed = true;
      return (await import('./pglite.js')).openPGlite();
    case 'postgres':
      return (await import('./postgres.js')).openPostgres(process.env.DATABASE_URL);
  }
}

/** Releases what a process keeps between sessions (the shared PGlite instance). */
export async function closeDatabases(): Promise<void> {
  if (pgliteUsed) await (await import('./pglite.js')).closeSharedPGlite();
}

let pgliteUsed = false;
