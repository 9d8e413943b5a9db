/**
 * A real PostgreSQL server (`DATABASE_URL`): the judge of what pg-mem only emulates.
 * Each session gets its own schema, so sessions in parallel workers never see each other.
 */
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Database } from './database.js';

// Keep the server's exact text for the types the reference parses itself: int8 (beyond 2^53),
// numeric (scale), timestamps (microseconds), dates (no local-midnight Date).
const TEXT_TYPES = [20, 1700, 1082, 1083, 1114, 1184] as const;
for (const oid of TEXT_TYPES) pg.types.setTypeParser(oid, (v: string) => v);

let sessionCounter = 0;

export async function openPostgres(url: string | undefined): Promise<Database> {
  if (!url) throw new Error('DJSPEC_DB=postgres needs DATABASE_URL (for example postgres://postgres@127.0.0.1:5432/test)');
  const schema = `djspec_${process.pid}_${++sessionCounter}_${Date.now().toString(36)}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA "${schema}"`);
  await admin.destroy();
  const knex = knexFactory({ client: 'pg', connection: url, searchPath: [schema], pool: { min: 1, max: 1 } });
  return {
    engine: 'postgres',
    knex,
    checksReferencesItself: false,
    async markClean() {},
    async resetToClean() {
      const tables = await knex.raw(`SELECT tablename FROM pg_tables WHERE schemaname = ?`, [schema]);
      const names = (tables.rows as { tablename: string }[]).map((r) => `"${schema}"."${r.tablename}"`);
      if (names.length) await knex.raw(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`);
    },
    async close() {
      await knex.raw(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
      await knex.destroy();
    },
  };
}
