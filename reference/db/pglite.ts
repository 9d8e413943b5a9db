/**
 * PGlite: real PostgreSQL compiled to WebAssembly, in-process (no server). The faithful embedded
 * database: transactions, savepoints, deferred constraints, exact numeric and bigint, SQLSTATE
 * codes, all as on a PostgreSQL server.
 *
 * Starting an instance costs about a second and 200+ MB, so a process keeps ONE instance and each
 * session gets its own schema in it. PGlite has a single connection: every session's knex shares
 * it, and the session's schema is made current (`search_path`) whenever another session used the
 * connection last. The data directory after initdb is cached on disk
 * (`node_modules/.cache/djspec/`), so later processes start from it instead of running initdb.
 *
 * What is specific to PGlite (all here):
 * - knex-pglite 0.14.0 reports `.del()` as a result object, not a row count: its response
 *   handling is replaced by knex's own PostgreSQL one (PGlite already reports `rowCount`);
 * - knex-pglite closes the PGlite instance when a knex is destroyed: here it does not, the
 *   instance belongs to the process (`closeSharedPGlite`);
 * - PGlite parses values itself (`pg.types` does not apply): the text types are set in `parsers`;
 * - the server is PostgreSQL 18 (not 15): messages and codes the suite meets are the same.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';
import knexFactory, { type Knex } from 'knex';
import type { Database } from './database.js';
import { TEXT_TYPE_OIDS, quoteIdent, schemaDatabase } from './postgres-shared.js';

/** The installed PGlite's version (its package.json is not exported, so found beside its entry). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
const PGLITE_VERSION = pgliteVersion();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_FILE = join(process.env.DJSPEC_PGLITE_CACHE ?? join(ROOT, 'node_modules/.cache/djspec'), `pglite-${PGLITE_VERSION}-datadir.tar`);

const keepText = (v: string) => v;
const PARSERS = Object.fromEntries(TEXT_TYPE_OIDS.map((oid) => [oid, keepText]));
// A 1 MB WAL segment keeps the cached data directory small (30 MB instead of 39 MB).
const INITDB = ['--wal-segsize=1'];

/** The schema the connection's `search_path` points at, tracked on the shared instance. */
const CURRENT_SCHEMA = Symbol('djspec current schema');
type Connection = PGlite & { [CURRENT_SCHEMA]?: string };

let shared: Promise<PGlite> | undefined;
let sessionCounter = 0;

/** The process's PGlite instance, started on first use (from the cached data directory if any). */
export function sharedPGlite(): Promise<PGlite> {
  shared ??= startPGlite().catch((e) => {
    shared = undefined;
    throw e;
  });
  return shared;
}

async function startPGlite(): Promise<PGlite> {
  if (existsSync(CACHE_FILE)) {
    try {
      const pg = new PGlite({ loadDataDir: new Blob([readFileSync(CACHE_FILE)]), parsers: PARSERS });
      await pg.waitReady;
      return pg;
    } catch {
      // A damaged or incompatible cache: fall through to initdb and rewrite it.
    }
  }
  const pg = new PGlite({ parsers: PARSERS, initDbStartParams: INITDB });
  await pg.waitReady;
  await writeCache(pg).catch(() => undefined); // the cache is an optimisation only
  return pg;
}

async function writeCache(pg: PGlite): Promise<void> {
  const tarball = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
  mkdirSync(dirname(CACHE_FILE), { recursive: true });
  // Written aside and renamed, so a parallel worker never reads half a file.
  const temporary = `${CACHE_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, tarball);
  renameSync(temporary, CACHE_FILE);
}

/** Closes the process's instance (the next session starts a new one). */
export async function closeSharedPGlite(): Promise<void> {
  const pending = shared;
  shared = undefined;
  const pg = await pending?.catch(() => undefined);
  if (pg && !pg.closed) await pg.close();
}

// knex's own PostgreSQL response handling, which knex-pglite overrides with a broken `.del()`.
const ClientPg = Object.getPrototypeOf(ClientPgLite.prototype) as { processResponse(obj: unknown, runner: unknown): unknown };

/** A knex client for one session: its own schema on the shared connection. */
class SessionClient extends ClientPgLite {
  declare config: Knex.Config & { connection: { pglite: PGlite; schema: string } };

  processResponse(obj: unknown, runner: unknown): unknown {
    return ClientPg.processResponse.call(this, obj, runner);
  }

  // The instance belongs to the process, not to a session's knex.
  override async destroyRawConnection(): Promise<void> {}

  async setSchemaSearchPath(): Promise<boolean> {
    return true;
  }

  async _query(connection: Connection, obj: { sql?: string }): Promise<unknown> {
    const schema = this.config.connection.schema;
    if (connection[CURRENT_SCHEMA] !== schema) {
      await connection.query(`SET search_path TO ${quoteIdent(schema)}`);
      connection[CURRENT_SCHEMA] = schema;
    }
    // A rollback also undoes a SET made inside the transaction: look again next time.
    if (/^\s*ROLLBACK\b/i.test(obj.sql ?? '')) connection[CURRENT_SCHEMA] = undefined;
    return (ClientPgLite.prototype as unknown as { _query(c: Connection, o: unknown): Promise<unknown> })._query.call(this, connection, obj);
  }
}

export async function openPGlite(): Promise<Database> {
  const pg = await sharedPGlite();
  const schema = `djspec_${++sessionCounter}`;
  await pg.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)}`);
  const knex = knexFactory({ client: SessionClient as unknown as typeof Knex.Client, connection: { pglite: pg, schema } as never });
  return schemaDatabase('pglite', knex, schema);
}
