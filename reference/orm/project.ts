/**
 * One running project: the app registry, the database, the signals, and the connection state
 * (autocommit, or inside `atomic()`). Every ORM operation takes the project it runs in.
 */
import type { Knex } from 'knex';
import type { AppSpec, SessionSetupParsed } from '../../conformance/contract/schema.js';
import type { Database } from '../db/database.js';
import { databaseError } from '../db/errors.js';
import { SignalRegistry } from '../signals/dispatcher.js';
import { Apps } from './registry.js';
import type { ModelMeta } from './options.js';

export class Project {
  apps: Apps;
  readonly signals: SignalRegistry;
  /** The connection in use: the knex pool in autocommit, or the open transaction. */
  private connections: Knex[] = [];
  /** Work to run when the outermost transaction commits (deferred constraint checks). */
  private onCommit: Array<(conn: Knex) => Promise<void>> = [];

  constructor(readonly setup: SessionSetupParsed, readonly db: Database) {
    this.apps = new Apps(setup.apps, setup.settings?.DEFAULT_AUTO_FIELD ?? 'django.db.models.AutoField');
    this.signals = new SignalRegistry(setup.signals ?? []);
  }

  get conn(): Knex {
    return this.connections.at(-1) ?? this.db.knex;
  }

  get inAtomicBlock(): boolean {
    return this.connections.length > 0;
  }

  /**
   * Replaces the models of the apps named in `changed` (a project whose models.py files were
   * edited), keeping INSTALLED_APPS and its order. No `ready()` runs and the database is untouched.
   */
  async reloadModels(changed: AppSpec[]): Promise<void> {
    const specs = this.apps.configs.map((config) => changed.find((c) => c.name === config.spec.name) ?? config.spec);
    const apps = new Apps(specs, this.setup.settings?.DEFAULT_AUTO_FIELD ?? 'django.db.models.AutoField');
    await apps.loadAppsAndModels();
    this.apps = apps;
  }

  model(label: string): ModelMeta {
    return this.apps.model(label);
  }

  /** Runs a query, turning database errors into Django's exceptions. */
  async query<T>(build: (conn: Knex) => PromiseLike<T>): Promise<T> {
    try {
      return await build(this.conn);
    } catch (e) {
      throw databaseError(e);
    }
  }

  /**
   * `transaction.atomic()`: a transaction, or a savepoint when already inside one. If `work`
   * throws, everything it wrote is rolled back and the error propagates.
   */
  async atomic<T>(work: () => Promise<T>): Promise<T> {
    const outer = !this.inAtomicBlock;
    let result: T | undefined;
    let failure: unknown;
    try {
      await this.conn.transaction(async (trx) => {
        this.connections.push(trx);
        try {
          result = await work();
          if (outer) await this.runCommitChecks(trx);
        } catch (e) {
          failure = e;
          throw e;
        } finally {
          this.connections.pop();
        }
      });
    } catch (e) {
      if (outer) this.onCommit = [];
      throw failure ?? databaseError(e);
    }
    return result as T;
  }

  /** Registers a check to run at the outermost COMMIT (or right away in autocommit). */
  async atCommit(check: (conn: Knex) => Promise<void>): Promise<void> {
    if (this.inAtomicBlock) this.onCommit.push(check);
    else await check(this.conn);
  }

  private async runCommitChecks(trx: Knex): Promise<void> {
    const checks = this.onCommit;
    this.onCommit = [];
    for (const check of checks) await check(trx);
  }
}
