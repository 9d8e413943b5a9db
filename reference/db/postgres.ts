/**
 * A real PostgreSQL server (`DATABASE_URL`): the judge of what pg-mem only emulates.
 * Each session gets its own schema, so sessions in parallel workers never see each other;
 * it is dropped when the session closes.
 */
import knexFactory from 'knex';
import pg from 'pg';
import type { Database } from './database.js';
import { TEXT_TYPE_OIDS, quoteIdent, schemaDatabase } from './postgres-shared.js';

for (const oid of TEXT_TYPE_OIDS) pg.types.setTypeParser(oid, (v: string) => v);

let sessionCounter = 0;

export async function openPostgres(url: string | undefined): Promise<Database> {
  if (!url) throw new Error('DJSPEC_DB=postgres needs DATABASE_URL (for example postgres://postgres@127.0.0.1:5432/test)');
  const schema = `djspec_${process.pid}_${++sessionCounter}_${Date.now().toString(36)}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    searchPath: [schema],
    pool: {
      min: 1,
      max: 1,
      // Test data needs no durability: a COMMIT does not wait for the WAL flush (semantics unchanged).
      afterCreate: (conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) => {
        conn.query('SET synchronous_commit TO off', (err) => done(err, conn));
      },
    },
  });
  try {
    await knex.raw(`CREATE SCHEMA ${quoteIdent(schema)}`);
  } catch (e) {
    await knex.destroy();
    throw new Error(`cannot use the PostgreSQL server at DATABASE_URL=${url}: ${(e as Error).message}`);
  }
  return schemaDatabase('postgres', knex, schema);
}
